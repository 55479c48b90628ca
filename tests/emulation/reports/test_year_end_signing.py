"""Signing the year-end report (issue 16): the chairperson signs like a decision (consent and
the password again, evidence kept), the register's BC series numbers it (E-15), it becomes
issued through the workflow, and the issued PDF is rendered once, with its number, "TM. ỦY BAN
NHÂN DÂN", the signer's capacity and name and "Nơi nhận", and the authority's PAdES signature."""

import datetime
import hashlib
import io
import os

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from awards.enums import RegisterSeries
from awards.models import DecisionRegister
from documents.enums import JobStatus
from documents.models import Job, SignedFile
from documents.services import run_job
from emulation.enums import SignerCapacity
from emulation.models.reports import AnnualReport, AnnualReportEvent, AnnualReportSignature
from emulation.reports import policy
from emulation.reports.documents import YEAR_END_REPORT
from emulation.reports.enums import ReportStatus
from emulation.reports.narrative import FIELDS, RECIPIENTS
from emulation.reports.services import content_sha256, save_report_texts
from tests.documents.pdf_checks import pdf_text
from tests.emulation.reports.conftest import YEAR, client_for
from tests.factories import TEST_PASSWORD, JobFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("clean_axes")]

SIGN_URL = f"/bao-cao/tong-ket/{YEAR}/ky/"
PAGE_URL = f"/bao-cao/tong-ket/{YEAR}/"
ISSUED_URL = f"/bao-cao/tong-ket/{YEAR}/ban-hanh.pdf"
SIGNED_COPY_URL = f"/bao-cao/tong-ket/{YEAR}/ban-ky-so/"


def sign_post(client, report, **changes):
    data = {
        "capacity": SignerCapacity.CHAIR,
        "document_sha256": content_sha256(report),
        "consent_version": policy.CONSENT_VERSION,
        "consent": "on",
        "password": TEST_PASSWORD,
    }
    data.update(changes)
    return client.post(SIGN_URL, {k: v for k, v in data.items() if v is not None})


def unchanged(report) -> bool:
    report.refresh_from_db()
    return (
        report.status == ReportStatus.DRAFT
        and report.number is None
        and not AnnualReportSignature.objects.exists()
        and not DecisionRegister.objects.filter(series=RegisterSeries.REPORT).exists()
        and not Job.objects.filter(kind=YEAR_END_REPORT).exists()
    )


def test_signing_page_shows_the_texts_the_number_to_come_and_the_hash(saved, chair):
    body = client_for(chair).get(SIGN_URL).content.decode()
    assert "01/BC-UBND" in body
    assert "Phần weaknesses do cán bộ viết." in body
    assert content_sha256(saved) in body
    assert 'name="capacity"' in body and 'name="password"' in body
    assert 'action="/bao-cao/tong-ket/"' in body  # the draft PDF, to read before signing


def test_chair_signs_numbered_from_the_bc_series_with_evidence(
    saved, chair, broker, django_capture_on_commit_callbacks
):
    before = DecisionRegister.objects.filter(series=RegisterSeries.DECISION).count()
    with django_capture_on_commit_callbacks(execute=True):
        response = sign_post(client_for(chair), saved)
    assert response.status_code == 302 and response["Location"] == PAGE_URL
    saved.refresh_from_db()
    today = timezone.localdate()
    assert (saved.status, saved.reference, saved.signed_by, saved.signed_on) == (
        ReportStatus.ISSUED,
        "01/BC-UBND",
        chair,
        today,
    )
    register = DecisionRegister.objects.get(series=RegisterSeries.REPORT, year=today.year)
    assert register.last_number == 1
    assert DecisionRegister.objects.filter(series=RegisterSeries.DECISION).count() == before
    signature = AnnualReportSignature.objects.get(report=saved)
    assert (signature.user, signature.role, signature.consent_version, signature.auth_method) == (
        chair,
        "chairperson",
        policy.CONSENT_VERSION,
        "password",
    )
    assert signature.user_agent == "Chromium kiểm thử"
    event = AnnualReportEvent.objects.get(report=saved)
    assert (event.from_state, event.to_state, event.by) == ("draft", "issued", chair)
    assert broker == [saved.issued_job_id]
    assert saved.issued_job.requested_by == chair


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"consent": None}, "Hãy đánh dấu đồng ý trước khi ký."),
        ({"password": "sai-mat-khau"}, "Mật khẩu không đúng hoặc chưa nhập lại mật khẩu."),
        ({"password": ""}, "Mật khẩu không đúng hoặc chưa nhập lại mật khẩu."),
        ({"capacity": "giam-doc"}, "Hãy chọn ký với tư cách Chủ tịch hay Phó Chủ tịch."),
        ({"consent_version": "2020-01"}, "Lời đồng ý đã được cập nhật. Hãy đọc lại và ký lại."),
        ({"document_sha256": "0" * 64}, "Nội dung báo cáo đã thay đổi so với bản bạn đã xem."),
    ],
)
def test_refusals_are_in_vietnamese_and_write_nothing(saved, chair, changes, message):
    response = sign_post(client_for(chair), saved, **changes)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert unchanged(saved)


