"""Faults with real processes (RELIABILITY R-a…R-d): Redis stopped while people work, a worker
killed in the middle of a batch, a poison job. A Celery worker subprocess renders on the
PostgreSQL test database through a redis-server that belongs to the test.

Each test prints its figures (jobs lost, runs, files, request times). The 100-job batch runs
under `make soak` (marker `soak`); `make test` runs a 12-job batch with the same checks.
"""

import hashlib
import io
import os
import signal
import time
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse

from documents.enums import JobStatus
from documents.models import Job
from emulation.enums import Role
from emulation.models import Actual
from tests.emulation.targets.factories import TargetFactory
from tests.factories import JobFactory, UnitFactory, UserFactory
from tests.reliability.conftest import publish_all, wait_for, wait_for_batch
from tests.reliability.poison import POISON_KIND

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]

BATCH_TIMEOUT = 600


@pytest.fixture
def office(authority):
    """The staff's office, among forty schools: each directory takes two pages to render."""
    for n in range(1, 41):
        UnitFactory(authority=authority, code=f"TH{n:02d}", name=f"Trường Tiểu học số {n}")
    return UnitFactory(authority=authority, code="NV", name="Phòng Nội vụ")


@pytest.fixture
def staff(office):
    return UserFactory(role=Role.AUTHORITY_STAFF, unit=office)


def document_jobs(user, count: int, kind: str = "unit_directory") -> list[Job]:
    """A batch of `count` queued jobs of an existing kind. Another batch (certificates of a
    decision) plugs in by passing its own jobs to `kill_mid_batch`."""
    return [
        JobFactory(requested_by=user, kind=kind, params={"day": f"2026-02-{1 + n % 28:02d}"})
        for n in range(count)
    ]


def assert_produced_once(outcome, media_root: str) -> None:
    """Every job done with its own stored file whose SHA-256 is the recorded one."""
    assert (outcome.lost, len(outcome.done)) == (0, len(outcome.jobs))
    names = {job.result.name for job in outcome.done}
    assert len(names) == len(outcome.jobs)
    for job in outcome.done:
        content = Path(media_root, job.result.name).read_bytes()
        assert hashlib.sha256(content).hexdigest() == job.result_sha256
        assert content.startswith(b"%PDF-")


def test_redis_stopped_pages_and_entry_work_jobs_wait_then_complete(
    client, web_broker, workers, staff, office, authority
):
    redis = web_broker
    worker = workers.start()
    target = TargetFactory(authority=authority, unit=office, code="KN", plan_value=Decimal(200))
    grid = reverse("targets:grid", args=[office.pk, 2023, "year", "official"])
    client.force_login(staff)

    # Before the outage: one job goes through, so the worker holds a live broker connection.
    before = client.post(reverse("emulation:unit_directory_print"), {"day": "01/02/2026"})
    assert before.status_code == 302
    first = Job.objects.get()
    wait_for_batch([first.pk], 120, worker)

    redis.stop()
    answered: list[tuple[str, int, float]] = []

    def timed(method, url, data=None):
        started = time.monotonic()
        response = method(url, data) if data is not None else method(url)
        answered.append((url, response.status_code, time.monotonic() - started))
        return response

    assert timed(client.get, reverse("emulation:home")).status_code == 200
    assert timed(client.get, grid).status_code == 200
    assert timed(client.post, grid, {f"value-{target.pk}": "16.728,5"}).status_code == 302
    assert Actual.objects.get(target=target).value == Decimal("16728.5")
    assert timed(client.get, reverse("emulation:unit_list")).status_code == 200
    for day in range(2, 7):
        response = timed(
            client.post, reverse("emulation:unit_directory_print"), {"day": f"0{day}/02/2026"}
        )
        assert response.status_code == 302
    waiting = list(Job.objects.exclude(pk=first.pk).order_by("pk"))
    assert [(job.status, job.published_at) for job in waiting] == [(JobStatus.QUEUED, None)] * 5
    assert worker.alive()

    redis.start()
    out = io.StringIO()
    call_command("sweep_jobs", stdout=out)
    assert out.getvalue() == "Đã đưa lại vào hàng đợi 5 tác vụ.\n"
    outcome = wait_for_batch([job.pk for job in waiting], 180, worker)

    slowest = max(seconds for _url, _status, seconds in answered)
    print(
        f"redis_down_requests: {len(answered)} errors="
        f"{sum(status >= 500 for _u, status, _s in answered)} slowest_s={slowest:.3f}"
    )
    outcome.report("redis_down_jobs", settings.MEDIA_ROOT)
    assert_produced_once(outcome, settings.MEDIA_ROOT)
    assert [job.attempts for job in outcome.jobs] == [1] * 5


