"""The one PDF renderer of the project: HTML in, PDF bytes out, nothing fetched from outside.

WeasyPrint may read only `data:` URLs and files under `settings.PDF_ASSET_DIR` (the project's
static folder: fonts, images, stylesheets). Any other reference — `file:///etc/passwd`, an HTTP
address, `/dev/urandom` — stops the render with `ForbiddenResourceError`, so a document built
from user data can never pull in a server file or call a service on the network.

`import weasyprint` takes about a second, so it happens inside the functions, once per process;
the font configuration and the shared stylesheet are built once per process too.
"""

import atexit
import datetime
import logging
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from urllib.request import url2pathname

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)

# Declares the project's fonts and the administrative layout (Nghị định 30/2020/NĐ-CP).
DOCUMENT_STYLESHEET = "pdf/document.css"
# Issued documents (decisions, signed pledges, reports) are kept as PDF/A-3b: fonts embedded,
# an sRGB output intent, XMP metadata declaring the part and conformance. Part 3 rather than 2
# because a document may carry attachments (the data behind it), which part 2 forbids.
ARCHIVAL_PDF_VARIANT = "pdf/a-3b"


class DocumentError(Exception):
    """A document cannot be made; the message is Vietnamese and shown to the user as is."""


class ForbiddenResourceError(DocumentError):
    """The HTML referred to something outside the allowed assets; the render was stopped."""

    def __init__(self, url: str):
        self.url = url
        super().__init__(
            _("Tài liệu tham chiếu đến tài nguyên không được phép: %(url)s") % {"url": url}
        )


@dataclass(frozen=True)
class RenderedPdf:
    content: bytes
    page_count: int


def asset_root() -> Path:
    return Path(settings.PDF_ASSET_DIR).resolve()


def asset_base_url() -> str:
    """Relative references in document templates ("fonts/…", "img/…") resolve here."""
    return asset_root().as_uri() + "/"


def allowed_asset_path(url: str) -> Path | None:
    """The real file a `file:` URL names when it lies under the asset folder, else None.

    Symlinks and `..` are resolved before the check, and only regular files qualify (no
    devices, pipes or folders)."""
    parts = urlsplit(url)
    if parts.scheme != "file" or parts.netloc not in ("", "localhost"):
        return None
    path = Path(url2pathname(parts.path)).resolve()
    if path.is_file() and path.is_relative_to(asset_root()):
        return path
    return None


@cache
def _locked_fetcher_class():
    # weasyprint is imported on first use only: the import costs about a second.
    from weasyprint.urls import FatalURLFetchingError, URLFetcher

    class LockedURLFetcher(URLFetcher):
        """Fetches `data:` URLs and files under the asset folder; refuses everything else.

        A refusal raises FatalURLFetchingError (a BaseException, which WeasyPrint does not
        treat as a missing image) so that the render stops instead of quietly leaving a hole.
        Refusals are also kept in `refused`: the SVG renderer swallows even BaseExceptions,
        and render_pdf fails the document for those too.
        """

        def __init__(self):
            super().__init__(timeout=5, allowed_protocols={"file", "data"}, allow_redirects=False)
            self.refused: list[str] = []

        def fetch(self, url, headers=None):
            if url.startswith("data:"):
                return super().fetch(url, headers)
            path = allowed_asset_path(url)
            if path is not None:
                return super().fetch(path.as_uri(), headers)
            self.refused.append(url[:200])
            raise FatalURLFetchingError(url[:200])

    return LockedURLFetcher


def locked_url_fetcher():
    return _locked_fetcher_class()()


@cache
def _shared_resources() -> tuple[Any, Any]:
    """The font configuration and the shared stylesheet, built once per process: rebuilding
    them for every document doubles the render time and leaks memory."""
    from weasyprint import CSS
    from weasyprint.text.fonts import FontConfiguration

    font_config = FontConfiguration()
    stylesheet = CSS(
        filename=str(asset_root() / DOCUMENT_STYLESHEET),
        font_config=font_config,
        url_fetcher=locked_url_fetcher(),
    )
    # Drop them before interpreter shutdown, while FontConfiguration can still delete its
    # temporary font folder.
    atexit.register(_shared_resources.cache_clear)
    return font_config, stylesheet


def harfbuzz_subsetting_available() -> bool:
    """Whether fonts are subset by libharfbuzz-subset (fast) rather than fontTools (16–20×
    slower for every PDF)."""
    from weasyprint.text import ffi

    return ffi.harfbuzz_subset is not None


def render_pdf(
    html: str, *, on_layout_done: Callable[[], None] | None = None, archival: bool = False
) -> RenderedPdf:
    """Lay out `html` and return the PDF bytes and page count.

    Relative references resolve under the asset folder. `on_layout_done` is called between
    layout and PDF writing (for progress reports). With `archival` the file is written as
    PDF/A (ARCHIVAL_PDF_VARIANT); the document's <title> and lang become its XMP metadata.
    Raises ForbiddenResourceError when the document refers to anything but `data:` URLs and
    asset files.
    """
    from weasyprint import HTML
    from weasyprint.urls import FatalURLFetchingError

    with translation.override("vi"):
        font_config, stylesheet = _shared_resources()
        fetcher = locked_url_fetcher()
        try:
            document = HTML(string=html, base_url=asset_base_url(), url_fetcher=fetcher).render(
                stylesheets=[stylesheet], font_config=font_config
            )
            if on_layout_done is not None:
                on_layout_done()
            # Attachments (<link rel="attachment">) are fetched here, while writing.
            content = document.write_pdf(pdf_variant=ARCHIVAL_PDF_VARIANT if archival else None)
        except FatalURLFetchingError as exc:
            # A BaseException: turned into an ordinary error here, the one place that calls
            # WeasyPrint, so that no caller mistakes it for a worker shutdown.
            fetcher.refused.append(str(exc.args[0]) if exc.args else "")
        if fetcher.refused:
            logger.warning("PDF render stopped: forbidden resource %s", fetcher.refused[0])
            raise ForbiddenResourceError(fetcher.refused[0])
    return RenderedPdf(content=content, page_count=len(document.pages))


def document_date(day: datetime.date) -> str:
    """The date as Nghị định 30/2020 writes it: "ngày 05 tháng 02 năm 2026".

    Days below 10 and the months January and February take a leading zero; other months
    do not ("ngày 15 tháng 3 năm 2026")."""
    month = f"{day.month:02d}" if day.month <= 2 else str(day.month)
    return _("ngày %(day)s tháng %(month)s năm %(year)s") % {
        "day": f"{day.day:02d}",
        "month": month,
        "year": day.year,
    }


def render_document_html(
    template_name: str, *, authority: Any, day: datetime.date, context: dict[str, Any]
) -> str:
    """The HTML of an administrative document on the shared layout (documents/pdf/base.html).

    `authority` is the issuing authority; its identity valid on `day` (name, superior body,
    place) fills the header, so a 2024 document still names the district. Raises
    DocumentError when no identity covers `day`.
    """
    with translation.override("vi"):
        identity = authority.identity_on(day)
        if identity is None:
            raise DocumentError(
                _("Cơ quan chưa có tên gọi hiệu lực vào %(day)s.")
                % {"day": day.strftime("%d/%m/%Y")}
            )
        full_context = {
            "identity": identity,
            "document_day": day,
            "place_and_date": f"{identity.place_name}, {document_date(day)}",
            **context,
        }
        return render_to_string(template_name, full_context)
