"""Digital signatures of decisions (DOMAIN §10.4): the issued file carries the authority's
PAdES signature, readable by pyHanko's validator; a copy signed with the chairperson's own
token is accepted only when it is the issued document with valid signatures; the public
verification page reports signer, time, valid or invalid, intact or altered."""

import datetime
import io
import os

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko_certvalidator import ValidationContext

from awards.decisions.services import draft_decision, sign_decision
from documents.enums import JobStatus, SignedFileOrigin
from documents.models import SignedFile
from documents.rendering import render_pdf
from documents.services import run_job
from documents.signing import AUTHORITY_FIELD, outside_event_loop
from tests.awards.conftest import in_state
from tests.documents.pdf_checks import pdf_text
from tests.documents.signing_support import flip_byte, sign_externally
from tests.factories import JobFactory

pytestmark = pytest.mark.django_db
VERIFY_URL = "/khen-thuong/quyet-dinh/xac-thuc/"


def _render(decision, user):
    job = JobFactory(kind="award_decision", params={"decision": decision.pk}, requested_by=user)
    job = run_job(job_id=job.pk, worker_pid=os.getpid())
    assert job.status == JobStatus.DONE, job.error
    return job


@pytest.fixture
def decision(nomination, staff, chair, signing_on, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    nomination = in_state(nomination, "approved", verdict="eligible")
    nomination.lines.update(approved=True)
    decision = draft_decision(
        user=staff, year=2025, title="Về việc tặng danh hiệu LĐTT", lines=nomination.lines.all()
    )
    return decision


@pytest.fixture
def issued(decision, chair):
    """The decision signed in the product and its file rendered (and signed) in the worker."""
    sign_decision(decision=decision, user=chair, day=datetime.date.today())
    decision.refresh_from_db()
    job = _render(decision, chair)
    with job.result.open("rb") as handle:
        return decision, job, handle.read()


def test_issued_decision_carries_the_authority_signature_readable_by_pyhanko(issued, signing_pki):
    decision, _job, content = issued
    reader = PdfFileReader(io.BytesIO(content))
    [embedded] = reader.embedded_signatures
    assert embedded.field_name == AUTHORITY_FIELD
    status = outside_event_loop(
        validate_pdf_signature, embedded, ValidationContext(trust_roots=[_root(signing_pki)])
    )
    assert status.bottom_line is True
    assert status.signing_cert.subject.native["common_name"] == (
        "Ủy ban nhân dân phường Thử Nghiệm"
    )
    assert embedded.sig_object["/Reason"] == f"Ban hành Quyết định số {decision.reference}"
    # The panel lies in the signer's column, between the signer's capacity and name: on the
    # page of the template's anchor (the signature page, before the appendix), right half.
    field = embedded.sig_field
    dests = reader.root["/Names"]["/Dests"]["/Names"]
    anchor = dests[dests.index("chu-ky-so") + 1]
    assert field.raw_get("/P").idnum == anchor.raw_get(0).idnum
    x1, _y1, x2, y2 = (float(value) for value in field["/Rect"])
    assert (round(x1), round(y2)) == (round(float(anchor[2])), round(float(anchor[3])))
    width = float(field["/P"]["/MediaBox"][2])
    assert width / 2 < x1 < x2 < width
    text = pdf_text(content)
    assert "CHỦ TỊCH" in text and f"Số: {decision.reference}" in text


def test_rendering_the_issued_decision_again_gives_the_same_signed_file(issued, chair):
    decision, job, _content = issued
    again = _render(decision, chair)
    assert again.result_sha256 == job.result_sha256
    assert SignedFile.objects.filter(origin=SignedFileOrigin.SERVER).count() == 1


def test_a_draft_is_not_signed(decision, staff):
    job = _render(decision, staff)
    with job.result.open("rb") as handle:
        assert PdfFileReader(io.BytesIO(handle.read())).embedded_signatures == []


def _upload(user, decision, content, name="quyet-dinh-da-ky.pdf"):
    client = Client()
    client.force_login(user)
    return client.post(
        f"/khen-thuong/quyet-dinh/{decision.pk}/ban-ky-so/",
        {"file": SimpleUploadedFile(name, content, "application/pdf")},
        follow=True,
    )


@pytest.mark.parametrize("who", ["chair", "staff"])
def test_copy_signed_with_the_chairs_token_is_kept_as_the_signed_original(
    issued, signing_pki, who, request
):
    decision, job, content = issued
    user = request.getfixturevalue(who)
    signed = sign_externally(content, signing_pki)
    response = _upload(user, decision, signed)
    body = response.content.decode()
    assert response.redirect_chain == [(f"/khen-thuong/quyet-dinh/{decision.pk}/", 302)]
    assert (
        f"Đã kiểm tra chữ ký số và lưu bản gốc đã ký của quyết định {decision.reference}." in body
    )
    [kept] = SignedFile.objects.filter(origin=SignedFileOrigin.UPLOADED)
    assert (kept.job_id, kept.signer, kept.uploaded_by_id) == (job.pk, "Nguyễn Văn Hùng", user.pk)
    with kept.file.open("rb") as handle:
        assert handle.read() == signed
    assert "Bản gốc đã ký số" in body and "Nguyễn Văn Hùng" in body
    # The same file again changes nothing.
    _upload(user, decision, signed)
    assert SignedFile.objects.filter(origin=SignedFileOrigin.UPLOADED).count() == 1


def _other_document(signing_pki):
    other = render_pdf("<html lang='vi'><body><p>Văn bản khác</p></body></html>").content
    return sign_externally(other, signing_pki)


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda content, pki: b"day khong phai PDF", "Tệp không phải tệp PDF."),
        (
            lambda content, pki: render_pdf("<html><body><p>QĐ</p></body></html>").content,
            "Tệp không có chữ ký số nào.",
        ),
        (
            lambda content, pki: content,
            "Tệp là bản đã phát hành, chưa có thêm chữ ký số của người có thẩm quyền.",
        ),
        (
            lambda content, pki: _other_document(pki),
            "Tệp không phải văn bản do hệ thống ban hành",
        ),
        (
            lambda content, pki: sign_externally(content, pki, signer="stranger"),
            "không do tổ chức chứng thực được tin cậy cấp",
        ),
        (
            lambda content, pki: sign_externally(content, pki, signer="expired"),
            "Chứng thư số của người ký đã hết hạn",
        ),
        (
            lambda content, pki: flip_byte(sign_externally(content, pki), len(content) // 2),
            "Nội dung đã bị sửa đổi sau khi ký",
        ),
        (
            lambda content, pki: sign_externally(content, pki) + b"\n% them noi dung\n",
            "Tệp đã bị thay đổi sau khi ký",
        ),
    ],
    ids=[
        "not-pdf",
        "unsigned",
        "issued-as-is",
        "other-document",
        "untrusted",
        "expired",
        "altered",
        "appended",
    ],
)
def test_refused_signed_copies_say_why_and_keep_nothing(issued, signing_pki, chair, make, message):
    decision, _job, content = issued
    response = _upload(chair, decision, make(content, signing_pki))
    body = response.content.decode()
    assert message in body
    assert "Không nhận tệp đã ký" in body or message == "Tệp không phải tệp PDF."
    assert SignedFile.objects.filter(origin=SignedFileOrigin.UPLOADED).count() == 0


