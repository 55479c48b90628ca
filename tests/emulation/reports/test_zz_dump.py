import datetime
import os

import pytest
from django.utils import timezone

from config.reauth import AuthMethod, RequestMeta
from documents.services import run_job
from emulation.reports import policy
from emulation.reports.documents import YEAR_END_REPORT
from emulation.reports.narrative import proposed_texts
from emulation.reports.selectors import year_end_report
from emulation.reports.services import content_sha256, save_report_texts, sign_report
from tests.factories import JobFactory

pytestmark = pytest.mark.django_db


def test_dump(demo_user):
    staff = demo_user("canbo.thidua")
    chair = demo_user("chutich")
    job = JobFactory(kind=YEAR_END_REPORT, params={"year": 2023}, requested_by=staff)
    job = run_job(job_id=job.pk, worker_pid=os.getpid())
    with open("/tmp/report_draft.pdf", "wb") as f:
        f.write(job.result.open("rb").read())
    texts = proposed_texts(year_end_report(user=staff, year=2023))
    report = save_report_texts(user=staff, year=2023, texts=texts, version=0)
    report = sign_report(user=chair, year=2023, day=datetime.date(2026, 1, 8), capacity="deputy",
        shown_hash=content_sha256(report), consent_version=policy.CONSENT_VERSION,
        auth_method=AuthMethod.PASSWORD, authenticated_at=timezone.now(),
        meta=RequestMeta(ip_address="127.0.0.1", user_agent="x", session_key="k"))
    job = run_job(job_id=report.issued_job_id, worker_pid=os.getpid())
    with open("/tmp/report_issued.pdf", "wb") as f:
        f.write(job.result.open("rb").read())
