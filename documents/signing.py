"""Signing PDFs with the authority's certificate: PAdES (ETSI EN 319 142), DOMAIN §10.4.

The signature is PAdES B-B, or B-T when a time-stamping service is configured
(`DOCUMENT_SIGNING_TSA_URL`). The key is the authority's, from a PKCS#12 file
(`DOCUMENT_SIGNING_PKCS12` and its password) or from a PKCS#11 token such as an HSM
(`DOCUMENT_SIGNING_PKCS11_*`); README.md lists the settings.

The signature is added as an incremental update: the rendered bytes stay as they are at the
start of the signed file, so PDF/A identification, fonts and metadata of the rendered file are
kept, and the visible signature is drawn with the project's embedded font (never a standard
font, which PDF/A forbids). Its box is placed where the document's template put the element
of id `chu-ky-so` (a named destination in the PDF, written by WeasyPrint), between the
signer's title and name as on paper; a document without one gets the box at the bottom right
of its last page.

pyHanko is imported inside the functions: only the workers and the verification pages use it.
"""

import asyncio
import atexit
import datetime
import io
import logging
import shutil
import tempfile
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _

from documents.rendering import DocumentError, asset_root

logger = logging.getLogger(__name__)

# The element of the document's template whose top-left corner is the signature box's.
SIGNATURE_ANCHOR = "chu-ky-so"
# The signature field the authority's signature fills (a PDF name: ASCII, no spaces).
AUTHORITY_FIELD = "ChuKySoCoQuan"
STAMP_FONT = "fonts/LiberationSerif-Regular.ttf"
STAMP_FONT_SIZE = 8
PDF_GLYPH_UNITS = 1000
# Basic Latin, Latin-1, Latin Extended-A/B, combining marks, Latin Extended Additional (the
# Vietnamese letters with two marks) and general punctuation.
STAMP_UNICODES = [
    *range(0x20, 0x7F),
    *range(0xA0, 0x250),
    *range(0x300, 0x370),
    *range(0x1E00, 0x1F00),
    *range(0x2000, 0x2070),
]
VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")
POINTS_PER_MM = 72 / 25.4
# Room for the CMS container in bytes: an RSA-4096 signature, a chain of three certificates
# and an RFC 3161 token with its own chain fit in about 10 KB.
SIGNATURE_BYTES_RESERVED = 16_384
# Where the box goes when the document has no anchor: from the last page's bottom right.
FALLBACK_MARGIN_MM = 20


class SigningError(DocumentError):
    """The document could not be signed; the message is Vietnamese."""


@dataclass(frozen=True)
class SignatureRequest:
    """What a document kind asks of the signature: the signing body's name (printed in the
    visible signature), the reason and the place written into the signature dictionary."""

    signer_label: str
    reason: str
    location: str = ""


def issued_signature(authority, day: datetime.date, reason: str) -> SignatureRequest:
    """The signature request of a document issued by `authority` on `day`: the authority's
    name and place valid that day (its identity) go into the visible signature and the
    signature dictionary. The one line a document kind adds to be signed:
    `BuiltDocument(..., signature=issued_signature(authority, day, reason))`."""
    identity = authority.identity_on(day)
    if identity is None:
        return SignatureRequest(signer_label=str(authority), reason=reason)
    return SignatureRequest(
        signer_label=identity.issuer_name, reason=reason, location=identity.place_name
    )


def signing_configured() -> bool:
    """Whether a certificate is configured: a PKCS#11 module, or a PKCS#12 file that exists."""
    if settings.DOCUMENT_SIGNING_PKCS11_MODULE:
        return True
    path = settings.DOCUMENT_SIGNING_PKCS12
    return bool(path) and Path(path).is_file()


def _pkcs12_password() -> bytes | None:
    if settings.DOCUMENT_SIGNING_PKCS12_PASSWORD:
        return settings.DOCUMENT_SIGNING_PKCS12_PASSWORD.encode()
    path = settings.DOCUMENT_SIGNING_PKCS12_PASSWORD_FILE
    if path and Path(path).is_file():
        return Path(path).read_bytes().strip()
    return None


