"""Benchmark of many year-end reports at once: `make bench` prints `name: value` lines.

In December every commune prints its report in the same two weeks. A report is not split into
chunks: it prints summaries, and its time does not grow with the size of the year
(bench_report.py: 3,000 and 30,000 award lines take the same time). Many authorities' reports
are many jobs, which the worker processes claim one each. This bench asks for REPORTS reports
of the demo year (fixtures/demo*.json: every section filled) at once, as the staff's requests
do, and runs them on a real worker (Redis, PostgreSQL) of 1, then 2 pool processes.

- year_end_reports_<n>_wall_s_workers_<p>: seconds from the requests to every report done,
  with p pool processes;
- year_end_reports_<n>_speedup_2_over_1: the ratio;
- year_end_reports_per_hour_per_worker: reports one process prints in an hour (1-process run);
- year_end_reports_pages: the pages of each report (all the same).
"""

import os
import time

import pytest
from django.core.management import call_command

from demo.fixtures import fixture_path
from documents.enums import FINISHED_STATUSES, JobStatus
from documents.models import Job
from documents.services import request_document
from emulation.models import User
from emulation.reports.documents import YEAR_END_REPORT
from tests.bench.bench_certificates import report, start_worker, stop_worker

pytestmark = [
    pytest.mark.bench,
    pytest.mark.django_db(transaction=True),
    pytest.mark.timeout(1800),
]

REPORTS = 24
PROCESSES = (1, 2)
YEAR = 2026  # the demo year
DEMO_PARTS = (
    "demo",
    "demo_targets",
    "demo_awards",
    "demo_pledges",
    "demo_scoring",
    "demo_movements",
)
JOB_TIMEOUT = 900


def print_reports(staff: User, *, redis_url: str, processes: int) -> float:
    """Seconds from REPORTS requests to every report done, on a worker of `processes` pool
    processes started (and warmed by one report) for this run alone."""
    running = start_worker(redis_url=redis_url, options=("-c", str(processes)))
    try:
        warm = wait_done(
            [request_document(kind=YEAR_END_REPORT, params={"year": YEAR}, user=staff)]
        )
        assert warm == [JobStatus.DONE], running.tail()
        started = time.perf_counter()
        jobs = [
            request_document(kind=YEAR_END_REPORT, params={"year": YEAR}, user=staff)
            for _index in range(REPORTS)
        ]
        statuses = wait_done(jobs)
        wall = time.perf_counter() - started
    finally:
        stop_worker(running)
    assert statuses == [JobStatus.DONE] * REPORTS, (
        Job.objects.filter(pk__in=[job.pk for job in jobs]).exclude(status=JobStatus.DONE)[:1],
        running.tail(),
    )
    pages = set(
        Job.objects.filter(pk__in=[job.pk for job in jobs]).values_list("page_count", flat=True)
    )
    assert len(pages) == 1 and min(pages) > 1, pages
    report("year_end_reports_pages", min(pages))
    return wall


def wait_done(jobs: list[Job]) -> list[str]:
    ids = [job.pk for job in jobs]
    deadline = time.monotonic() + JOB_TIMEOUT
    while time.monotonic() < deadline:
        statuses = list(
            Job.objects.filter(pk__in=ids).order_by("pk").values_list("status", flat=True)
        )
        if all(status in FINISHED_STATUSES for status in statuses):
            return statuses
        time.sleep(0.1)
    return statuses


def test_bench_year_end_reports_on_worker_processes(
    require_postgres, require_redis, settings, tmp_path
):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    for part in DEMO_PARTS:
        call_command("loaddata", str(fixture_path(part)), verbosity=0)
    staff = User.objects.get(username="canbo.thidua")
    walls = {}
    for processes in PROCESSES:
        walls[processes] = print_reports(staff, redis_url=require_redis, processes=processes)
        report(f"year_end_reports_{REPORTS}_wall_s_workers_{processes}", round(walls[processes], 1))
    report(f"year_end_reports_{REPORTS}_speedup_2_over_1", round(walls[1] / walls[2], 2))
    report("year_end_reports_per_hour_per_worker", round(REPORTS * 3600 / walls[1]))
    report("year_end_reports_cpus", os.cpu_count())
