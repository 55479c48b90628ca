"""How a certificate page is drawn (DOMAIN §10.2), A4 landscape.

The static design (border, national motto, issuer in red, "TẶNG") is drawn once per file as
a form XObject and reused by every page; each page adds only its variable text and QR code.
Text stays text: the project's Liberation Serif TTFs are embedded (subset) with their
Unicode maps, so Vietnamese names extract intact. In pre-printed-blank mode the design is
left out and the variable fields move by the template's calibration offsets.

Positions are millimetres from the bottom-left corner of the sheet.
"""

import io
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import segno
from django.conf import settings
from reportlab.lib.colors import Color, black
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

PAGE_SIZE = landscape(A4)
PAGE_WIDTH_MM = 297
PAGE_HEIGHT_MM = 210
CENTRE_MM = PAGE_WIDTH_MM / 2
RED = Color(0.78, 0.06, 0.06)
REGULAR, BOLD, ITALIC = "CertSerif", "CertSerif-Bold", "CertSerif-Italic"
DESIGN_FORM = "certificate-design"
ACHIEVEMENT_WIDTH_MM = 210
ACHIEVEMENT_MAX_LINES = 3
QR_SIZE_MM = 24
QR_MASK = 0

# Where each variable field sits: (x, y) in mm and how it is anchored. The pre-printed blanks
# have the same places; the calibration page marks them.
FIELDS: dict[str, tuple[float, float, str]] = {
    "form_name": (CENTRE_MM, 140, "centre"),
    "holder": (CENTRE_MM, 122, "centre"),
    "unit": (CENTRE_MM, 112, "centre"),
    "achievement": (CENTRE_MM, 102, "centre"),
    "decision": (56, 44, "left"),
    "gold_book": (56, 37, "left"),
    "place_date": (218, 68, "centre"),
    "signer_title": (218, 61, "centre"),
    "signer_name": (218, 30, "centre"),
    "qr": (22, 20, "left"),
    "verify_link": (50, 22, "left"),
}


@dataclass(frozen=True)
class Design:
    """What every certificate of one decision shares."""

    issuer_title: str  # "CHỦ TỊCH ỦY BAN NHÂN DÂN PHƯỜNG SÀI GÒN", printed in red
    place_date: str  # "Sài Gòn, ngày 05 tháng 01 năm 2026"
    signer_title: str  # "CHỦ TỊCH"
    signer_name: str
    decision: str  # "Quyết định số 01/QĐ-UBND ngày 05/01/2026"


@dataclass(frozen=True)
class CertificateText:
    """The variable fields of one certificate, NFC-normalised by the caller."""

    code: str
    form_name: str
    holder: str
    unit: str
    achievement: str
    gold_book: str
    verify_url: str


@dataclass(frozen=True)
class Offsets:
    """Calibration of a pre-printed blank, in mm (positive: right, up)."""

    x_mm: float = 0.0
    y_mm: float = 0.0


@dataclass
class _Page:
    canvas: Canvas
    offsets: Offsets = field(default_factory=Offsets)

    def at(self, name: str) -> tuple[float, float, str]:
        x, y, anchor = FIELDS[name]
        return (x + self.offsets.x_mm) * mm, (y + self.offsets.y_mm) * mm, anchor

    def text(self, name: str, value: str, font: str, size: float, color=black) -> None:
        x, y, anchor = self.at(name)
        self.canvas.setFillColor(color)
        self.canvas.setFont(font, size)
        if anchor == "centre":
            self.canvas.drawCentredString(x, y, value)
        else:
            self.canvas.drawString(x, y, value)


@cache
def register_fonts() -> None:
    """Once per process: the project's Liberation Serif faces under the names used here."""
    folder = Path(settings.PDF_ASSET_DIR) / "fonts"
    for name, filename in (
        (REGULAR, "LiberationSerif-Regular.ttf"),
        (BOLD, "LiberationSerif-Bold.ttf"),
        (ITALIC, "LiberationSerif-Italic.ttf"),
    ):
        pdfmetrics.registerFont(TTFont(name, str(folder / filename)))


def new_canvas(buffer: io.BytesIO, *, title: str) -> Canvas:
    """A canvas with fixed ids and dates (`invariant`), so the same input gives the same bytes."""
    register_fonts()
    canvas = Canvas(
        buffer,
        pagesize=PAGE_SIZE,
        invariant=1,
        pageCompression=1,
        initialFontName=REGULAR,  # not the default Helvetica, which PDF/A cannot leave unembedded
    )
    canvas.setTitle(title)
    canvas.setCreator("thidua")
    return canvas


