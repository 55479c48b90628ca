"""How the report writes a target's plan: with the terms its verdict was judged by, so that a
reader can check it. "Reduce by" targets print their baseline, ranges their bounds (a ceiling
alone reads "Không quá 4,5"); the verdict itself is the dashboard's evaluation, never redone."""

from django.utils.translation import gettext as _

from emulation.numbers import format_number
from emulation.targets.enums import Direction


def plan_text(row) -> str:
    """The plan of a dashboard row (`TargetRow`) as printed in the report's table."""
    if row.direction == Direction.REDUCE_BY_PCT:
        if row.plan_value is None or row.baseline_value is None:
            return ""
        return _("Giảm %(percent)s %% so với mức gốc %(baseline)s") % {
            "percent": format_number(row.plan_value),
            "baseline": format_number(row.baseline_value),
        }
    if row.direction == Direction.RANGE:
        low, high = row.range_min, row.range_max
        if low is not None and high is not None:
            return _("Từ %(low)s đến %(high)s") % {
                "low": format_number(low),
                "high": format_number(high),
            }
        if high is not None:
            return _("Không quá %(high)s") % {"high": format_number(high)}
        if low is not None:
            return _("Không dưới %(low)s") % {"low": format_number(low)}
        return ""
    if row.direction == Direction.BOOLEAN:
        return _("Hoàn thành")
    if row.direction == Direction.LOWER_BETTER and row.plan_value is not None:
        return _("Không quá %(high)s") % {"high": format_number(row.plan_value)}
    return format_number(row.plan_value)
