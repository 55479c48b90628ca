"""A signed decision's issued file never changes: every print after the first hands out the
same bytes, whoever asks and whatever changed since. The file prints the full address of the
public verification page, and that address finds the decision."""

import datetime
import hashlib
import os
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.test import Client
from django.urls import reverse

from awards.decisions.services import draft_decision, revoke_decision, sign_decision
from documents.enums import JobStatus
from documents.models import Job
from documents.services import run_job
from tests.awards.conftest import in_state
from tests.documents.pdf_checks import pdf_text
from tests.factories import JobFactory

pytestmark = pytest.mark.django_db
PUBLIC_BASE = "https://thidua.example.gov.vn"


@pytest.fixture
def draft(nomination, staff, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    settings.PUBLIC_BASE_URL = PUBLIC_BASE
    nomination = in_state(nomination, "approved", verdict="eligible")
    nomination.lines.update(approved=True)
    return draft_decision(
        user=staff, year=2025, title="Về việc tặng danh hiệu LĐTT", lines=nomination.lines.all()
    )


@pytest.fixture
def signed(draft, chair):
    return sign_decision(decision=draft, user=chair, day=datetime.date.today())


def printed(decision, user) -> Job:
    job = JobFactory(kind="award_decision", params={"decision": decision.pk}, requested_by=user)
    job = run_job(job_id=job.pk, worker_pid=os.getpid())
    assert job.status == JobStatus.DONE, job.error
    return job


def content(job: Job) -> bytes:
    with job.result.open("rb") as handle:
        return handle.read()


def test_printing_again_hands_out_the_issued_file(signed, chair, staff):
    first = printed(signed, chair)
    # What a new rendering would say has changed: the decision was revoked since.
    revoke_decision(decision=signed, user=chair, reason="Sai", day=datetime.date.today())
    second = printed(signed, staff)
    assert second.result_sha256 == first.result_sha256
    assert content(second) == content(first)
    assert hashlib.sha256(content(second)).hexdigest() == first.result_sha256
    assert "đã bị hủy bỏ" not in pdf_text(content(second))
    assert Path(second.result.name).name == Path(first.result.name).name


def test_the_verification_page_lists_one_row_per_distinct_file(signed, chair, staff):
    first = printed(signed, chair)
    printed(signed, staff)
    body = (
        Client()
        .get(reverse("awards:decision_verify"), {"so": signed.reference, "nam": signed.number_year})
        .content.decode()
    )
    assert body.count(first.result_sha256) == 1


def test_the_issued_file_prints_the_full_address_that_finds_it(signed, chair):
    text = pdf_text(content(printed(signed, chair)))
    link = (
        f"{PUBLIC_BASE}/khen-thuong/quyet-dinh/xac-thuc/"
        f"?so={signed.reference}&nam={signed.number_year}"
    )
    assert f"Tra cứu, xác thực văn bản tại: {link}" in text
    address = urlsplit(link)
    response = Client().get(f"{address.path}?{address.query}")
    assert response.status_code == 200
    assert "Quyết định đã ban hành, đang có hiệu lực." in response.content.decode()


def test_a_draft_is_rendered_anew_and_prints_no_link(draft, staff):
    first = printed(draft, staff)
    draft.title = "Về việc tặng danh hiệu Lao động tiên tiến"
    draft.save(update_fields=["title"])
    second = printed(draft, staff)
    assert second.result_sha256 != first.result_sha256
    assert "Tra cứu, xác thực văn bản tại" not in pdf_text(content(second))


def test_a_lost_issued_file_stops_the_print(signed, chair, staff):
    first = printed(signed, chair)
    Path(first.result.path).unlink()
    job = JobFactory(kind="award_decision", params={"decision": signed.pk}, requested_by=staff)
    job = run_job(job_id=job.pk, worker_pid=os.getpid())
    assert job.status == JobStatus.FAILED
    assert "khôi phục tệp từ bản sao lưu" in job.error
