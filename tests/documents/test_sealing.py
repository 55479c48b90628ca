"""The body's signature after the signer's own (documents.sealing, DOMAIN §10.4): the empty
field offered to the signer, where the seal goes with and without the signer's visible image,
the seal drawn as the configured image or, without one, as the text stamp, and the refusal of
a file whose signer locked it."""

import io

import pytest
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.fields import enumerate_sig_fields

from documents.rendering import render_pdf
from documents.sealing import PERSONAL_FIELD, prepare_for_signing, seal_pdf, sorted_rect
from documents.signing import (
    AUTHORITY_FIELD,
    POINTS_PER_MM,
    SignatureRequest,
    SigningError,
    signature_box,
)
from tests.documents.signing_support import sign_externally

REQUEST = SignatureRequest(signer_label="ỦY BAN NHÂN DÂN PHƯỜNG THỬ NGHIỆM", reason="Ban hành")
HTML = """<html lang="vi"><head><title>Quyết định thử</title></head><body>
<p>QUYẾT ĐỊNH về việc tặng Giấy khen</p>
<div style="margin-left: 50%"><p>CHỦ TỊCH</p><div id="chu-ky-so"></div>
<p class="name">Nguyễn Văn Hùng</p></div></body></html>"""


@pytest.fixture(scope="module")
def rendered() -> bytes:
    return render_pdf(HTML, archival=True).content


def _reader(content: bytes):
    return PdfFileReader(io.BytesIO(content))


def _appearance_images(field) -> list:
    found, pending = [], [field["/AP"]["/N"]]
    while pending:
        xobject = pending.pop()
        for value in xobject.get("/Resources", {}).get("/XObject", {}).values():
            value = value.get_object()
            (found if value.get("/Subtype") == "/Image" else pending).append(value)
    return found


def test_the_issued_file_keeps_its_bytes_and_offers_an_empty_field_at_the_anchor(rendered):
    prepared = prepare_for_signing(rendered)
    assert prepared.startswith(rendered)
    reader = _reader(prepared)
    [(name, value, field)] = list(enumerate_sig_fields(reader))
    assert (name, value) == (PERSONAL_FIELD, None)
    _page, box = signature_box(reader)
    assert tuple(round(v) for v in sorted_rect(field.get_object()["/Rect"])) == box
    assert reader.embedded_signatures == []


def test_the_seal_follows_an_invisible_signature_at_the_anchor_as_a_text_stamp(
    rendered, signing_on, settings
):
    settings.DOCUMENT_SEAL_IMAGE = ""
    signed = sign_externally(rendered, signing_on)  # no prepared field: invisible signature
    sealed = seal_pdf(signed, request=REQUEST)
    reader = _reader(sealed)
    personal, seal = reader.embedded_signatures
    assert personal.field_name != AUTHORITY_FIELD and seal.field_name == AUTHORITY_FIELD
    _page, (ax1, ay1, ax2, ay2) = signature_box(reader)
    sx1, sy1, sx2, sy2 = sorted_rect(seal.sig_field["/Rect"])
    size = 36 * POINTS_PER_MM
    assert abs(sx2 - (ax1 + (ax2 - ax1) / 3)) <= 1 and abs((sx2 - sx1) - size) <= 1
    assert abs((sy1 + sy2) / 2 - (ay1 + ay2) / 2) <= 1
    assert _appearance_images(seal.sig_field) == []
    stamp = seal.sig_field["/AP"]["/N"].data
    assert b"Tj" in stamp or b"TJ" in stamp  # the text stamp names the body and the time


def test_the_seal_draws_the_configured_image_after_a_visible_signature(rendered, signing_on):
    signed = sign_externally(prepare_for_signing(rendered), signing_on)
    personal, seal = _reader(seal_pdf(signed, request=REQUEST)).embedded_signatures
    assert personal.field_name == PERSONAL_FIELD
    assert _appearance_images(personal.sig_field)  # the signer's own image
    [seal_image] = [i for i in _appearance_images(seal.sig_field) if "/SMask" in i]
    assert seal_image["/Width"] == 600


def test_a_locked_file_is_refused_and_a_file_without_certificate_is_not_sealed(
    rendered, signing_on, settings
):
    locked = sign_externally(prepare_for_signing(rendered), signing_on, certify=True)
    with pytest.raises(SigningError, match="không cho phép thêm chữ ký sau nó"):
        seal_pdf(locked, request=REQUEST)
    settings.DOCUMENT_SIGNING_PKCS12 = ""
    with pytest.raises(SigningError, match="Chưa cấu hình chứng thư số của cơ quan"):
        seal_pdf(sign_externally(rendered, signing_on), request=REQUEST)
