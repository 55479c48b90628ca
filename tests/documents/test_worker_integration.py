"""A real Celery worker renders documents requested through the web, on PostgreSQL and Redis.

The worker is a subprocess (`celery -A config worker -P prefork -c 1`) pointed at the test
database; its log is printed when a test fails. Its broker is a redis-server of this test
process's own (one per xdist worker, tests/processes.py): two xdist workers never share a queue.
Run with DATABASE_URL=postgres://postgres@127.0.0.1:5432/thidua and redis-server installed.
"""

import hashlib
import io
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse
from pypdf import PdfReader

from documents.enums import FINISHED_STATUSES, JobStatus
from documents.models import Job
from documents.services import publish_job, request_document
from emulation.enums import Role, UnitKind
from tests.conftest import XDIST_WORKER, service_missing
from tests.documents.pdf_checks import pdf_text
from tests.factories import (
    TEST_PASSWORD,
    JobFactory,
    PersonFactory,
    UnitFactory,
    UserFactory,
    rename_district_to_ward,
)
from tests.processes import (
    READY_TIMEOUT,
    RedisServer,
    end_worker,
    project_env,
    publisher_on,
    spawn_worker,
    wait_until,
)

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]

JOB_TIMEOUT = 90


@pytest.fixture(scope="session")
def worker_redis(tmp_path_factory):
    """This xdist worker's redis-server, started once for its worker tests."""
    if shutil.which("redis-server") is None:
        service_missing("the worker tests need redis-server (apt-get install redis-server)")
    server = RedisServer(tmp_path_factory.mktemp(f"redis-{XDIST_WORKER}"))
    server.start()
    yield server
    server.stop()