def test_a_draft_takes_no_signed_copy(decision, chair, signing_pki):
    response = _upload(chair, decision, b"%PDF-1.7\n")
    assert "Chỉ lưu bản ký số của quyết định đã ký và còn hiệu lực." in response.content.decode()
    assert SignedFile.objects.count() == 0


def test_verification_by_number_reports_the_issued_signature(issued):
    decision, _job, _content = issued
    body = (
        Client()
        .get(VERIFY_URL, {"so": decision.reference, "nam": decision.number_year})
        .content.decode()
    )
    assert "Chữ ký số của bản gốc đã ban hành" in body
    assert "Ủy ban nhân dân phường Thử Nghiệm" in body
    assert "CA thử nghiệm tin cậy" in body
    assert "Hợp lệ" in body
    assert "Toàn vẹn, không bị sửa đổi sau khi ký" in body


def test_verification_of_an_altered_file_reports_altered_and_invalid(issued):
    _decision, _job, content = issued
    altered = flip_byte(content, len(content) // 3)
    upload = SimpleUploadedFile("qd.pdf", altered, "application/pdf")
    body = Client().post(VERIFY_URL, {"file": upload}).content.decode()
    assert "Tệp không khớp với quyết định nào đã ban hành." in body
    assert "Không hợp lệ" in body
    assert "Đã bị sửa đổi sau khi ký" in body


def test_verification_of_the_chairs_signed_copy_finds_the_decision_and_both_signatures(
    issued, signing_pki, chair
):
    decision, _job, content = issued
    signed = sign_externally(content, signing_pki)
    _upload(chair, decision, signed)
    upload = SimpleUploadedFile("qd.pdf", signed, "application/pdf")
    body = Client().post(VERIFY_URL, {"file": upload}).content.decode()
    assert "Tệp trùng khớp với quyết định đã ban hành, đang có hiệu lực." in body
    assert decision.reference in body
    assert "Ủy ban nhân dân phường Thử Nghiệm" in body and "Nguyễn Văn Hùng" in body
    assert body.count("Toàn vẹn, không bị sửa đổi sau khi ký") == 2


def _root(pki):
    from asn1crypto import pem, x509

    return x509.Certificate.load(pem.unarmor(pki.ca.pem())[2])