def kill_mid_batch(workers, jobs: list[Job], *, kills: int = 2, concurrency: int = 2):
    """Publish `jobs`, SIGKILL the process rendering one of them `kills` times as the batch
    progresses, and return the outcome once every job has finished. Generic over the kind."""
    worker = workers.start(concurrency=concurrency)
    ids = [job.pk for job in jobs]
    publish_all(jobs)
    killed: list[int] = []
    victims: list[int] = []
    for step in range(1, kills + 1):
        goal = len(jobs) * step // (kills + 1)

        def running_after_goal(goal=goal):
            done = Job.objects.filter(pk__in=ids, status=JobStatus.DONE).count()
            if done < goal:
                return None
            return (
                Job.objects.filter(pk__in=ids, status=JobStatus.RUNNING)
                .exclude(pk__in=victims)
                .exclude(worker_pid=None)
                .values_list("pk", "worker_pid")
                .first()
            )

        job_id, pid = wait_for(
            running_after_goal, BATCH_TIMEOUT, "no job to kill", worker, every=0.02
        )
        os.kill(pid, signal.SIGKILL)
        killed.append(pid)
        victims.append(job_id)
        print(f"killed worker process {pid} while it rendered job {job_id}")
    outcome = wait_for_batch(ids, BATCH_TIMEOUT, worker)
    assert worker.alive()
    return outcome, killed, victims


@pytest.mark.parametrize(
    "size",
    [
        pytest.param(12, id="12-jobs"),
        pytest.param(100, id="100-jobs", marks=[pytest.mark.soak, pytest.mark.timeout(1200)]),
    ],
)
def test_worker_killed_mid_batch_every_document_produced_exactly_once(workers, staff, size):
    outcome, killed, victims = kill_mid_batch(workers, document_jobs(staff, size))

    outcome.report(f"killed_mid_batch_{size}", settings.MEDIA_ROOT)
    assert len(killed) == 2
    assert_produced_once(outcome, settings.MEDIA_ROOT)
    # The killed renders ran again once; nothing else ran twice.
    assert sorted(job.attempts for job in outcome.jobs) == [1] * (size - 2) + [2, 2]
    assert {job.pk for job in outcome.jobs if job.attempts == 2} == set(victims)
    assert outcome.runs == size + len(killed)


def test_poison_job_stops_at_its_attempt_cap_while_the_others_finish(workers, staff):
    worker = workers.start(concurrency=2, include=["tests.reliability.poison"])
    poison = JobFactory(requested_by=staff, kind=POISON_KIND, params={})
    others = document_jobs(staff, 6)
    publish_all([poison, *others])

    outcome = wait_for_batch([poison.pk, *(job.pk for job in others)], BATCH_TIMEOUT, worker)
    poison.refresh_from_db()
    outcome.report("poison_batch", settings.MEDIA_ROOT)
    print(f"poison_job: status={poison.status} attempts={poison.attempts}")

    assert (poison.status, poison.attempts) == (
        JobStatus.FAILED,
        settings.DOCUMENT_JOB_MAX_ATTEMPTS,
    )
    assert poison.error.startswith(f"Đã thử tạo tài liệu {settings.DOCUMENT_JOB_MAX_ATTEMPTS} lần")
    good = [job for job in outcome.jobs if job.pk != poison.pk]
    assert [(job.status, job.attempts) for job in good] == [(JobStatus.DONE, 1)] * 6
    assert worker.alive()