def draw_design(canvas: Canvas, design: Design) -> None:
    """Define the static design once in this file, as a form XObject."""
    canvas.beginForm(DESIGN_FORM)
    width, height = PAGE_SIZE
    canvas.setStrokeColor(RED)
    canvas.setLineWidth(3)
    canvas.rect(8 * mm, 8 * mm, width - 16 * mm, height - 16 * mm)
    canvas.setLineWidth(0.8)
    canvas.rect(11 * mm, 11 * mm, width - 22 * mm, height - 22 * mm)
    for x, y in ((11, 11), (11, 199), (286, 11), (286, 199)):
        canvas.circle(x * mm, y * mm, 2.2 * mm, stroke=1, fill=0)
    centre = width / 2
    canvas.setFillColor(black)
    canvas.setFont(BOLD, 14)
    canvas.drawCentredString(centre, 188 * mm, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
    canvas.setFont(BOLD, 13.5)
    motto = "Độc lập - Tự do - Hạnh phúc"
    canvas.drawCentredString(centre, 181 * mm, motto)
    half = pdfmetrics.stringWidth(motto, BOLD, 13.5) / 2
    canvas.setStrokeColor(black)
    canvas.setLineWidth(0.6)
    canvas.line(centre - half, 179.3 * mm, centre + half, 179.3 * mm)
    canvas.setFillColor(RED)
    canvas.setFont(BOLD, 16)
    canvas.drawCentredString(centre, 166 * mm, design.issuer_title)
    canvas.setFillColor(black)
    canvas.setFont(BOLD, 16)
    canvas.drawCentredString(centre, 156 * mm, "TẶNG")
    canvas.endForm()


def _wrap(text: str, font: str, size: float, width: float) -> list[str]:
    lines, current = [], ""
    for word in text.split():
        candidate = f"{current} {word}".strip()
        if current and pdfmetrics.stringWidth(candidate, font, size) > width:
            lines.append(current)
            current = word
        else:
            current = candidate
    if current:
        lines.append(current)
    return lines


def qr_runs(url: str) -> tuple[int, list[tuple[int, int, int]]]:
    """The QR code of `url` as runs of dark modules: (row from the bottom, first column,
    length). The mask is fixed: any of the eight is valid, and choosing the best of them
    costs more than drawing a whole certificate."""
    matrix = segno.make(url, error="m", mask=QR_MASK, boost_error=False).matrix
    count = len(matrix)
    runs = []
    for row_index, row in enumerate(matrix):
        column = 0
        while column < count:
            if row[column]:
                start = column
                while column < count and row[column]:
                    column += 1
                runs.append((count - 1 - row_index, start, column - start))
            else:
                column += 1
    return count, runs


def _draw_qr(page: _Page, url: str, code: str) -> None:
    """The QR code as vector squares: one rectangle per run of dark modules, drawn in a
    coordinate system of one unit per module so that the operators are short integers."""
    x0, y0, _anchor = page.at("qr")
    count, runs = qr_runs(url)
    module = QR_SIZE_MM * mm / count
    canvas = page.canvas
    canvas.saveState()
    canvas.setFillColor(black)
    canvas.transform(module, 0, 0, module, x0, y0)
    canvas.addLiteral(" ".join(f"{x} {y} {w} 1 re" for y, x, w in runs) + " f")
    canvas.restoreState()
    canvas.setFont(REGULAR, 9)
    canvas.drawCentredString(x0 + QR_SIZE_MM * mm / 2, y0 - 4 * mm, code)
    # The address the code holds, printed in full for whoever types it instead of scanning.
    page.text("verify_link", url, REGULAR, 9)


def draw_certificate(
    canvas: Canvas,
    design: Design,
    item: CertificateText,
    *,
    preprinted: bool = False,
    offsets: Offsets | None = None,
) -> None:
    """One page: the design (unless printing on a blank) and the variable fields."""
    page = _Page(canvas, offsets or Offsets())
    if not preprinted:
        canvas.doForm(DESIGN_FORM)
        page.text("form_name", item.form_name, BOLD, 30, RED)
    page.text("holder", item.holder, BOLD, 22)
    if item.unit:
        page.text("unit", item.unit, REGULAR, 14)
    x, y, _anchor = page.at("achievement")
    canvas.setFont(ITALIC, 14)
    lines = _wrap(item.achievement, ITALIC, 14, ACHIEVEMENT_WIDTH_MM * mm)
    for index, line in enumerate(lines[:ACHIEVEMENT_MAX_LINES]):
        canvas.drawCentredString(x, y - index * 7 * mm, line)
    page.text("decision", design.decision, REGULAR, 12)
    page.text("gold_book", item.gold_book, REGULAR, 12)
    page.text("place_date", design.place_date, ITALIC, 13)
    page.text("signer_title", design.signer_title, BOLD, 14)
    page.text("signer_name", design.signer_name, BOLD, 14)
    _draw_qr(page, item.verify_url, item.code)
    canvas.showPage()


def draw_calibration(canvas: Canvas, offsets: Offsets, *, caption: str) -> None:
    """A page for checking a template against a blank: a millimetre ruler along two edges
    and a cross with the field's name at each field position, moved by the offsets."""
    height = PAGE_SIZE[1]
    canvas.setStrokeColor(black)
    canvas.setLineWidth(0.3)
    canvas.setFont(REGULAR, 7)
    for millimetre in range(0, PAGE_WIDTH_MM + 1, 5):
        tick = 4 if millimetre % 10 == 0 else 2
        canvas.line(millimetre * mm, 0, millimetre * mm, tick * mm)
        if millimetre % 50 == 0:
            canvas.drawString(millimetre * mm + 0.5 * mm, 5 * mm, str(millimetre))
    for millimetre in range(0, PAGE_HEIGHT_MM + 1, 5):
        tick = 4 if millimetre % 10 == 0 else 2
        canvas.line(0, millimetre * mm, tick * mm, millimetre * mm)
        if millimetre % 50 == 0:
            canvas.drawString(5 * mm, millimetre * mm + 0.5 * mm, str(millimetre))
    page = _Page(canvas, offsets)
    for name in FIELDS:
        x, y, _anchor = page.at(name)
        canvas.line(x - 3 * mm, y, x + 3 * mm, y)
        canvas.line(x, y - 3 * mm, x, y + 3 * mm)
        canvas.drawString(x + 1 * mm, y + 1 * mm, name)
    canvas.setFont(REGULAR, 10)
    canvas.drawString(20 * mm, height - 15 * mm, caption)
    canvas.showPage()
