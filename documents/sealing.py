"""The issuing body's signature — the seal — added after the signer's own (DOMAIN §10.4).

An issued decision or report is signed first by the person with authority (the chairperson,
with a personal certificate on a USB token, outside the product), then by the body: the văn
thư's seal, applied here with the authority's certificate (`documents.signing`). The seal's
image is red, real size (`DOCUMENT_SEAL_SIZE_MM`), from `DOCUMENT_SEAL_IMAGE`, and overlaps
about a third of the signer's image on its left, as a seal overlaps the signature on paper.
Without an image configured, the seal is the text stamp naming the body and the time.
"""

import io
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext_lazy

from documents.signature_check import read_signatures
from documents.signing import (
    POINTS_PER_MM,
    SignatureRequest,
    SigningError,
    page_refs,
    sign_pdf,
    signature_box,
)

# The share of the signer's image the seal covers, from its left edge.
SEAL_OVERLAP = 1 / 3
LOCKED = gettext_lazy(
    "Không thêm được chữ ký số của cơ quan: chữ ký của người ký không cho phép thêm chữ ký "
    "sau nó. Hãy ký lại văn bản bằng chữ ký phê duyệt (không khóa văn bản)."
)
# The empty field an issued file offers the person with authority (a PDF name: ASCII).
PERSONAL_FIELD = "ChuKyNguoiCoThamQuyen"


def _widget_of(field):
    """The widget annotation of a signature field: the field itself (merged) or its first kid."""
    if "/Rect" in field:
        return field
    kids = field.get("/Kids")
    return kids[0].get_object() if kids else None


def personal_signature_box(reader) -> tuple[int, tuple[float, float, float, float]] | None:
    """The page index and box of the newest signature's visible image, or None when it has
    none (an invisible signature, or no signature)."""
    signatures = list(reader.embedded_signatures)
    if not signatures:
        return None
    widget = _widget_of(signatures[-1].sig_field)
    if widget is None:
        return None
    x1, y1, x2, y2 = sorted_rect(widget["/Rect"])
    page_ref = widget.raw_get("/P") if "/P" in widget else None
    pages = [page.idnum for page in page_refs(reader)]
    if x2 - x1 < 1 or y2 - y1 < 1 or getattr(page_ref, "idnum", None) not in pages:
        return None
    return pages.index(page_ref.idnum), (x1, y1, x2, y2)


def sorted_rect(rect) -> tuple[float, float, float, float]:
    x1, y1, x2, y2 = (float(value) for value in rect)
    return min(x1, x2), min(y1, y2), max(x1, x2), max(y1, y2)


def prepare_for_signing(content: bytes) -> bytes:
    """The issued `content` with an empty signature field for the person with authority where
    the document's template put the signature anchor (between the signer's capacity and name,
    `signing.signature_box`), added as an incremental update: signing software that fills it
    draws the signer's image there, and the bytes rendered stay as they were."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields

    writer = IncrementalPdfFileWriter(io.BytesIO(content))
    page, box = signature_box(writer.prev)
    fields.append_signature_field(
        writer, fields.SigFieldSpec(PERSONAL_FIELD, on_page=page, box=box)
    )
    output = io.BytesIO()
    writer.write(output)
    return output.getvalue()


def seal_box(reader) -> tuple[int, tuple[int, int, int, int]]:
    """Where the seal goes: a square of the seal's real size whose right edge covers the left
    third of the signer's image, centred on it vertically; without a visible personal
    signature, the same relative to the document's signature anchor (`signature_box`)."""
    found = personal_signature_box(reader)
    page, (x1, y1, x2, y2) = found if found is not None else signature_box(reader)
    size = settings.DOCUMENT_SEAL_SIZE_MM * POINTS_PER_MM
    right = x1 + (x2 - x1) * SEAL_OVERLAP
    middle = (y1 + y2) / 2
    left = max(right - size, 0)
    return page, (
        round(left),
        round(middle - size / 2),
        round(left + size),
        round(middle + size / 2),
    )


def seal_style():
    """The seal's image at full opacity, or None (the text stamp) when no image is set."""
    path = settings.DOCUMENT_SEAL_IMAGE
    if not path or not Path(path).is_file():
        return None
    from pyhanko.pdf_utils.images import PdfImage
    from pyhanko.pdf_utils.layout import AxisAlignment, InnerScaling, SimpleBoxLayoutRule
    from pyhanko.stamp import StaticStampStyle

    return StaticStampStyle(
        border_width=0,
        background=PdfImage(path),
        background_opacity=1.0,
        background_layout=SimpleBoxLayoutRule(
            x_align=AxisAlignment.ALIGN_MID,
            y_align=AxisAlignment.ALIGN_MID,
            inner_content_scaling=InnerScaling.SHRINK_TO_FIT,
        ),
    )


def seal_pdf(content: bytes, *, request: SignatureRequest, timestamper=None) -> bytes:
    """`content`, already signed by the person with authority, with the body's signature
    added after it as an incremental update (`sealed_with_findings` without the findings)."""
    return sealed_with_findings(content, request=request, timestamper=timestamper)[0]


def sealed_with_findings(
    content: bytes, *, request: SignatureRequest, timestamper=None
) -> tuple[bytes, list]:
    """The sealed file and its signatures as checked once sealed (the body's last).

    Raises SigningError (Vietnamese) when the certificate cannot be used, or when the file's
    signatures do not all hold once sealed — a signer's certification that forbids any
    later change would be broken by the seal, so such a file is refused, not sealed."""
    from pyhanko.pdf_utils.reader import PdfFileReader

    if _locked(content):
        raise SigningError(str(LOCKED))
    before = len(PdfFileReader(io.BytesIO(content), strict=False).embedded_signatures)
    sealed = sign_pdf(
        content, request=request, timestamper=timestamper, place=seal_box, stamp_style=seal_style()
    )
    findings = read_signatures(sealed)
    if len(findings) != before + 1 or any(finding.problem for finding in findings):
        raise SigningError(str(LOCKED))
    return sealed, findings


def _locked(content: bytes) -> bool:
    """Whether the file is certified by its signer with "no changes allowed" (DocMDP P=1)."""
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.fields import MDPPerm
    from pyhanko.sign.validation import read_certification_data

    certification = read_certification_data(PdfFileReader(io.BytesIO(content), strict=False))
    return certification is not None and certification.permission == MDPPerm.NO_CHANGES
