"""User files (tệp người dùng tải lên): the one door through which they come in and go out.

Receiving: the size is checked, the kind is decided from the bytes (never from the name or the
type the browser sent), the file gets a server-chosen name (a random token and the extension of
that kind), and images are decoded and encoded again by Pillow under a pixel cap, so that what
is kept is a plain picture whatever else the uploaded bytes also were.

Serving: a re-encoded image is shown inline with its own image type; everything else is an
attachment with a fixed type. Every user-file response carries `nosniff` and a sandboxing
Content-Security-Policy. The stored name is trusted only when it is one this module chose and
the bytes agree with it: rows kept before this module existed keep whatever name the uploader
gave, and those are served as opaque attachments.

Both apps import this module; it imports neither.
"""

import hashlib
import io
import re
import secrets
import warnings
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import PurePosixPath

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import models
from django.http import FileResponse, Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

# PILLOW_NOTE: Pillow is imported by the functions that decode pictures. The models import
# this module for their upload names (storage_name), so every process loads it at start-up:
# the Celery worker's parent and each of its pool processes would otherwise hold Pillow too.


class FileKind(models.TextChoices):
    PNG = "png", "PNG"
    JPEG = "jpg", "JPG"
    WEBP = "webp", "WebP"
    PDF = "pdf", "PDF"
    DOCX = "docx", "DOCX"
    XLSX = "xlsx", "XLSX"
    CSV = "csv", "CSV"


IMAGES = frozenset({FileKind.PNG, FileKind.JPEG, FileKind.WEBP})
PDF_ONLY = frozenset({FileKind.PDF})
SPREADSHEETS = frozenset({FileKind.XLSX, FileKind.CSV})
EVIDENCE = IMAGES | {FileKind.PDF, FileKind.DOCX, FileKind.XLSX}

CONTENT_TYPES = {
    FileKind.PNG: "image/png",
    FileKind.JPEG: "image/jpeg",
    FileKind.WEBP: "image/webp",
    FileKind.PDF: "application/pdf",
}
OPAQUE_TYPE = "application/octet-stream"
PILLOW_FORMATS = {FileKind.PNG: "PNG", FileKind.JPEG: "JPEG", FileKind.WEBP: "WEBP"}
MAGIC = {
    FileKind.PNG: (b"\x89PNG\r\n\x1a\n",),
    FileKind.JPEG: (b"\xff\xd8\xff",),
    FileKind.PDF: (b"%PDF-",),
}
# A name this module chose: 32 hexadecimal digits and the extension of a kind.
SERVER_NAME = re.compile(r"^[0-9a-f]{32}\.(" + "|".join(FileKind.values) + r")$")
# Office files are zip containers: what they may unpack to before their checksums are read.
OFFICE_MAX_ENTRIES = 1_000
OFFICE_MAX_UNCOMPRESSED = 50 * 1024 * 1024
SANDBOX_POLICY = "sandbox; default-src 'none'"
MEGABYTE = 1024 * 1024
MAX_EVIDENCE_BYTES = 10 * MEGABYTE

TOO_MANY_PIXELS = gettext_lazy(
    "Ảnh quá lớn: tối đa %(megapixels)d triệu điểm ảnh; hãy thu nhỏ ảnh rồi tải lại."
)


class UploadRefused(Exception):
    """The file is not accepted; the message is Vietnamese and shown to the user."""


@dataclass(frozen=True)
class ReceivedFile:
    """An accepted file: its server-decided kind, server-chosen name and the bytes to keep
    (for an image, the re-encoded picture)."""

    kind: FileKind
    name: str
    content: bytes

    def as_file(self) -> ContentFile:
        return ContentFile(self.content, name=self.name)

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.content).hexdigest()


def server_name(kind: FileKind | str) -> str:
    return f"{secrets.token_hex(16)}.{FileKind(kind).value}"


def receive_pdf(upload, *, max_bytes: int, too_large: str) -> ReceivedFile:
    """A PDF kept byte for byte (its magic checked), as the verification pages take it."""
    return receive(
        upload,
        kinds=PDF_ONLY,
        max_bytes=max_bytes,
        too_large=too_large,
        wrong_kind=_("Tệp không phải tệp PDF."),
    )


def receive_evidence(upload) -> ReceivedFile:
    """An evidence file (minh chứng) of targets, scores and movements: a PDF, a JPG/PNG/WebP
    image (re-encoded), a DOCX or an XLSX, judged by its bytes, of at most 10 MB. Raises
    `UploadRefused` with the evidence messages."""
    return receive(
        upload,
        kinds=EVIDENCE,
        max_bytes=MAX_EVIDENCE_BYTES,
        too_large=_("Minh chứng không được lớn hơn 10 MB."),
        wrong_kind=_("Minh chứng phải là tệp PDF, ảnh JPG/PNG, DOCX hoặc XLSX."),
    )


