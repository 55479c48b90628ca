"""tests/schema_template.py under pytest-xdist: the controller migrates one PostgreSQL template
while the workers start, each worker waits for it and creates its test database as a copy."""

import os
import threading

import pytest
from django.db import connection

from tests import schema_template


def test_a_failed_migration_reaches_every_worker_with_its_reason(tmp_path, monkeypatch):
    ready = tmp_path / "ready"
    monkeypatch.setenv(schema_template.READY_VARIABLE, str(ready))
    # No server listens on port 1: the template cannot be made.
    schema_template._make_and_report("postgres://postgres@127.0.0.1:1/thidua", ready)
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


@pytest.mark.django_db
def test_each_xdist_worker_copies_the_template_on_postgresql(require_postgres):
    if not os.environ.get("PYTEST_XDIST_WORKER"):
        pytest.skip("a run with pytest-xdist workers (make test) copies a template")
    name = schema_template.template_name(os.environ["DATABASE_URL"])
    assert connection.settings_dict["TEST"].get("TEMPLATE") == name
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_database WHERE datname = %s", [name])
        assert cursor.fetchone() == (1,)
