"""Benchmark of year-end reports on a real worker: `make bench` prints `name: value` lines.

In December every commune prints its report in the same two weeks. Many authorities' reports
are many jobs, which the worker processes claim one each. This bench asks for REPORTS reports
of the demo year (fixtures/demo*.json: every section filled) at once, as the staff's requests
do, and runs them on a real worker (Redis, PostgreSQL) of 1, then 2 pool processes.

One report is laid out in two parts, the report and its appendix "danh sách đề nghị khen
thưởng" (documents.parts): the job's process lays out the report while another process lays out
the appendix. The second measurement adds PROPOSALS nominees proposed to the superior (the
appendix then runs to a dozen pages, as a district's or a large ward's does) and asks for one
report at a time, SINGLE_RUNS times, on 1 then 2 pool processes.

- year_end_reports_<n>_wall_s_workers_<p>: seconds from the requests to every report done,
  with p pool processes;
- year_end_reports_<n>_speedup_2_over_1: the ratio;
- year_end_reports_per_hour_per_worker: reports one process prints in an hour (1-process run);
- year_end_reports_pages: the pages of each report (all the same);
- year_end_report_proposals_<k>_wall_s_workers_<p>: the median seconds from the request of
  one report with k proposals to its file, with p pool processes;
- year_end_report_proposals_<k>_speedup_2_over_1 and year_end_report_proposals_<k>_pages.
"""

import datetime
import os
import statistics
import time

import pytest
from django.core.management import call_command

from awards.enums import AwardCode, NominationState, SubjectKind, SubmissionStatus
from awards.models import Award, Nomination, NominationLine, Submission, SubmissionLine
from demo.fixtures import fixture_path
from documents.enums import FINISHED_STATUSES, JobStatus
from documents.models import Job
from documents.services import request_document
from emulation.models import Employment, User
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
PROPOSALS = 300
SINGLE_RUNS = 5


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


def seed_proposals(staff: User, chair: User, count: int) -> None:
    """A signed tờ trình proposing `count` nominees to the superior: the authority's people
    for Chiến sĩ thi đua cấp tỉnh, then households for the province's Bằng khen."""
    authority = staff.unit.authority
    awards = {award.code: award for award in Award.objects.all()}
    people = list(
        Employment.objects.filter(unit__authority=authority, end_date__isnull=True)
        .order_by("person_id")
        .values_list("person_id", flat=True)
        .distinct()[:count]
    )
    nomination = Nomination.objects.create(
        authority=authority,
        unit=staff.unit,
        year=YEAR,
        title=f"Đề nghị cấp trên khen thưởng năm {YEAR}",
        state=NominationState.FORWARDED,
        created_by=staff,
    )
    lines = NominationLine.objects.bulk_create(
        NominationLine(
            nomination=nomination,
            award=awards[AwardCode.CSTD_TINH if index < len(people) else AwardCode.BANG_KHEN_TINH],
            subject_kind=SubjectKind.INDIVIDUAL if index < len(people) else SubjectKind.HOUSEHOLD,
            person_id=people[index] if index < len(people) else None,
            household_name="" if index < len(people) else f"Hộ ông Trần Văn {index}",
            achievement="Thành tích xuất sắc tiêu biểu năm",
            eligible=True,
            approved=True,
        )
        for index in range(count)
    )
    submission = Submission.objects.create(
        authority=authority,
        year=YEAR,
        title=f"Về việc đề nghị khen thưởng cấp tỉnh năm {YEAR}",
        number=90,
        number_year=YEAR + 1,
        symbol="TTr-UBND",
        signed_on=datetime.date(YEAR + 1, 1, 10),
        signed_by=chair,
        created_by=staff,
        status=SubmissionStatus.SIGNED,
    )
    SubmissionLine.objects.bulk_create(
        SubmissionLine(submission=submission, nomination_line=line) for line in lines
    )


def print_single_reports(staff: User, *, redis_url: str, processes: int) -> float:
    """The median seconds from one report's request to its file, over SINGLE_RUNS reports
    asked for one after the other, on a warm worker of `processes` pool processes."""
    running = start_worker(redis_url=redis_url, options=("-c", str(processes)))
    walls = []
    try:
        for _run in range(SINGLE_RUNS + 1):  # the first warms the processes
            started = time.perf_counter()
            job = request_document(kind=YEAR_END_REPORT, params={"year": YEAR}, user=staff)
            assert wait_done([job]) == [JobStatus.DONE], running.tail()
            walls.append(time.perf_counter() - started)
    finally:
        stop_worker(running)
    job.refresh_from_db()
    report(f"year_end_report_proposals_{PROPOSALS}_pages", job.page_count)
    return statistics.median(walls[1:])


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

    seed_proposals(staff, User.objects.get(username="chutich"), PROPOSALS)
    single = {}
    for processes in PROCESSES:
        single[processes] = print_single_reports(
            staff, redis_url=require_redis, processes=processes
        )
        report(
            f"year_end_report_proposals_{PROPOSALS}_wall_s_workers_{processes}",
            round(single[processes], 2),
        )
    report(
        f"year_end_report_proposals_{PROPOSALS}_speedup_2_over_1", round(single[1] / single[2], 2)
    )
