"""The public verification page of decisions: by number and year or by file, without sign-in;
status valid or revoked at once; the SHA-256 shown is the issued file's."""

import datetime
import hashlib
import os

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from awards.decisions.services import draft_decision, revoke_decision, sign_decision
from documents.services import run_job
from tests.awards.conftest import in_state
from tests.factories import JobFactory

pytestmark = pytest.mark.django_db
URL = "/khen-thuong/quyet-dinh/xac-thuc/"


@pytest.fixture
def issued(nomination, staff, chair, settings, tmp_path):
    """A signed decision and its PDF rendered after signing."""
    settings.MEDIA_ROOT = str(tmp_path / "media")
    nomination = in_state(nomination, "approved", verdict="eligible")
    nomination.lines.update(approved=True)
    decision = draft_decision(
        user=staff, year=2025, title="Về việc tặng danh hiệu LĐTT", lines=nomination.lines.all()
    )
    sign_decision(decision=decision, user=chair, day=datetime.date.today())
    job = JobFactory(kind="award_decision", params={"decision": decision.pk}, requested_by=chair)
    job = run_job(job_id=job.pk, worker_pid=os.getpid())
    decision.refresh_from_db()
    return decision, job


def test_verify_by_number_shows_status_and_sha256_of_issued_file(issued):
    decision, job = issued
    response = Client().get(URL, {"so": decision.reference, "nam": decision.number_year})
    body = response.content.decode()
    assert response.status_code == 200
    assert "Quyết định đã ban hành, đang có hiệu lực." in body
    assert decision.reference == "01/QĐ-UBND"
    assert "Về việc tặng danh hiệu LĐTT" in body
    content = job.result.open("rb").read()
    assert hashlib.sha256(content).hexdigest() == job.result_sha256
    assert job.result_sha256 in body
    assert "Lê Văn Tám" not in body  # no personal data on the public page


def test_verify_by_uploaded_file_matches_and_changed_byte_does_not(issued):
    _decision, job = issued
    content = job.result.open("rb").read()
    upload = SimpleUploadedFile("qd.pdf", content, "application/pdf")
    body = Client().post(URL, {"file": upload}).content.decode()
    assert "Tệp trùng khớp với quyết định đã ban hành, đang có hiệu lực." in body
    # One byte changed for sure (writing "0" over a "0" would change nothing).
    altered = content[:-10] + bytes([content[-10] ^ 1]) + content[-9:]
    upload = SimpleUploadedFile("qd.pdf", altered, "application/pdf")
    body = Client().post(URL, {"file": upload}).content.decode()
    assert "Tệp không khớp với quyết định nào đã ban hành." in body


def test_revoked_decision_shows_revoked_at_once(issued, chair):
    decision, _job = issued
    revoke_decision(
        decision=decision, user=chair, reason="Sai đối tượng", day=datetime.date.today()
    )
    body = Client().get(URL, {"so": decision.reference, "nam": decision.number_year})
    assert "Quyết định đã bị hủy bỏ ngày" in body.content.decode()


def test_draft_decision_is_not_found(nomination, staff):
    nomination = in_state(nomination, "approved", verdict="eligible")
    nomination.lines.update(approved=True)
    draft_decision(user=staff, year=2025, title="Dự thảo", lines=nomination.lines.all())
    body = Client().get(URL, {"so": "01/QĐ-UBND", "nam": datetime.date.today().year})
    assert (
        "Không tìm thấy quyết định đã ban hành với số, ký hiệu và năm này." in body.content.decode()
    )


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"reference": "QĐ-UBND", "year": "2026"}, "Số, ký hiệu không đúng dạng"),
        ({"reference": "01/QĐ-UBND"}, "Hãy nhập số, ký hiệu và năm ban hành"),
        ({"reference": "01/QĐ-UBND", "year": "năm nay"}, "Năm ban hành phải là một số"),
    ],
)
def test_verify_bad_input_answers_in_vietnamese(data, message):
    response = Client().post(URL, data)
    assert response.status_code == 400
    assert message in response.content.decode()


def test_a_file_rendered_early_on_the_signing_day_counts_as_issued(issued):
    """Signed on a Vietnamese day; the file rendered at 00:30 that day is 17:30 the day before
    in UTC. It is the issued file all the same, at any hour the check runs."""
    from zoneinfo import ZoneInfo

    from awards.models import Decision
    from documents.models import Job

    decision, job = issued
    signed_on = datetime.date(2026, 1, 6)
    Decision.objects.filter(pk=decision.pk).update(signed_on=signed_on)
    rendered = datetime.datetime(2026, 1, 6, 0, 30, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))
    Job.objects.filter(pk=job.pk).update(created_at=rendered)
    body = Client().get(URL, {"so": decision.reference, "nam": decision.number_year})
    assert job.result_sha256 in body.content.decode()