def test_a_save_after_the_chair_read_it_makes_the_signature_refused(saved, staff, chair):
    shown = content_sha256(saved)
    texts = {name: getattr(saved, name) for name in (*FIELDS, RECIPIENTS)}
    save_report_texts(user=staff, year=YEAR, texts=texts | {"lessons": "Sửa sau."}, version=1)
    response = sign_post(client_for(chair), saved, document_sha256=shown)
    assert "Nội dung báo cáo đã thay đổi so với bản bạn đã xem." in response.content.decode()
    assert unchanged(saved)


def test_a_report_never_saved_cannot_be_signed(staff, chair):
    body = client_for(chair).get(SIGN_URL).content.decode()
    assert "chưa được cán bộ thi đua soạn và lưu" in body
    response = sign_post(client_for(chair), AnnualReport(year=YEAR), document_sha256="a" * 64)
    assert "Báo cáo năm 2026 chưa được soạn." in response.content.decode()
    assert not AnnualReport.objects.exists()


@pytest.mark.parametrize("username", ["canbo.thidua", "quantri", "hoidong", "thutruong.vhtt"])
def test_only_the_chairperson_signs(saved, demo_user, username):
    user = demo_user(username)
    user.set_password(TEST_PASSWORD)
    user.save(update_fields=["password"])
    client = client_for(user)
    assert client.get(SIGN_URL).status_code == 403
    assert sign_post(client, saved).status_code == 403
    assert unchanged(saved)


def test_an_issued_report_is_neither_signed_again_nor_edited(saved, chair, staff):
    sign_post(client_for(chair), saved)
    assert "Báo cáo số 01/BC-UBND đã được ký" in client_for(chair).get(SIGN_URL).content.decode()
    texts = dict.fromkeys((*FIELDS, RECIPIENTS), "Sửa sau khi ký.")
    response = client_for(staff).post(PAGE_URL, {"version": 2, **texts})
    assert "Báo cáo đã ký ban hành nên không sửa được nữa." in response.content.decode()
    saved.refresh_from_db()
    assert saved.situation == "Phần situation do cán bộ viết."
    assert DecisionRegister.objects.get(series=RegisterSeries.REPORT).last_number == 1


def issue(saved, chair, **changes):
    sign_post(client_for(chair), saved, **changes)
    saved.refresh_from_db()
    job = run_job(job_id=saved.issued_job_id, worker_pid=os.getpid())
    assert job.status == JobStatus.DONE, job.error
    return job, job.result.open("rb").read()


def test_issued_pdf_is_numbered_signed_with_recipients_and_no_draft_mark(saved, chair):
    job, content = issue(saved, chair)
    text = pdf_text(content)
    signed_on = saved.signed_on
    assert "Số: 01/BC-UBND" in text
    assert f"ngày {signed_on:%d} tháng" in text
    assert "TM. ỦY BAN NHÂN DÂN CHỦ TỊCH" in text
    assert chair.person.full_name in text if chair.person_id else chair.get_full_name() in text
    assert "Nơi nhận: - Ủy ban nhân dân Thành phố; - Lưu: VT, TĐKT." in text
    assert f"(Kèm theo Báo cáo số 01/BC-UBND ngày {signed_on:%d/%m/%Y})" in text
    assert "DỰ THẢO" not in text
    assert "Phần strengths do cán bộ viết." in text
    assert job.result.name.endswith("bao-cao-tong-ket-thi-dua-2026-01-BC-UBND.pdf")


