"""Digital signatures of decisions (DOMAIN §10.4), in their order: the issued file is
prepared for the chairperson's own signature (an empty field at the signature anchor, no
signature yet); the copy the chairperson signed with a personal token is accepted only when it
is the issued document with valid signatures, and the body's signature — the seal, a red image
of real size overlapping the left third of the signer's image — is added after it. Both are
readable by pyHanko's validator; the public verification page reports each one."""

import datetime
import hashlib
import io
import os

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.fields import enumerate_sig_fields
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko_certvalidator import ValidationContext

from awards.decisions.services import draft_decision, sign_decision
from documents.enums import JobStatus, SignedFileOrigin
from documents.models import SignedFile
from documents.rendering import render_pdf
from documents.sealing import PERSONAL_FIELD, seal_pdf
from documents.services import run_job
from documents.signing import AUTHORITY_FIELD, POINTS_PER_MM, SignatureRequest, outside_event_loop
from tests.awards.conftest import in_state
from tests.documents.pdf_checks import pdf_text, pdfa_declaration
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
    """The decision signed in the product and its file rendered in the worker."""
    sign_decision(decision=decision, user=chair, day=datetime.date.today())
    decision.refresh_from_db()
    job = _render(decision, chair)
    with job.result.open("rb") as handle:
        return decision, job, handle.read()


def _reader(content):
    return PdfFileReader(io.BytesIO(content))


def _rect(field):
    x1, y1, x2, y2 = (float(value) for value in field["/Rect"])
    return min(x1, x2), min(y1, y2), max(x1, x2), max(y1, y2)


def test_issued_decision_awaits_the_chairs_signature_in_a_field_at_the_anchor(issued):
    decision, _job, content = issued
    reader = _reader(content)
    assert reader.embedded_signatures == []
    [(name, value, field_ref)] = list(enumerate_sig_fields(reader))
    assert (name, value) == (PERSONAL_FIELD, None)
    # The empty field lies in the signer's column, between the signer's capacity and name:
    # on the page of the template's anchor (the signature page, before the appendix).
    field = field_ref.get_object()
    dests = reader.root["/Names"]["/Dests"]["/Names"]
    anchor = dests[dests.index("chu-ky-so") + 1]
    assert field.raw_get("/P").idnum == anchor.raw_get(0).idnum
    x1, _y1, x2, y2 = _rect(field)
    assert (round(x1), round(y2)) == (round(float(anchor[2])), round(float(anchor[3])))
    width = float(field["/P"]["/MediaBox"][2])
    assert width / 2 < x1 < x2 < width
    declared = pdfa_declaration(content)
    assert (declared["part"], declared["conformance"]) == ("3", "B")
    text = pdf_text(content)
    assert "CHỦ TỊCH" in text and f"Số: {decision.reference}" in text


def test_rendering_the_issued_decision_again_gives_the_same_file(issued, chair):
    decision, job, _content = issued
    again = _render(decision, chair)
    assert again.result_sha256 == job.result_sha256
    assert SignedFile.objects.count() == 0


def test_a_draft_is_not_prepared_for_signing(decision, staff):
    job = _render(decision, staff)
    with job.result.open("rb") as handle:
        reader = _reader(handle.read())
    assert reader.embedded_signatures == [] and list(enumerate_sig_fields(reader)) == []


def _upload(user, decision, content, name="quyet-dinh-da-ky.pdf"):
    client = Client()
    client.force_login(user)
    return client.post(
        f"/khen-thuong/quyet-dinh/{decision.pk}/ban-ky-so/",
        {"file": SimpleUploadedFile(name, content, "application/pdf")},
        follow=True,
    )


def _validated(embedded, pki):
    return outside_event_loop(
        validate_pdf_signature, embedded, ValidationContext(trust_roots=[_root(pki)])
    )