@contextmanager
def configured_signer() -> Iterator:
    """The pyHanko signer of the configured certificate; a PKCS#11 session stays open for the
    duration of the `with` block only. Raises SigningError when nothing usable is configured."""
    if settings.DOCUMENT_SIGNING_PKCS11_MODULE:
        with _pkcs11_signer() as signer:
            yield signer
        return
    path = settings.DOCUMENT_SIGNING_PKCS12
    if not path or not Path(path).is_file():
        raise SigningError(_("Chưa cấu hình chứng thư số của cơ quan để ký văn bản."))
    signer = _pkcs12_signer(path, Path(path).stat().st_mtime_ns, _pkcs12_password())
    if signer is None:
        # pyHanko logs the reason (wrong password, damaged file) and returns None.
        raise SigningError(
            _("Không đọc được tệp chứng thư số của cơ quan (sai mật khẩu hoặc tệp hỏng).")
        )
    yield signer


@lru_cache(maxsize=4)
def _pkcs12_signer(path: str, _modified: int, password: bytes | None):
    """The PKCS#12 signer, loaded once per file version and process: its key derivation
    (PBKDF2) costs a few hundred milliseconds a document otherwise."""
    from pyhanko.sign.signers import SimpleSigner

    return SimpleSigner.load_pkcs12(path, passphrase=password)


@contextmanager
def _pkcs11_signer() -> Iterator:
    try:
        from pkcs11 import PKCS11Error
        from pyhanko.sign.pkcs11 import PKCS11Signer, TokenCriteria, open_pkcs11_session
    except ImportError as exc:
        raise SigningError(
            _("Máy chủ chưa cài thư viện PKCS#11 (python-pkcs11) để ký bằng thiết bị HSM.")
        ) from exc
    try:
        session = open_pkcs11_session(
            settings.DOCUMENT_SIGNING_PKCS11_MODULE,
            token_criteria=TokenCriteria(label=settings.DOCUMENT_SIGNING_PKCS11_TOKEN or None),
            user_pin=settings.DOCUMENT_SIGNING_PKCS11_PIN or None,
        )
    except (PKCS11Error, OSError) as exc:
        logger.warning("PKCS#11 token could not be opened: %r", exc)
        raise SigningError(_("Không mở được thiết bị ký số (PKCS#11) của cơ quan.")) from exc
    try:
        yield PKCS11Signer(
            session,
            key_label=settings.DOCUMENT_SIGNING_PKCS11_KEY or None,
            cert_label=settings.DOCUMENT_SIGNING_PKCS11_CERT or None,
        )
    finally:
        session.close()


def configured_timestamper():
    """The RFC 3161 client of `DOCUMENT_SIGNING_TSA_URL`, or None (PAdES B-B)."""
    if not settings.DOCUMENT_SIGNING_TSA_URL:
        return None
    from pyhanko.sign.timestamps import HTTPTimeStamper

    return HTTPTimeStamper(settings.DOCUMENT_SIGNING_TSA_URL, timeout=10)


def _named_destination(reader, name: str):
    """(page index, x, y) of the named destination `name`, or None. WeasyPrint writes every
    element id as a flat /Dests name array in the catalogue's /Names."""
    names = reader.root.get("/Names")
    dests = names.get("/Dests") if names is not None else None
    entries = list(dests.get("/Names", [])) if dests is not None else []
    pages = [page.idnum for page in page_refs(reader)]
    for index in range(0, len(entries) - 1, 2):
        if str(entries[index]) != name:
            continue
        target = entries[index + 1]
        if hasattr(target, "get_object"):
            target = target.get_object()
        if hasattr(target, "get"):  # a dictionary destination: {/D [page /XYZ x y z]}
            target = target["/D"]
        page_ref, x, y = target.raw_get(0), target[2], target[3]
        if getattr(page_ref, "idnum", None) in pages:
            return pages.index(page_ref.idnum), float(x), float(y)
    return None


