"""Points, totals, classification and ranking (DOMAIN §7.3–§7.4). Pure functions, no queries.

- manual: the points entered, between 0 and the maximum;
- yes / no: the maximum when yes, 0 when no;
- count: count × points per item, capped at the maximum (a penalty without a maximum is not
  capped);
- from a target (reusing `emulation.targets.evaluation`): met or exceeded gives the maximum;
  not met gives maximum × completion ratio (never below 0), or 0 when the ratio is undefined;
  a target without data is not scored.

Total = criteria + min(bonus, the table's bonus cap) − min(penalties, the table's penalty cap
when set). Ranking: higher total, then higher score of the first group, then more votes of
the cluster's secret ballot; units still equal share the rank (đồng hạng).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext as _

from emulation.numbers import format_number
from emulation.scoring.enums import Classification, ItemKind, Method
from emulation.targets.enums import Status
from emulation.targets.evaluation import Evaluation

ZERO = Decimal(0)
ONE = Decimal(1)
HUNDRED = Decimal(100)
CENT = Decimal("0.01")


class ScoreInputError(ValueError):
    """An entered value the item's method refuses; the message is Vietnamese."""


def _cents(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def points_for(item, value: Decimal | None) -> Decimal:
    """The points of a manual, yes/no or count item for the entered `value`.

    `item` has `method`, `kind`, `max_points` and `points_per_item` (a `Criterion`).
    Raises ScoreInputError for a value out of range.
    """
    if value is None:
        raise ScoreInputError(_("Chưa nhập điểm."))
    maximum = item.max_points
    if item.method == Method.MANUAL:
        if value < ZERO or (maximum is not None and value > maximum):
            raise ScoreInputError(
                _("Điểm phải từ 0 đến %(max)s.") % {"max": format_number(maximum)}
                if maximum is not None
                else _("Điểm không được âm.")
            )
        return _cents(value)
    if item.method == Method.BOOLEAN:
        if value not in (ZERO, ONE):
            raise ScoreInputError(_("Chọn Có hoặc Không."))
        full = maximum if maximum is not None else (item.points_per_item or ZERO)
        return _cents(full if value == ONE else ZERO)
    if item.method == Method.COUNT:
        if value < ZERO or value != value.to_integral_value():
            raise ScoreInputError(_("Số lượng phải là số nguyên không âm."))
        points = value * item.points_per_item
        if maximum is not None:
            points = min(points, maximum)
        return _cents(points)
    raise ScoreInputError(_("Tiêu chí này được tính từ kết quả chỉ tiêu, không nhập tay."))


def points_from_target(item, evaluation: Evaluation) -> Decimal | None:
    """The points of a target item from its evaluation; None when the target has no data."""
    if evaluation.status == Status.NO_DATA:
        return None
    if evaluation.status in (Status.MET, Status.EXCEEDED):
        return _cents(item.max_points)
    if evaluation.ratio is None:
        return ZERO
    return _cents(item.max_points * max(ZERO, min(ONE, evaluation.ratio)))


@dataclass(frozen=True)
class Totals:
    criteria: Decimal
    bonus: Decimal
    penalty: Decimal
    by_group: dict[int, Decimal]
    total: Decimal
    first_group: Decimal


def totals(
    items: Iterable, points: Mapping[int, Decimal], *, bonus_cap: Decimal, penalty_cap
) -> Totals:
    """Totals of a sheet. `items` are the table's criteria (ordered, first group first),
    `points` the points by criterion id (missing items count 0)."""
    criteria = bonus = penalty = ZERO
    by_group: dict[int, Decimal] = {}
    first_group_id = None
    for item in items:
        value = points.get(item.pk, ZERO)
        if item.kind == ItemKind.CRITERION:
            criteria += value
            by_group[item.group_id] = by_group.get(item.group_id, ZERO) + value
            if first_group_id is None:
                first_group_id = item.group_id
        elif item.kind == ItemKind.BONUS:
            bonus += value
        else:
            penalty += value
    bonus = min(bonus, bonus_cap)
    if penalty_cap is not None:
        penalty = min(penalty, penalty_cap)
    total = criteria + bonus - penalty
    return Totals(
        criteria=criteria,
        bonus=bonus,
        penalty=penalty,
        by_group=by_group,
        total=total,
        first_group=by_group.get(first_group_id, ZERO),
    )


def classify(total: Decimal, maximum: Decimal, table) -> Classification:
    """Xếp loại by the share of the maximum (criteria only) against the table's thresholds."""
    if maximum <= ZERO:
        return Classification.AVERAGE
    share = total / maximum * HUNDRED
    if share >= table.excellent_from:
        return Classification.EXCELLENT
    if share >= table.good_from:
        return Classification.GOOD
    if share >= table.fair_from:
        return Classification.FAIR
    return Classification.AVERAGE


@dataclass
class RankRow:
    unit_id: int
    total: Decimal
    first_group: Decimal
    votes: int = 0
    rank: int = 0
    # How the row was separated from the one above it: "", "group_1" or "votes".
    decided_by: str = ""
    extra: dict = field(default_factory=dict)


def rank(rows: Iterable[RankRow]) -> list[RankRow]:
    """Order by total, then first-group score, then votes; equal on all three share a rank."""
    ordered = sorted(rows, key=lambda row: (-row.total, -row.first_group, -row.votes, row.unit_id))
    previous = None
    for position, row in enumerate(ordered, start=1):
        if previous is None:
            row.rank = 1
        elif (row.total, row.first_group, row.votes) == (
            previous.total,
            previous.first_group,
            previous.votes,
        ):
            row.rank = previous.rank
        else:
            row.rank = position
            if row.total == previous.total:
                row.decided_by = "group_1" if row.first_group != previous.first_group else "votes"
                previous.decided_by = previous.decided_by or row.decided_by
        previous = row
    return ordered