@pytest.mark.parametrize("who", ["chair", "staff"])
def test_the_chairs_signed_copy_is_sealed_after_his_signature(issued, signing_pki, who, request):
    decision, job, content = issued
    user = request.getfixturevalue(who)
    signed = sign_externally(content, signing_pki)
    response = _upload(user, decision, signed)
    body = response.content.decode()
    assert response.redirect_chain == [(f"/khen-thuong/quyet-dinh/{decision.pk}/", 302)]
    assert (
        f"Đã kiểm tra chữ ký số và lưu bản gốc đã ký của quyết định {decision.reference}." in body
    )
    copy = SignedFile.objects.get(origin=SignedFileOrigin.UPLOADED)
    original = SignedFile.objects.get(origin=SignedFileOrigin.SEALED)
    assert (copy.job_id, copy.signer, copy.uploaded_by_id) == (job.pk, "Nguyễn Văn Hùng", user.pk)
    assert (original.job_id, original.source_sha256, original.signer) == (
        job.pk,
        hashlib.sha256(signed).hexdigest(),
        "Ủy ban nhân dân phường Thử Nghiệm",
    )
    with copy.file.open("rb") as handle:
        assert handle.read() == signed
    with original.file.open("rb") as handle:
        sealed = handle.read()
    # The seal is an incremental update after the chairperson's signature.
    assert sealed.startswith(signed) and len(sealed) > len(signed)
    personal, seal = _reader(sealed).embedded_signatures
    assert (personal.field_name, seal.field_name) == (PERSONAL_FIELD, AUTHORITY_FIELD)
    personal_status, seal_status = _validated(personal, signing_pki), _validated(seal, signing_pki)
    assert personal_status.bottom_line is True and seal_status.bottom_line is True
    assert personal_status.signing_cert.subject.native["common_name"] == "Nguyễn Văn Hùng"
    assert seal_status.signing_cert.subject.native["common_name"] == (
        "Ủy ban nhân dân phường Thử Nghiệm"
    )
    assert seal.sig_object["/Reason"] == f"Ban hành Quyết định số {decision.reference}"
    # The page shows both signatures in their order, and the original downloads.
    assert body.index("Chữ ký số của người có thẩm quyền") < body.index(
        "Chữ ký số của cơ quan (con dấu)"
    )
    assert "Nguyễn Văn Hùng" in body and body.count("Hợp lệ") >= 2
    client = Client()
    client.force_login(user)
    download = client.get(f"/khen-thuong/quyet-dinh/{decision.pk}/ban-goc-ky-so.pdf")
    assert b"".join(download.streaming_content) == sealed
    # The same file again changes nothing.
    _upload(user, decision, signed)
    assert SignedFile.objects.count() == 2


def test_the_seal_is_a_red_image_of_real_size_over_the_left_third_of_the_signers_image(
    issued, signing_pki, chair
):
    decision, _job, content = issued
    _upload(chair, decision, sign_externally(content, signing_pki))
    with SignedFile.objects.get(origin=SignedFileOrigin.SEALED).file.open("rb") as handle:
        personal, seal = _reader(handle.read()).embedded_signatures
    px1, py1, px2, py2 = _rect(personal.sig_field)
    sx1, sy1, sx2, sy2 = _rect(seal.sig_field)
    size = 36 * POINTS_PER_MM
    assert abs((sx2 - sx1) - size) <= 1 and abs((sy2 - sy1) - size) <= 1
    assert abs(sx2 - (px1 + (px2 - px1) / 3)) <= 1
    assert abs((sy1 + sy2) / 2 - (py1 + py2) / 2) <= 1
    assert seal.sig_field.raw_get("/P").idnum == personal.sig_field.raw_get("/P").idnum
    # Its appearance draws the configured image, with its transparency.
    appearance = seal.sig_field["/AP"]["/N"]
    images = _images_in(appearance)
    assert images and all("/SMask" in image for image in images)
    red = max(images, key=lambda image: image["/Width"])
    assert red["/ColorSpace"] == "/DeviceRGB"
    pixels = red.data
    assert (200, 16, 24) in {tuple(pixels[i : i + 3]) for i in range(0, len(pixels), 3)}


def _images_in(xobject):
    found = []
    for value in xobject.get("/Resources", {}).get("/XObject", {}).values():
        value = value.get_object()
        if value.get("/Subtype") == "/Image":
            found.append(value)
        else:
            found.extend(_images_in(value))
    return found


