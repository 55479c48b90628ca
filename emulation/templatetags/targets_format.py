"""Template helpers of the targets pages: the geometry of their charts."""

from decimal import Decimal

from django import template

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
