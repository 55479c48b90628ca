"""Benchmark of one large print run: `make bench` prints `name: value` lines.

Needs PostgreSQL and Redis (real workers run the job), like bench_certificates.py, whose
realistic decision it draws at 10,000 lines (9,970 people with distinct Vietnamese names and
30 collectives, seven award kinds, achievements up to the longest the frame takes).

- certificates_10000_wall_s_workers_<n>: from the print request (a POST of the decision page)
  to every file ready (the merged PDF and one PDF/A file per recipient), with one worker of
  n pool processes (`-c n`: 1, 2 and 4). Before each run the certificates are made unissued
  again and their files removed, so that every run draws all 10,000. The worker's task time
  limits are raised (TIME_LIMITS): the figure is the time the run takes, even where the
  product's limit would have stopped it.
- certificates_10000_speedup_2_over_1, certificates_10000_speedup_4_over_1: the ratios. The
  chunks of a job are claimed by any process (awards/certificates/documents.py), so the run
  scales with the cores the machine gives: 4 processes on 2 cores do not beat 2.
- certificates_per_hour_per_worker: certificates one worker process draws in an hour, from
  the 1-process run (how many processes a thousand certificates an hour need).
- certificates_scale_cpus: the cores of the machine the figures were taken on.
"""

import os
import shutil
import time
from pathlib import Path

import pytest
from django.core.management import call_command
from django.urls import reverse

from awards.models import Certificate
from documents.enums import FINISHED_STATUSES, JobStatus
from documents.models import Job
from emulation.models import User
from tests.bench.bench_certificates import (
    COLLECTIVES,
    report,
    signed_decision,
    start_worker,
    stop_worker,
)

pytestmark = [
    pytest.mark.bench,
    pytest.mark.django_db(transaction=True),
    pytest.mark.timeout(3600),
]

CERTIFICATES = 10_000
PROCESSES = (1, 2, 4)
# The job's task draws whatever chunks no other process claims, so with one process it draws
# all 10,000 itself: about 70 s on an idle machine, more than the product's soft limit of
# 240 s (CELERY_TASK_SOFT_TIME_LIMIT) on a busy one, which would end the run FAILED and
# measure nothing. The bench's worker gets a limit that lets every run finish.
TIME_LIMITS = {"CELERY_TASK_SOFT_TIME_LIMIT": "1500", "CELERY_TASK_TIME_LIMIT": "1560"}
JOB_TIMEOUT = 1560


def print_run(client, decision, *, redis_url: str, processes: int) -> float:
    """Seconds from the print request to the job done, on a worker of `processes` pool
    processes started for this run alone."""
    running = start_worker(
        redis_url=redis_url,
        options=("-c", str(processes)),
        environment=TIME_LIMITS,
    )
    try:
        started = time.perf_counter()
        response = client.post(reverse("awards:decision_certificates", args=[decision.pk]))
        assert response.status_code == 302
        job = Job.objects.order_by("-pk").first()
        deadline = time.monotonic() + JOB_TIMEOUT
        while job.status not in FINISHED_STATUSES and time.monotonic() < deadline:
            time.sleep(0.1)
            job.refresh_from_db()
        wall = time.perf_counter() - started
    finally:
        stop_worker(running)
    assert job.status == JobStatus.DONE, (processes, job.error, running.tail())
    assert job.page_count == CERTIFICATES
    issued = Certificate.objects.filter(decision_line__decision=decision).exclude(sha256="")
    assert issued.count() == CERTIFICATES
    return wall


def unissue(decision, media_root: Path) -> None:
    """Make every certificate of the decision unissued again and remove the files, so that
    the next run draws them all (an issued certificate is never drawn twice)."""
    Certificate.objects.filter(decision_line__decision=decision).update(
        file="", sha256="", issued_at=None, printed={}
    )
    shutil.rmtree(media_root / "certificates", ignore_errors=True)
    shutil.rmtree(media_root / "jobs", ignore_errors=True)


def test_bench_certificates_scale(client, require_postgres, require_redis, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    call_command("loaddata", "fixtures/demo.json", verbosity=0)
    staff = User.objects.get(username="canbo.thidua")
    chair = User.objects.get(username="chutich")
    decision = signed_decision(chair, staff, people=CERTIFICATES - COLLECTIVES)
    client.force_login(staff)

    walls = {}
    for processes in PROCESSES:
        unissue(decision, Path(settings.MEDIA_ROOT))
        walls[processes] = print_run(
            client,
            decision,
            redis_url=require_redis,
            processes=processes,
        )
        name = f"certificates_{CERTIFICATES}_wall_s_workers_{processes}"
        report(name, round(walls[processes], 1))
    report("certificates_scale_cpus", os.cpu_count())
    for processes in PROCESSES[1:]:
        report(
            f"certificates_{CERTIFICATES}_speedup_{processes}_over_1",
            round(walls[1] / walls[processes], 2),
        )
    report("certificates_per_hour_per_worker", round(CERTIFICATES * 3600 / walls[1]))