def page_refs(reader) -> list:
    count = reader.root["/Pages"]["/Count"]
    return [reader.find_page_for_modification(index)[0] for index in range(count)]


def signature_box(reader) -> tuple[int, tuple[int, int, int, int]]:
    """The page index and the box (x1, y1, x2, y2, in points from the page's bottom left) of
    the visible signature: under the document's anchor, or the last page's bottom right."""
    width_mm, height_mm = settings.DOCUMENT_SIGNATURE_BOX_MM
    width, height = width_mm * POINTS_PER_MM, height_mm * POINTS_PER_MM
    anchor = _named_destination(reader, SIGNATURE_ANCHOR)
    if anchor is not None:
        page, x, top = anchor
        return page, (round(x), round(top - height), round(x + width), round(top))
    count = reader.root["/Pages"]["/Count"]
    page_ref, _resources = reader.find_page_for_modification(count - 1)
    _x0, _y0, page_width, _top = (float(value) for value in page_ref.get_object()["/MediaBox"])
    margin = FALLBACK_MARGIN_MM * POINTS_PER_MM
    x2, y1 = page_width - margin, margin
    return count - 1, (round(x2 - width), round(y1), round(x2), round(y1 + height))


@cache
def stamp_font_path() -> str:
    """The stamp's font, scaled to 1,000 units per em, written once per process.

    pyHanko writes the glyph widths (/W) in the font's own units, which PDF reads as
    thousandths: Liberation's 2,048 units would spread the letters twice apart. Scaling the
    font (fontTools, brought by WeasyPrint) fixes the widths; the file is the project's font.
    """
    from fontTools.subset import Options, Subsetter
    from fontTools.ttLib import TTFont
    from fontTools.ttLib.scaleUpem import scale_upem

    font = TTFont(str(asset_root() / STAMP_FONT))
    # Only the letters a Vietnamese stamp uses: pyHanko parses the font for every signature,
    # and the whole Liberation font takes it about ten times longer.
    subsetter = Subsetter(Options(layout_features=["*"], name_IDs=["*"], notdef_outline=True))
    subsetter.populate(unicodes=STAMP_UNICODES)
    subsetter.subset(font)
    if font["head"].unitsPerEm != PDF_GLYPH_UNITS:
        scale_upem(font, PDF_GLYPH_UNITS)
    folder = Path(tempfile.mkdtemp(prefix="stamp-font-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    path = folder / Path(STAMP_FONT).name
    font.save(str(path))
    return str(path)


def _stamp_style():
    from pyhanko.pdf_utils.font.opentype import GlyphAccumulatorFactory
    from pyhanko.pdf_utils.layout import (
        AxisAlignment,
        InnerScaling,
        Margins,
        SimpleBoxLayoutRule,
    )
    from pyhanko.pdf_utils.text import TextBoxStyle
    from pyhanko.stamp import TextStampStyle

    return TextStampStyle(
        stamp_text=_("Ký bởi: %(signer)s\nCơ quan: %(co_quan)s\nThời gian ký: %(thoi_gian)s"),
        text_box_style=TextBoxStyle(
            font=GlyphAccumulatorFactory(stamp_font_path(), font_size=STAMP_FONT_SIZE),
            font_size=STAMP_FONT_SIZE,
            leading=STAMP_FONT_SIZE + 2,
        ),
        inner_content_layout=SimpleBoxLayoutRule(
            x_align=AxisAlignment.ALIGN_MIN,
            y_align=AxisAlignment.ALIGN_MID,
            margins=Margins.uniform(4),
            inner_content_scaling=InnerScaling.SHRINK_TO_FIT,
        ),
        border_width=1,
        # Red, as the seal it stands for (DOMAIN §10.4).
        border_color=(0.8, 0.0, 0.0),
    )


def _align_producer(writer) -> None:
    """Keep the information dictionary equal to the XMP metadata, as PDF/A requires.

    pyHanko rewrites the XMP producer as its own name but appends its name to the producer of
    the information dictionary ("WeasyPrint 70.0; pyHanko …"); PDF/A readers then see two
    producers. Giving the dictionary pyHanko's name first makes both say the same."""
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.metadata.model import VENDOR

    try:
        info = writer.prev.trailer_view["/Info"]
    except KeyError:
        return
    aligned = generic.DictionaryObject(dict(info.items()))
    aligned["/Producer"] = generic.TextStringObject(VENDOR)
    writer.set_info(aligned)


def outside_event_loop(function, /, *args, **kwargs):
    """Call `function`, one of pyHanko's synchronous entry points, where it can run.

    Those wrap `asyncio.run`, which refuses to start inside a running event loop (an async
    server's thread, a browser driver's test): there the call runs in a short-lived thread."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return function(*args, **kwargs)
    with ThreadPoolExecutor(max_workers=1) as executor:
        return executor.submit(function, *args, **kwargs).result()


def vietnam_time(moment: datetime.datetime) -> str:
    """ISO 8601 in Vietnam time, to the second: 2026-01-05T10:15:00+07:00."""
    return moment.astimezone(VIETNAM).replace(microsecond=0).isoformat()


def sign_pdf(
    content: bytes,
    *,
    request: SignatureRequest,
    timestamper=None,
    place=signature_box,
    stamp_style=None,
) -> bytes:
    """Sign `content` with the configured certificate and return the signed file.

    PAdES B-B, or B-T with `timestamper` (default: the configured TSA). The signature covers
    the whole file; the visible box is placed by `place(reader) -> (page index, box)` (default
    `signature_box`) and drawn with `stamp_style` (default: the text stamp naming the body and
    the time; `documents.sealing` gives the seal's image). Raises SigningError with a
    Vietnamese message when the certificate or the time-stamping service cannot be used.
    """
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.pdf_utils.misc import PdfError
    from pyhanko.sign import fields, signers
    from pyhanko.sign.general import SigningError as PyHankoSigningError
    from pyhanko.sign.timestamps import TimestampRequestError

    timestamper = timestamper if timestamper is not None else configured_timestamper()
    if stamp_style is None:
        with translation.override("vi"):
            stamp_style = _stamp_style()
    try:
        writer = IncrementalPdfFileWriter(io.BytesIO(content))
        _align_producer(writer)
        page, box = place(writer.prev)
        meta = signers.PdfSignatureMetadata(
            field_name=AUTHORITY_FIELD,
            subfilter=fields.SigSeedSubFilter.PADES,
            md_algorithm="sha256",
            reason=request.reason,
            location=request.location or None,
        )
        spec = fields.SigFieldSpec(AUTHORITY_FIELD, on_page=page, box=box)
        output = io.BytesIO()
        with configured_signer() as signer:
            pdf_signer = signers.PdfSigner(
                meta,
                signer=signer,
                timestamper=timestamper,
                stamp_style=stamp_style,
                new_field_spec=spec,
            )
            outside_event_loop(
                pdf_signer.sign_pdf,
                writer,
                output=output,
                # A fixed room for the signature container: otherwise pyHanko signs twice
                # (once to measure it), which doubles the key operations and TSA requests.
                bytes_reserved=SIGNATURE_BYTES_RESERVED,
                appearance_text_params={
                    "co_quan": request.signer_label,
                    "thoi_gian": vietnam_time(datetime.datetime.now(datetime.UTC)),
                },
            )
    except TimestampRequestError as exc:
        logger.warning("time-stamping service failed: %r", exc)
        raise SigningError(_("Không lấy được dấu thời gian từ dịch vụ cấp dấu thời gian.")) from exc
    except (PyHankoSigningError, PdfError) as exc:
        logger.warning("signing failed: %r", exc)
        raise SigningError(_("Không ký số được tài liệu (%(error)s).") % {"error": exc}) from exc
    return output.getvalue()