def receive(
    upload,
    *,
    kinds: frozenset,
    max_bytes: int,
    too_large: str | None = None,
    wrong_kind: str | None = None,
) -> ReceivedFile:
    """Check an uploaded file and return what may be kept. Raises `UploadRefused` with a
    Vietnamese message when it is too large (`too_large` if given), empty, not one of `kinds`
    judged by its bytes (`wrong_kind` if given), damaged, or an image above the pixel cap
    (settings.UPLOAD_MAX_IMAGE_PIXELS). The upload is read once, at most `max_bytes` + 1."""
    if upload is None:
        raise UploadRefused(_("Hãy chọn tệp."))
    too_large = too_large or _("Tệp lớn hơn %(mb)s MB; không nhận.") % {"mb": _megabytes(max_bytes)}
    if upload.size is not None and upload.size > max_bytes:
        raise UploadRefused(too_large)
    upload.seek(0)
    content = upload.read(max_bytes + 1)
    upload.seek(0)
    if len(content) > max_bytes:
        raise UploadRefused(too_large)
    if not content:
        raise UploadRefused(_("Tệp rỗng."))
    kind = sniff(content, kinds)
    if kind is None:
        raise UploadRefused(
            wrong_kind
            or _("Loại tệp không được nhận (xét theo nội dung tệp); chỉ nhận: %(kinds)s.")
            % {"kinds": ", ".join(FileKind(k).label for k in FileKind if k in kinds)}
        )
    if kind in IMAGES:
        content = _reencode(content, kind, damaged=wrong_kind)
    return ReceivedFile(kind=kind, name=server_name(kind), content=content)


def sniff(content: bytes, kinds: frozenset) -> FileKind | None:
    """The kind of `content` among `kinds`, decided from its bytes alone."""
    for kind, prefixes in MAGIC.items():
        if kind in kinds and content.startswith(prefixes):
            return kind
    if FileKind.WEBP in kinds and content[:4] == b"RIFF" and content[8:12] == b"WEBP":
        return FileKind.WEBP
    if content.startswith(b"PK\x03\x04") and kinds & {FileKind.XLSX, FileKind.DOCX}:
        return _office_kind(content, kinds)
    if FileKind.CSV in kinds and b"\0" not in content and not _is_markup(content):
        return FileKind.CSV
    return None


def _office_kind(content: bytes, kinds: frozenset) -> FileKind | None:
    """XLSX or DOCX from the parts of the zip container, once every part has been read back
    against its checksum (a damaged file is refused here, not when someone opens it)."""
    damaged = UploadRefused(_("Tệp nén (.xlsx, .docx) bị hỏng, không mở được."))
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            entries = archive.infolist()
            if (
                len(entries) > OFFICE_MAX_ENTRIES
                or sum(entry.file_size for entry in entries) > OFFICE_MAX_UNCOMPRESSED
            ):
                raise UploadRefused(_("Tệp giải nén ra quá lớn; không nhận."))
            if archive.testzip() is not None:
                raise damaged
            names = {entry.filename for entry in entries}
    except (zipfile.BadZipFile, zlib.error, ValueError, EOFError, NotImplementedError) as exc:
        raise damaged from exc
    if FileKind.XLSX in kinds and "xl/workbook.xml" in names:
        return FileKind.XLSX
    if FileKind.DOCX in kinds and "word/document.xml" in names:
        return FileKind.DOCX
    # The spreadsheet imports say themselves what is wrong with an odd workbook.
    return FileKind.XLSX if FileKind.XLSX in kinds and FileKind.CSV in kinds else None


