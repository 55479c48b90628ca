"""How a certificate page is drawn (DOMAIN §10.2), A4 landscape.

The static design (border, national motto, issuer in red, "TẶNG") is drawn once per file as
a form XObject and reused by every page; each page adds only its variable text and QR code.
Every text of variable length has a frame (`FRAMES`): it wraps, then shrinks down to the
frame's smallest size (awards.certificates.fitting); what still does not fit raises
FieldDoesNotFit naming the field, and nothing is cut. Under the signer's capacity 35 mm stay
free for the signature and the seal (DOMAIN §10.2).
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

from awards.certificates.fitting import DESCENT, LEADING, Box, DoesNotFit, Fitted, fit

PAGE_SIZE = landscape(A4)
PAGE_WIDTH_MM = 297
PAGE_HEIGHT_MM = 210
CENTRE_MM = PAGE_WIDTH_MM / 2
RED = Color(0.78, 0.06, 0.06)
REGULAR, BOLD, ITALIC = "CertSerif", "CertSerif-Bold", "CertSerif-Italic"
DESIGN_FORM = "certificate-design"
QR_SIZE_MM = 24
QR_MASK = 0
# Free height between the signer's capacity and name, for the signature and the seal.
SIGNATURE_SPACE_MM = 35
SIGNATURE_SIZE = 14
SIGNATURE_X_MM = 218
# The signer's name hangs from this line; the capacity stands SIGNATURE_SPACE_MM above it.
SIGNER_NAME_TOP_MM = 24.5
_POINT_MM = 25.4 / 72
# Half a millimetre more, so that the positions rounded in the PDF still leave the full 35.
SIGNER_TITLE_BASELINE_MM = (
    SIGNER_NAME_TOP_MM + SIGNATURE_SPACE_MM + 0.5 + DESCENT * SIGNATURE_SIZE * _POINT_MM
)
SIGNATURE_LINE_MM = LEADING * SIGNATURE_SIZE * _POINT_MM

# Where each variable field sits: (x, y) in mm and how it is anchored; for a field with a
# frame, y is the frame's top edge and x its centre. The pre-printed blanks have the same
# places; the calibration page marks them.
FIELDS: dict[str, tuple[float, float, str]] = {
    "issuer_title": (CENTRE_MM, 175, "centre"),
    "form_name": (CENTRE_MM, 152, "centre"),
    "holder": (CENTRE_MM, 134, "centre"),
    "unit": (CENTRE_MM, 116, "centre"),
    "reason": (CENTRE_MM, 108, "centre"),
    "decision": (56, 44, "left"),
    "gold_book": (56, 37, "left"),
    "place_date": (SIGNATURE_X_MM, SIGNER_TITLE_BASELINE_MM + 6.5, "centre"),
    "signer_title": (SIGNATURE_X_MM, SIGNER_TITLE_BASELINE_MM, "centre"),
    "signer_name": (SIGNATURE_X_MM, SIGNER_NAME_TOP_MM, "centre"),
    "qr": (22, 20, "left"),
    "verify_link": (50, 22, "left"),
}

# The frames: width and height in mm, the font of each paragraph, the largest and smallest
# size in points, and whether the lines stand in the middle of the frame. The reason is the
# title's line ("Đã đạt danh hiệu …", bold) and the achievement (italic) below it; it ends
# 80 mm above the bottom edge, over the decision and the signer's place and date.
FRAMES: dict[str, tuple[float, float, tuple[str, ...], float, float, bool]] = {
    "issuer_title": (250, 13, (BOLD,), 16, 12, True),
    "form_name": (250, 15, (BOLD,), 30, 20, True),
    "holder": (250, 17, (BOLD,), 22, 16, True),
    "unit": (250, 7, (REGULAR,), 14, 11, True),
    "reason": (255, 28, (BOLD, ITALIC), 14, 10, False),
    "signer_name": (100, 7, (BOLD,), SIGNATURE_SIZE, 11, False),
}


class FieldDoesNotFit(ValueError):
    """A field's text does not fit its frame even at the smallest size: the print stops."""

    def __init__(self, field: str, smallest: float):
        self.field, self.smallest = field, smallest
        super().__init__(field)


def fit_field(name: str, paragraphs: list[str]) -> Fitted:
    """The field's text fitted in its frame; FieldDoesNotFit when it cannot be."""
    register_fonts()
    width, height, fonts, largest, smallest, middle = FRAMES[name]
    x, top, _anchor = FIELDS[name]
    box = Box(x, top, width, height, fonts, largest, smallest, middle)
    try:
        return fit(paragraphs, box)
    except DoesNotFit:
        raise FieldDoesNotFit(name, smallest) from None


