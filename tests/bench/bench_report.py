"""Benchmark of the year-end report; `make bench` prints `name: value` lines.

- year_end_report_large_s: the report of the `seed_demo` large authority (200 units, 40
  targets each and 40 of the authority's own, four periods), from building its data to the
  stored PDF/A, in a warm worker (fonts and stylesheet already loaded, as in a running worker).
- year_end_report_large_pages: its page count.
- year_end_annex_large_s: the xlsx annex of the same year (built in the request).
"""

import os
import time

import pytest
from django.core.management import call_command

from documents.enums import JobStatus
from documents.rendering import render_pdf
from documents.services import run_job
from emulation.models import User
from emulation.reports.annex import annex_xlsx
from emulation.reports.documents import YEAR_END_REPORT
from emulation.reports.selectors import year_end_report
from tests.factories import JobFactory

pytestmark = [pytest.mark.bench, pytest.mark.django_db]

YEAR = 2025


def report(name: str, value) -> None:
    print(f"{name}: {value}")


def test_bench_year_end_report(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    call_command("seed_demo", units=200, people_per_unit=2, authority_code="bench", verbosity=0)
    call_command(
        "seed_targets", authority_code="bench", targets=40, periods=4, year=YEAR, verbosity=0
    )
    staff = User.objects.get(username="bench.canbo")
    render_pdf("<p>Khởi động</p>", archival=True)  # a running worker is warm

    job = JobFactory(kind=YEAR_END_REPORT, params={"year": YEAR}, requested_by=staff)
    started = time.perf_counter()
    job = run_job(job_id=job.pk, worker_pid=os.getpid())
    elapsed = time.perf_counter() - started
    assert job.status == JobStatus.DONE, job.error

    started = time.perf_counter()
    annex = annex_xlsx(year_end_report(user=staff, year=YEAR))
    annex_elapsed = time.perf_counter() - started
    assert annex.startswith(b"PK")

    report("year_end_report_large_s", round(elapsed, 2))
    report("year_end_report_large_pages", job.page_count)
    report("year_end_annex_large_s", round(annex_elapsed, 2))
