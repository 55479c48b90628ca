"""Charts of the year-end report as inline SVG: drawn on the server, laid out by WeasyPrint
with the document's font, no script. Labels are escaped; sizes are in points."""

from dataclasses import dataclass
from decimal import Decimal

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from emulation.templatetags.vn_format import vn_number

# Status colours, readable in greyscale too (dark → light).
PALETTE = ("#1d4e89", "#3f7cac", "#c0392b", "#9e9e9e", "#7a9a01", "#e1a100")


@dataclass(frozen=True)
class Bar:
    label: str
    value: Decimal | int
    colour: str = PALETTE[0]


def bar_chart(bars: list[Bar], *, title: str, width: int = 460, row_height: int = 18) -> SafeString:
    """A horizontal bar chart: one labelled bar per item, its value at the end of the bar."""
    label_width, value_width, gap = 170, 60, 4
    plot_width = width - label_width - value_width
    largest = max((Decimal(bar.value) for bar in bars), default=Decimal(0)) or Decimal(1)
    height = 22 + len(bars) * row_height
    head = format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" width="{}pt" height="{}pt" '
        'viewBox="0 0 {} {}" role="img" aria-label="{}">'
        '<text x="0" y="12" font-family="Liberation Serif" font-size="11" '
        'font-weight="bold">{}</text>',
        width,
        height,
        width,
        height,
        title,
        title,
    )
    rows = []
    for index, bar in enumerate(bars):
        top = 20 + index * row_height
        length = float(Decimal(bar.value) / largest) * plot_width
        rows.append(
            (
                label_width - gap,
                top + row_height - 6,
                bar.label,
                label_width,
                top + 2,
                f"{length:.1f}",
                row_height - 5,
                bar.colour,
                f"{label_width + length + gap:.1f}",
                top + row_height - 6,
                vn_number(bar.value),
            )
        )
    body = format_html_join(
        "",
        '<text x="{}" y="{}" text-anchor="end" font-family="Liberation Serif" font-size="10">'
        '{}</text><rect x="{}" y="{}" width="{}" height="{}" fill="{}"/>'
        '<text x="{}" y="{}" font-family="Liberation Serif" font-size="10">{}</text>',
        rows,
    )
    return format_html("{}{}</svg>", head, body)