@pytest.fixture
def worker(require_postgres, worker_redis, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    worker_redis.flush()
    env = project_env(redis_url=worker_redis.url)
    running = spawn_worker(
        options=[
            *("-P", "prefork", "-c", "1", "--loglevel=INFO"),
            *("-Q", ",".join(settings.TASK_QUEUE_NAMES), "-n", f"documents-test-{os.getpid()}@%h"),
            *("--without-gossip", "--without-mingle"),
        ],
        env=env,
    )
    wait_until(
        lambda: any(" ready." in line for line in running.log),
        READY_TIMEOUT,
        running,
        "the worker did not start",
    )
    with publisher_on(worker_redis.url):
        yield running
    end_worker(running)
    print(f"--- worker log (exit code {running.process.returncode}) ---\n{''.join(running.log)}")


def finished(job_id: int) -> Job | None:
    job = Job.objects.get(pk=job_id)
    return job if job.status in FINISHED_STATUSES else None


@pytest.fixture
def requester(authority):
    """A staff member of an authority with a ward and enough schools for two pages."""
    rename_district_to_ward(authority)
    office = UnitFactory(authority=authority, code="NV", name="Phòng Nội vụ")
    UnitFactory(
        authority=authority,
        code="BT",
        name="Phường Bến Thành",
        kind=UnitKind.WARD,
        head=PersonFactory(authority=authority, full_name="Nguyễn Văn Thành"),
    )
    for n in range(1, 41):
        UnitFactory(
            authority=authority,
            code=f"TH{n:02d}",
            name=f"Trường Tiểu học Lê Quý Đôn số {n}",
            kind=UnitKind.SCHOOL,
        )
    return UserFactory(role=Role.AUTHORITY_STAFF, unit=office)


def test_worker_renders_the_unit_directory_requested_through_the_web(client, worker, requester):
    signed_in = client.post(
        reverse("login"), {"username": requester.username, "password": TEST_PASSWORD}
    )
    assert signed_in.status_code == 302

    response = client.post(reverse("emulation:unit_directory_print"), {"day": "05/02/2026"})

    job = Job.objects.get(requested_by=requester)
    assert (job.kind, job.params) == ("unit_directory", {"day": "2026-02-05"})
    assert response.status_code == 302
    assert response.url == reverse("documents:job_detail", args=[job.pk])
    page = client.get(response.url)
    assert page.status_code == 200
    assert "<h1>Danh sách đơn vị</h1>" in page.content.decode()

    seen_progress: list[int] = []

    def fragment_finished() -> bool:
        html = client.get(reverse("documents:job_status", args=[job.pk])).content.decode()
        seen_progress.append(int(re.search(r'<progress [^>]*value="(\d+)"', html)[1]))
        return "hx-trigger" not in html

    wait_until(fragment_finished, JOB_TIMEOUT, worker, "the unit directory was not finished")
    print(f"progress seen by the job page: {seen_progress}")

    job.refresh_from_db()
    assert (job.status, job.error, job.progress, job.attempts) == (JobStatus.DONE, "", 100, 1)
    assert job.worker_pid not in (None, os.getpid())
    download = client.get(reverse("documents:job_download", args=[job.pk]))
    assert download.status_code == 200
    content = b"".join(download.streaming_content)
    assert hashlib.sha256(content).hexdigest() == job.result_sha256
    assert len(content) == job.result_size
    assert len(PdfReader(io.BytesIO(content)).pages) == job.page_count == 2
    text = pdf_text(content)
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
    assert "ỦY BAN NHÂN DÂN PHƯỜNG SÀI GÒN" in text
    assert "Sài Gòn, ngày 05 tháng 02 năm 2026" in text
    assert "BT Phường Bến Thành Nguyễn Văn Thành" in text
    assert "Trường Tiểu học Lê Quý Đôn số 40" in text


def test_worker_fails_bad_jobs_with_a_reason_and_keeps_serving(worker, requester):
    unknown = JobFactory(requested_by=requester, kind="khong_ton_tai", params={})
    bad_day = JobFactory(requested_by=requester, params={"day": "31/02/2026"})
    assert publish_job(unknown.pk) is True
    assert publish_job(bad_day.pk) is True

    unknown = wait_until(lambda: finished(unknown.pk), JOB_TIMEOUT, worker, "unknown kind")
    bad_day = wait_until(lambda: finished(bad_day.pk), JOB_TIMEOUT, worker, "invalid day")
    good = request_document(kind="unit_directory", params={"day": "2024-03-15"}, user=requester)
    good = wait_until(lambda: finished(good.pk), JOB_TIMEOUT, worker, "the good job")

    assert (unknown.status, unknown.error) == (
        JobStatus.FAILED,
        "Loại tài liệu “khong_ton_tai” không được hỗ trợ.",
    )
    assert (bad_day.status, bad_day.error) == (
        JobStatus.FAILED,
        "Ngày lập tài liệu không hợp lệ: 31/02/2026",
    )
    assert (good.status, good.error, good.page_count) == (JobStatus.DONE, "", 2)
    assert worker.alive()
    stored = Path(settings.MEDIA_ROOT, good.result.name).read_bytes()
    assert hashlib.sha256(stored).hexdigest() == good.result_sha256
    assert "ỦY BAN NHÂN DÂN QUẬN 1" in pdf_text(stored)


# Requests the unit directory through the web view in a process whose broker is unreachable.
REQUEST_WITH_BROKER_DOWN = """
import json, sys, time
import django
django.setup()
from django.test import Client
from django.urls import reverse
from emulation.models import User
client = Client()
client.force_login(User.objects.get(pk=int(sys.argv[1])))
started = time.monotonic()
response = client.post(reverse("emulation:unit_directory_print"), {"day": "05/02/2026"})
print(json.dumps({"status": response.status_code, "location": response.get("Location"),
                  "seconds": round(time.monotonic() - started, 3)}))
"""


def test_broker_down_keeps_the_request_working_and_the_sweeper_publishes_later(worker, requester):
    # Nothing listens on port 1: the web process cannot reach its broker.
    down = subprocess.run(
        [sys.executable, "-c", REQUEST_WITH_BROKER_DOWN, str(requester.pk)],
        cwd=settings.BASE_DIR,
        env=project_env(redis_url="redis://127.0.0.1:1/0"),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert down.returncode == 0, down.stderr
    outcome = json.loads(down.stdout.strip().splitlines()[-1])
    print(f"request with the broker down answered in {outcome['seconds']} s")
    job = Job.objects.get(requested_by=requester)
    assert (outcome["status"], outcome["location"]) == (
        302,
        reverse("documents:job_detail", args=[job.pk]),
    )
    assert (job.status, job.published_at) == (JobStatus.QUEUED, None)
    assert "not published, broker unavailable" in down.stderr

    out = io.StringIO()
    call_command("sweep_jobs", stdout=out)

    assert out.getvalue() == "Đã đưa lại vào hàng đợi 1 tác vụ.\n"
    job = wait_until(lambda: finished(job.pk), JOB_TIMEOUT, worker, "the swept job")
    assert (job.status, job.attempts, job.page_count) == (JobStatus.DONE, 1, 2)
