"""Template helpers of the targets pages: the geometry of their charts."""

from decimal import Decimal

from django import template
from django.urls import reverse
from django.utils.html import format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext

from emulation.targets.enums import ValueKind
from emulation.targets.evaluation import Summary

register = template.Library()

CHART_WIDTH = 600


@register.filter
def bar_segments(summary: Summary, width: int = CHART_WIDTH) -> list[dict]:
    """Stacked-bar segments (x, width, status, count) of a summary, drawn `width` wide."""
    segments, x = [], Decimal(0)
    if not summary or not summary.total:
        return segments
    for status, count in summary.counts():
        if not count:
            continue
        share = Decimal(width) * count / summary.total
        segments.append(
            {"x": round(x, 1), "width": round(share, 1), "status": status, "count": count}
        )
        x += share
    return segments


@register.filter
def met_share(summary: Summary, height: int = 120) -> Decimal:
    """The height of a trend bar: the share of targets met or exceeded, `height` high."""
    if not summary or not summary.total:
        return Decimal(0)
    return round(Decimal(height) * summary.met_or_exceeded / summary.total, 1)


@register.filter
def minus(value, other):
    return value - other


UNIT_ROW = (
    '<tr><th scope="row"><a href="?nam={year}&amp;period={period}&amp;unit={unit_id}">{name}</a>'
    "</th>\n"
    '        <td class="num">{met_or_exceeded}/{total}</td><td class="num">{exceeded}</td>'
    '<td class="num">{not_met}</td><td class="num">{no_data}</td>\n'
    '        <td><svg class="unit-bar" viewBox="0 0 160 14" role="img" '
    'aria-label="{met_or_exceeded}/{total}">{bar}</svg></td>\n'
    '        <td><a href="{grid_url}">{data_label}</a></td></tr>\n'
)
UNIT_BAR_SEGMENT = '<rect x="{x}" y="0" width="{width}" height="14" class="fill-{status}"></rect>'


@register.simple_tag
def unit_result_rows(by_unit, *, year: int, period: str) -> SafeString:
    """The rows of the dashboard's table by unit, one per (unit id, name, summary) of `by_unit`.

    Built here rather than in a template loop: a province's table has a row for each of its
    hundreds of units, and a template loop costs tens of milliseconds of CPU for each page.
    format_html escapes every value put in a row."""
    data_label = gettext("Số liệu")
    # The grid's address differs only by unit: reversed once, the unit's id put in its place.
    placeholder = 999_999_999
    grid_url = reverse("targets:grid", args=[placeholder, year, period, ValueKind.OFFICIAL])
    head, _sep, tail = grid_url.partition(str(placeholder))
    return format_html_join(
        "    ",
        UNIT_ROW,
        (
            {
                "year": int(year),
                "period": period,
                "unit_id": int(unit_id),
                "name": name,
                "met_or_exceeded": summary.met_or_exceeded,
                "total": summary.total,
                "exceeded": summary.exceeded,
                "not_met": summary.not_met,
                "no_data": summary.no_data,
                "bar": format_html_join("", UNIT_BAR_SEGMENT, bar_segments(summary, 160)),
                "grid_url": f"{head}{int(unit_id)}{tail}",
                "data_label": data_label,
            }
            for unit_id, name, summary in by_unit
        ),
    )


@register.simple_tag
def unit_options(by_unit) -> SafeString:
    """The `<option>` of each unit of `by_unit` ((unit id, name, summary) as in the table by
    unit), for the dashboard's unit filter: hundreds at province size, as `unit_result_rows`."""
    return format_html_join(
        "", '<option value="{}">{}</option>', ((int(unit_id), name) for unit_id, name, _ in by_unit)
    )