def _is_markup(content: bytes) -> bool:
    head = content[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return head.startswith((b"<", b"%pdf"))


def _megabytes(size: int) -> str:
    return f"{size / MEGABYTE:g}".replace(".", ",")


def _check_complete(content: bytes, kind: FileKind) -> None:
    """A truncated picture is refused whatever Pillow's process-wide LOAD_TRUNCATED_IMAGES
    says (WeasyPrint turns it on when it is imported): a PNG is read to its end against its
    chunk checksums, a JPEG must carry its end-of-image marker (WebP decodes whole or fails)."""
    from PIL import Image  # see PILLOW_NOTE

    if kind == FileKind.PNG:
        with Image.open(io.BytesIO(content), formats=["PNG"]) as probe:
            probe.verify()
    elif kind == FileKind.JPEG and content.rfind(b"\xff\xd9") < 4:
        raise OSError("JPEG without its end-of-image marker")


def _reencode(content: bytes, kind: FileKind, *, damaged: str | None = None) -> bytes:
    """Decode the picture and encode its pixels alone (no text chunks, comments or metadata)
    in the same format, refusing what exceeds the pixel cap before decoding it."""
    from PIL import Image, ImageOps, UnidentifiedImageError  # see PILLOW_NOTE

    cap = settings.UPLOAD_MAX_IMAGE_PIXELS
    refused_size = UploadRefused(TOO_MANY_PIXELS % {"megapixels": cap // 1_000_000})
    damaged = UploadRefused(damaged or _("Tệp tải lên không phải là ảnh hợp lệ."))
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(content), formats=[PILLOW_FORMATS[kind]]) as image:
                width, height = image.size
                if width * height > cap:
                    raise refused_size
                _check_complete(content, kind)
                image.load()
                picture = ImageOps.exif_transpose(image)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise refused_size from exc
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError) as exc:
        raise damaged from exc
    if kind == FileKind.JPEG:
        picture = picture.convert("RGB")
    elif picture.mode not in ("RGB", "RGBA", "L", "LA"):
        picture = picture.convert("RGBA")
    else:
        picture = picture.copy()
    # Comments, text chunks, EXIF, XMP and profiles ride in `info`: none of it is kept.
    picture.info = {}
    out = io.BytesIO()
    options = {"quality": 90} if kind in (FileKind.JPEG, FileKind.WEBP) else {}
    picture.save(out, format=PILLOW_FORMATS[kind], **options)
    return out.getvalue()


def image_size(received: ReceivedFile) -> tuple[int, int]:
    """(width, height) in pixels of a received image."""
    from PIL import Image  # see PILLOW_NOTE

    with Image.open(io.BytesIO(received.content)) as image:
        return image.size


# ---- Storage names ----------------------------------------------------------------------------


def storage_name(folder: str, filename: str) -> str:
    """The path of a stored user file under `folder`: the server name this module gave, or, for
    a file that did not come through `receive` (the admin site), a new token without a kind."""
    base = PurePosixPath(filename or "").name
    if not SERVER_NAME.match(base):
        base = f"{secrets.token_hex(16)}.bin"
    return f"{folder.strip('/')}/{base}"


def stored_kind(field) -> FileKind | None:
    """The kind this module decided for a stored file, or None when its name is not one this
    module gave (older rows, admin uploads): such a file is served as opaque bytes."""
    match = SERVER_NAME.match(PurePosixPath(field.name or "").name)
    return FileKind(match.group(1)) if match else None


# ---- Serving ----------------------------------------------------------------------------------


def file_response(handle, *, kind: FileKind | None, download_name: str) -> FileResponse:
    """The response for a user or generated file of a server-decided `kind`: re-encoded images
    inline with their type, a PDF as an attachment, anything else as opaque bytes."""
    if kind in IMAGES:
        content_type, disposition = CONTENT_TYPES[kind], False
    else:
        content_type, disposition = CONTENT_TYPES.get(kind, OPAQUE_TYPE), True
    response = FileResponse(
        handle, as_attachment=disposition, filename=download_name, content_type=content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = SANDBOX_POLICY
    return response


def _open(field):
    """The stored file open for reading, or 404 when the field is empty or the file gone."""
    if not field:
        raise Http404
    try:
        return field.open("rb")
    except FileNotFoundError:
        raise Http404(_("Không tìm thấy tệp.")) from None


def serve(field, *, download_name: str = "") -> FileResponse:
    """The response for a stored file field (FieldFile): 404 when it is missing. An image is
    shown inline only when its name is a server name and its bytes begin as that kind."""
    handle = _open(field)
    kind = stored_kind(field)
    if kind in MAGIC or kind == FileKind.WEBP:
        head = handle.read(16)
        handle.seek(0)
        if sniff(head, frozenset({kind})) != kind:
            kind = None
    extension = kind.value if kind else "bin"
    name = download_name or PurePosixPath(field.name).stem
    return file_response(handle, kind=kind, download_name=f"{PurePosixPath(name).stem}.{extension}")


def serve_pdf(field, *, download_name: str) -> FileResponse:
    """A document the product generated (a PDF), as an attachment."""
    return file_response(_open(field), kind=FileKind.PDF, download_name=download_name)