def test_deputy_signs_in_the_chairs_stead(saved, chair):
    _job, content = issue(saved, chair, capacity=SignerCapacity.DEPUTY)
    assert "TM. ỦY BAN NHÂN DÂN KT. CHỦ TỊCH PHÓ CHỦ TỊCH" in pdf_text(content)
    saved.refresh_from_db()
    assert saved.signer_capacity == SignerCapacity.DEPUTY


def test_issued_report_awaits_the_chairs_own_digital_signature(saved, chair, signing_on):
    """DOMAIN §10.4: the issued file carries no signature yet, only the empty field where the
    chairperson's token signs (at the anchor between the capacity and the name); a draft has
    neither. The body's seal follows the filed copy (test_signed_original.py)."""
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.fields import enumerate_sig_fields

    from documents.sealing import PERSONAL_FIELD

    draft = run_job(
        job_id=JobFactory(kind=YEAR_END_REPORT, params={"year": YEAR}, requested_by=chair).pk,
        worker_pid=os.getpid(),
    )
    draft_reader = PdfFileReader(draft.result.open("rb"))
    assert list(enumerate_sig_fields(draft_reader)) == []
    job, content = issue(saved, chair)
    reader = PdfFileReader(io.BytesIO(content))
    assert reader.embedded_signatures == []
    assert [(name, value) for name, value, _ref in enumerate_sig_fields(reader)] == [
        (PERSONAL_FIELD, None)
    ]
    assert job.result_sha256 == hashlib.sha256(content).hexdigest()
    assert "TM. ỦY BAN NHÂN DÂN CHỦ TỊCH" in pdf_text(content)


def test_issued_file_is_served_to_the_authority_and_never_rendered_again(saved, chair, staff):
    assert client_for(staff).get(ISSUED_URL).status_code == 404  # not signed yet
    _job, content = issue(saved, chair)
    response = client_for(staff).get(ISSUED_URL)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == content
    jobs = Job.objects.filter(kind=YEAR_END_REPORT).count()
    response = client_for(staff).post("/bao-cao/tong-ket/", {"year": YEAR})
    assert response.status_code == 302 and response["Location"] == PAGE_URL
    assert Job.objects.filter(kind=YEAR_END_REPORT).count() == jobs
    body = client_for(staff).get(PAGE_URL).content.decode()
    assert "Đã ký ban hành: số 01/BC-UBND" in body and ISSUED_URL in body


def test_register_numbers_reports_in_order_per_year(saved, chair, staff):
    DecisionRegister.objects.create(
        authority=staff.unit.authority,
        year=timezone.localdate().year,
        series=RegisterSeries.REPORT,
        last_number=6,
    )
    sign_post(client_for(chair), saved)
    saved.refresh_from_db()
    assert saved.reference == "07/BC-UBND"
    assert saved.signed_on == timezone.localdate()
    assert isinstance(saved.signed_on, datetime.date)


def test_a_failed_issued_file_says_why_and_who_makes_it_again(saved, chair, staff):
    from documents.services import fail_job

    sign_post(client_for(chair), saved)
    saved.refresh_from_db()
    fail_job(job_id=saved.issued_job_id, reason="Máy tạo tài liệu bị dừng.")
    job_page = f"/tai-lieu/{saved.issued_job_id}/"
    signer_view = client_for(chair).get(PAGE_URL).content.decode()
    assert "Chưa tạo được tệp báo cáo: Máy tạo tài liệu bị dừng." in signer_view
    assert job_page in signer_view
    staff_view = client_for(staff).get(PAGE_URL).content.decode()
    assert "Người ký mở trang tài liệu để tạo lại." in staff_view
    assert job_page not in staff_view
    assert client_for(staff).get(ISSUED_URL).status_code == 404


def test_a_draft_report_takes_no_signed_copy(saved, staff, signing_on):
    """Moved here from test_signed_original.py (its `_file` helper spelled out, the assertions
    unchanged): that module's report is issued for every test, and this one needs a draft."""
    upload = SimpleUploadedFile("bao-cao-da-ky.pdf", b"%PDF-1.7\n", "application/pdf")
    body = client_for(staff).post(SIGNED_COPY_URL, {"file": upload}, follow=True).content.decode()
    assert "Chỉ lưu bản ký số của báo cáo đã ký ban hành." in body
    assert SignedFile.objects.count() == 0
