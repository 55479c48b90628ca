"""Hostile files for the upload tests: images that carry script, markup that a browser would run,
a PDF that carries JavaScript; each offered under names and content types that lie.

`MARKER` is in every payload: a stored or served file must never contain it, except a PDF,
which is kept byte for byte and only ever served as an attachment."""

import functools
import io
import struct
import zipfile
import zlib

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image
from PIL.PngImagePlugin import PngInfo

MARKER = b"alert(document.domain)"
SCRIPT = b'<script src="/phong-trao/anh/7/"></script><script>' + MARKER + b"</script>"
# A leading `/*` and a trailing `*/` make the script-bearing image a comment-wrapped payload
# that a JavaScript parser reads once the binary header is dealt with.
JS_TAIL = b"*/=1;" + MARKER + b";/*"


def _png() -> bytes:
    info = PngInfo()
    info.add_text("Comment", SCRIPT.decode())
    out = io.BytesIO()
    Image.new("RGB", (24, 16), (10, 120, 200)).save(out, format="PNG", pnginfo=info)
    return out.getvalue()


def _jpeg() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (24, 16), (200, 30, 30)).save(
        out, format="JPEG", comment=JS_TAIL + SCRIPT, quality=80
    )
    return out.getvalue()


def _webp() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (24, 16), (30, 200, 30)).save(out, format="WEBP", xmp=JS_TAIL + SCRIPT)
    return out.getvalue()


def _pdf_with_javascript() -> bytes:
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R /OpenAction 4 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>",
        b"<< /S /JavaScript /JS (app." + MARKER + b") >>",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (5, xref))
    return out.getvalue()


PAYLOADS = {
    "png with script text chunk": _png(),
    "jpeg with script comment": _jpeg(),
    "webp with script metadata": _webp(),
    "svg": b'<svg xmlns="http://www.w3.org/2000/svg" onload="'
    + MARKER
    + b'"><script>'
    + MARKER
    + b"</script></svg>",
    "xml": b'<?xml version="1.0"?><x:script xmlns:x="http://www.w3.org/1999/xhtml">'
    + MARKER
    + b"</x:script>",
    "pdf with javascript": _pdf_with_javascript(),
    "html": b"<!doctype html><html><body>" + SCRIPT + b"</body></html>",
}
# The kind the server must decide for each payload, when a field accepts it.
DECIDED = {
    "png with script text chunk": "png",
    "jpeg with script comment": "jpg",
    "webp with script metadata": "webp",
    "pdf with javascript": "pdf",
}
MISLEADING = [
    ("c.js", "text/javascript"),
    ("d.html", "text/html"),
    ("e.svg", "image/svg+xml"),
    ("f.xml", "application/xml"),
]


def uploads():
    """(payload name, client file name, SimpleUploadedFile) for every payload × lying name."""
    for payload, content in PAYLOADS.items():
        for name, content_type in MISLEADING:
            yield payload, name, SimpleUploadedFile(name, content, content_type=content_type)


def png_header_only(width: int, height: int) -> bytes:
    """A PNG announcing `width`×`height` pixels whose data is one tiny compressed stream: the
    shape of a decompression bomb, without building the pixels."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data))
            + kind
            + data
            + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
        )

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    data = zlib.compress(b"\0" * 1024)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", data) + chunk(b"IEND", b"")
    )


@functools.cache
def zip_bomb() -> bytes:
    """A workbook of 59 kB whose shared strings unpack to 60 MB (made once per process)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/sharedStrings.xml", b"<sst>" + b"a" * 60_000_000 + b"</sst>")
    return out.getvalue()