def test_without_the_bodys_certificate_the_chairs_copy_is_kept_awaiting_the_seal(
    issued, signing_pki, chair, settings
):
    decision, job, content = issued
    settings.DOCUMENT_SIGNING_PKCS12 = ""
    signed = sign_externally(content, signing_pki)
    body = _upload(chair, decision, signed).content.decode()
    [kept] = SignedFile.objects.all()
    assert (kept.origin, kept.job_id) == (SignedFileOrigin.UPLOADED, job.pk)
    assert "chưa có chữ ký số của cơ quan vì máy chủ chưa cấu hình" in body


def test_a_copy_already_sealed_is_refused(issued, signing_pki, chair):
    decision, _job, content = issued
    sealed = seal_pdf(
        sign_externally(content, signing_pki), request=SignatureRequest("UBND", "Ban hành")
    )
    body = _upload(chair, decision, sealed).content.decode()
    assert "Tệp đã có chữ ký số của cơ quan." in body
    assert SignedFile.objects.count() == 0


def test_a_signature_that_locks_the_document_is_refused_not_sealed(issued, signing_pki, chair):
    decision, _job, content = issued
    locked = sign_externally(content, signing_pki, certify=True)
    body = _upload(chair, decision, locked).content.decode()
    assert "chữ ký của người ký không cho phép thêm chữ ký sau nó" in body
    assert SignedFile.objects.count() == 0


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
    assert SignedFile.objects.count() == 0


def test_a_draft_takes_no_signed_copy(decision, chair, signing_pki):
    response = _upload(chair, decision, b"%PDF-1.7\n")
    assert "Chỉ lưu bản ký số của quyết định đã ký và còn hiệu lực." in response.content.decode()
    assert SignedFile.objects.count() == 0


def test_verification_by_number_reports_both_signatures_of_the_original(issued, signing_pki, chair):
    decision, _job, content = issued
    query = {"so": decision.reference, "nam": decision.number_year}
    before = Client().get(VERIFY_URL, query).content.decode()
    assert "Tệp không có chữ ký số." in before
    _upload(chair, decision, sign_externally(content, signing_pki))
    body = Client().get(VERIFY_URL, query).content.decode()
    assert "Chữ ký số của bản gốc đã ban hành" in body
    assert body.index("Nguyễn Văn Hùng") < body.index("Ủy ban nhân dân phường Thử Nghiệm")
    assert "CA thử nghiệm tin cậy" in body
    assert body.count("Toàn vẹn, không bị sửa đổi sau khi ký") == 2


def test_verification_of_an_altered_original_reports_altered_and_invalid(
    issued, signing_pki, chair
):
    decision, _job, content = issued
    _upload(chair, decision, sign_externally(content, signing_pki))
    with SignedFile.objects.get(origin=SignedFileOrigin.SEALED).file.open("rb") as handle:
        altered = flip_byte(handle.read(), len(content) // 3)
    upload = SimpleUploadedFile("qd.pdf", altered, "application/pdf")
    body = Client().post(VERIFY_URL, {"file": upload}).content.decode()
    assert "Tệp không khớp với quyết định nào đã ban hành." in body
    assert "Không hợp lệ" in body
    assert "Đã bị sửa đổi sau khi ký" in body


def test_verification_of_the_sealed_original_finds_the_decision_and_both_signatures(
    issued, signing_pki, chair
):
    decision, _job, content = issued
    _upload(chair, decision, sign_externally(content, signing_pki))
    with SignedFile.objects.get(origin=SignedFileOrigin.SEALED).file.open("rb") as handle:
        upload = SimpleUploadedFile("qd.pdf", handle.read(), "application/pdf")
    body = Client().post(VERIFY_URL, {"file": upload}).content.decode()
    assert "Tệp trùng khớp với quyết định đã ban hành, đang có hiệu lực." in body
    assert decision.reference in body
    assert "Ủy ban nhân dân phường Thử Nghiệm" in body and "Nguyễn Văn Hùng" in body
    assert body.count("Toàn vẹn, không bị sửa đổi sau khi ký") == 2


def _root(pki):
    from asn1crypto import pem, x509

    return x509.Certificate.load(pem.unarmor(pki.ca.pem())[2])
