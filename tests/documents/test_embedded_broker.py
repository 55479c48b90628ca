"""The quick start's pipeline: with no Redis and no PostgreSQL configured (`make run`), a real
worker on the embedded filesystem broker renders a job into a SQLite database under VAR_DIR."""

import hashlib
import os
import shutil
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings

from tests.documents.pdf_checks import pdf_text
from tests.processes import QUICK_START_GROUP

pytestmark = [pytest.mark.worker, pytest.mark.xdist_group(QUICK_START_GROUP)]

SETUP = """
import datetime
from emulation.models import Authority, AuthorityIdentity, Unit, User
from documents.services import request_document
authority = Authority.objects.create(code="nhanh")
AuthorityIdentity.objects.create(
    authority=authority, valid_from=datetime.date(2020, 1, 1), name="Phường Tân Định",
    level="ward", issuer_name="ỦY BAN NHÂN DÂN PHƯỜNG TÂN ĐỊNH", issuer_symbol="UBND",
    place_name="Tân Định",
)
office = Unit.objects.create(
    authority=authority, code="VP", name="Văn phòng", kind="specialist_office"
)
Unit.objects.create(
    authority=authority, code="TDP1", name="Tổ dân phố Hai Bà Trưng", kind="residential"
)
user = User.objects.create_user("nhanh", password="x", role="authority_staff", unit=office)
job = request_document(kind="unit_directory", params={"day": "2026-03-02"}, user=user)
from config.celery import app
transport = type(app.connection_for_write().transport)
print("TRANSPORT", f"{transport.__module__}.{transport.__qualname__}")
print("JOB", job.pk)
"""


def quick_start_env(var_dir: Path) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DATABASE_URL", "REDIS_URL", "MEDIA_ROOT"} and not k.startswith("DJANGO_")
    }
    return {**env, "VAR_DIR": str(var_dir), "PYTHONUNBUFFERED": "1"}


def manage(env, *args, timeout=120) -> str:
    done = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


def test_quick_start_worker_renders_a_job_through_the_filesystem_broker(
    tmp_path, quick_start_database
):
    env = quick_start_env(tmp_path)
    # `manage.py migrate`, run once for the session's quick-start tests (tests/conftest.py).
    shutil.copyfile(quick_start_database, tmp_path / "db.sqlite3")
    printed = manage(env, "shell", "-c", SETUP)
    job_id = int(printed.split("JOB")[-1])
    # The transport that stops polling once its worker is told to stop (config/broker.py).
    assert "TRANSPORT config.broker.Transport\n" in printed
    queued = list((tmp_path / "broker").iterdir())
    assert len(queued) == 1, "the job was not published to the embedded broker"

    worker = subprocess.Popen(
        [
            str(Path(sys.executable).with_name("celery")),
            "-A",
            "config",
            "worker",
            "-P",
            "solo",
            "--loglevel=INFO",
            "--without-gossip",
            "--without-mingle",
            "--without-heartbeat",
        ],
        cwd=settings.BASE_DIR,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        row = None
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline and worker.poll() is None:
            with sqlite3.connect(tmp_path / "db.sqlite3", timeout=20) as db:
                row = db.execute(
                    "SELECT status, error, result, result_sha256, page_count FROM documents_job "
                    "WHERE id = ?",
                    (job_id,),
                ).fetchone()
            if row[0] in ("done", "failed"):
                break
            time.sleep(0.3)
    finally:
        # A warm shutdown, not SIGKILL: closing its channel puts back any message it has not
        # acknowledged, which the empty broker folder checked below must not hold.
        worker.terminate()
        log, _ = worker.communicate(timeout=30)
    assert row is not None and row[:2] == ("done", ""), log

    pdf = (tmp_path / "media" / row[2]).read_bytes()
    assert hashlib.sha256(pdf).hexdigest() == row[3]
    assert row[4] == 1
    text = pdf_text(pdf)
    assert "ỦY BAN NHÂN DÂN PHƯỜNG TÂN ĐỊNH" in text
    assert "Tân Định, ngày 02 tháng 3 năm 2026" in text
    assert "Tổ dân phố Hai Bà Trưng" in text
    assert list((tmp_path / "broker").iterdir()) == []
