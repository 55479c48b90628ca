"""tests/schema_template.py under pytest-xdist: the controller migrates one template (a
PostgreSQL database, or a SQLite file kept while the migrations stay the same) while the workers
start; each worker waits for it and creates its test database as a copy."""

import contextlib
import os
import sqlite3
import threading
from pathlib import Path

import pytest
from django.db import connection
from django.db.utils import ConnectionHandler

from tests import schema_template


def test_a_failed_migration_reaches_every_worker_with_its_reason(tmp_path, monkeypatch):
    ready = tmp_path / "ready"
    monkeypatch.setenv(schema_template.READY_VARIABLE, str(ready))
    # No server listens on port 1: the template cannot be made.
    url = "postgres://postgres@127.0.0.1:1/thidua"
    schema_template._report(ready, lambda: schema_template.make_template(url))
    failure = schema_template.wait_for_workers_template(timeout=1)
    assert failure is not None
    assert "port 1 failed" in failure, failure


def test_a_worker_waits_for_the_template_then_goes_on(tmp_path, monkeypatch):
    ready = tmp_path / "ready"
    monkeypatch.setenv(schema_template.READY_VARIABLE, str(ready))
    assert schema_template.wait_for_workers_template(timeout=0.2) == "not migrated within 0 s"
    threading.Timer(0.3, ready.write_text, args=("ok",)).start()
    assert schema_template.wait_for_workers_template(timeout=30) is None


def test_without_a_template_a_process_migrates_its_own_database(monkeypatch):
    monkeypatch.delenv(schema_template.READY_VARIABLE, raising=False)
    assert schema_template.wait_for_workers_template(timeout=0) is None


def test_the_sqlite_template_is_named_after_the_migrations(tmp_path, monkeypatch):
    migrations = tmp_path / "app" / "migrations"
    migrations.mkdir(parents=True)
    (migrations / "0001_initial.py").write_text("operations = []\n")
    monkeypatch.setattr(schema_template, "BASE_DIR", tmp_path)
    first = schema_template.sqlite_template_path(tmp_path / "test")
    assert first == schema_template.sqlite_template_path(tmp_path / "test")
    (migrations / "0002_more.py").write_text("operations = []\n")
    assert schema_template.sqlite_template_path(tmp_path / "test") != first


def test_a_sqlite_test_database_starts_as_a_copy_of_the_template(tmp_path):
    template = tmp_path / "template.sqlite3"
    with contextlib.closing(sqlite3.connect(template)) as made:
        made.execute("CREATE TABLE migrated (id integer)")
        made.commit()
    test_name = tmp_path / "test.sqlite3"
    connection = ConnectionHandler(
        {
            "default": {
                "ENGINE": "config.test_sqlite",
                "NAME": str(tmp_path / "db.sqlite3"),
                "TEST": {"NAME": str(test_name), "TEMPLATE": str(template)},
            }
        }
    )["default"]
    assert connection.creation._create_test_db(verbosity=0, autoclobber=True) == str(test_name)
    assert test_name.read_bytes() == template.read_bytes()


@pytest.mark.django_db
def test_each_xdist_worker_copies_the_template():
    if not os.environ.get("PYTEST_XDIST_WORKER"):
        pytest.skip("a run with pytest-xdist workers (make test) copies a template")
    template = connection.settings_dict["TEST"].get("TEMPLATE")
    if connection.vendor == "postgresql":
        assert template == schema_template.template_name(os.environ["DATABASE_URL"])
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM pg_database WHERE datname = %s", [template])
            assert cursor.fetchone() == (1,)
    else:
        path = Path(template)
        assert path == schema_template.sqlite_template_path(path.parent)
        assert path.is_file()