@dataclass(frozen=True)
class Design:
    """What every certificate of one decision shares."""

    issuer_title: str  # "CHỦ TỊCH ỦY BAN NHÂN DÂN PHƯỜNG SÀI GÒN", printed in red
    place_date: str  # "Sài Gòn, ngày 05 tháng 01 năm 2026"
    signer_titles: tuple[str, ...]  # ("CHỦ TỊCH",) or ("KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH")
    signer_name: str
    decision: str  # "Quyết định số 01/QĐ-UBND ngày 05/01/2026"

    def fitted(self) -> dict[str, Fitted]:
        """The issuer's line and the signer's name in their frames (FieldDoesNotFit)."""
        return _design_fit(self)


@dataclass(frozen=True)
class CertificateText:
    """The variable fields of one certificate, NFC-normalised by the caller."""

    code: str
    form_name: str  # "GIẤY KHEN", "GIẤY CHỨNG NHẬN"
    holder: str
    unit: str
    title_line: str  # "Đã đạt danh hiệu Lao động tiên tiến năm 2025", or empty
    achievement: str
    gold_book: str
    verify_url: str

    def fitted(self) -> dict[str, Fitted]:
        """Each variable field in its frame; FieldDoesNotFit for the first that cannot be."""
        return {
            "form_name": fit_field("form_name", [self.form_name]),
            "holder": fit_field("holder", [self.holder]),
            "unit": fit_field("unit", [self.unit]),
            "reason": fit_field("reason", [self.title_line, self.achievement]),
        }


@cache
def _design_fit(design: Design) -> dict[str, Fitted]:
    register_fonts()
    return {
        "issuer_title": fit_field("issuer_title", [design.issuer_title]),
        "signer_name": fit_field("signer_name", [design.signer_name]),
    }


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

    def lines(self, name: str, fitted: Fitted, color=black) -> None:
        """A fitted field's lines, centred on the field's x, moved by the offsets."""
        x, _top, _anchor = self.at(name)
        self.canvas.setFillColor(color)
        for (line, font), baseline in zip(fitted.lines, fitted.baselines, strict=True):
            self.canvas.setFont(font, fitted.size)
            self.canvas.drawCentredString(x, (baseline + self.offsets.y_mm) * mm, line)

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
    _Page(canvas).lines("issuer_title", design.fitted()["issuer_title"], RED)
    canvas.setFillColor(black)
    canvas.setFont(BOLD, 16)
    canvas.drawCentredString(centre, 156 * mm, "TẶNG")
    canvas.endForm()


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
    """One page: the design (unless printing on a blank) and the variable fields, each in its
    frame. Raises FieldDoesNotFit before anything of the page is drawn."""
    fitted = item.fitted()
    design_fitted = design.fitted()
    page = _Page(canvas, offsets or Offsets())
    if not preprinted:
        canvas.doForm(DESIGN_FORM)
        page.lines("form_name", fitted["form_name"], RED)
    page.lines("holder", fitted["holder"])
    page.lines("unit", fitted["unit"])
    page.lines("reason", fitted["reason"])
    page.text("decision", design.decision, REGULAR, 12)
    page.text("gold_book", item.gold_book, REGULAR, 12)
    _draw_signature(page, design, design_fitted["signer_name"])
    _draw_qr(page, item.verify_url, item.code)
    canvas.showPage()


def _draw_signature(page: _Page, design: Design, name: Fitted) -> None:
    """Place and date, the capacity (its last line SIGNATURE_SPACE_MM above the name), the
    name."""
    x, last_baseline, _anchor = page.at("signer_title")
    count = len(design.signer_titles)
    page.canvas.setFillColor(black)
    page.canvas.setFont(BOLD, SIGNATURE_SIZE)
    for index, title in enumerate(design.signer_titles):
        baseline = last_baseline + (count - 1 - index) * SIGNATURE_LINE_MM * mm
        page.canvas.drawCentredString(x, baseline, title)
    page.canvas.setFont(ITALIC, 13)
    place_baseline = last_baseline + ((count - 1) * SIGNATURE_LINE_MM + 6.5) * mm
    page.canvas.drawCentredString(x, place_baseline, design.place_date)
    page.lines("signer_name", name)


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
