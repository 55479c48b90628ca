"""Charts of the year-end report as inline SVG: drawn on the server, laid out by WeasyPrint
with the document's font, no script. Labels are escaped; sizes are in points."""

from dataclasses import dataclass
from decimal import Decimal

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

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
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}pt" height="{height}pt" '
        f'viewBox="0 0 {width} {height}" role="img" aria-label="{escape(title)}">',
        f'<text x="0" y="12" font-family="Liberation Serif" font-size="11" '
        f'font-weight="bold">{escape(title)}</text>',
    ]
    for index, bar in enumerate(bars):
        top = 20 + index * row_height
        length = float(Decimal(bar.value) / largest) * plot_width
        parts.append(
            f'<text x="{label_width - gap}" y="{top + row_height - 6}" text-anchor="end" '
            f'font-family="Liberation Serif" font-size="10">{escape(bar.label)}</text>'
            f'<rect x="{label_width}" y="{top + 2}" width="{length:.1f}" '
            f'height="{row_height - 5}" fill="{bar.colour}"/>'
            f'<text x="{label_width + length + gap:.1f}" y="{top + row_height - 6}" '
            f'font-family="Liberation Serif" font-size="10">{escape(vn_number(bar.value))}</text>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 (every label above is escaped)
