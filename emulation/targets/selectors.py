"""Reads of the targets feature. Each page's data comes from a fixed number of queries,
whatever the number of units, targets and periods."""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import DecimalField, F, OuterRef, Q, QuerySet, Subquery, Value, Window
from django.db.models.functions import DenseRank

from emulation.enums import AUTHORITY_WIDE_ROLES
from emulation.models import (
    Actual,
    ActualChange,
    ReportingPeriod,
    Target,
    TargetRuleSet,
    Unit,
    User,
)
from emulation.selectors import units_in_scope
from emulation.targets.enums import (
    PERIOD_ORDER,
    PeriodKind,
    Status,
    TargetGroup,
    ValueKind,
)
from emulation.targets.evaluation import (
    DEFAULT_TOLERANCE,
    Evaluation,
    Summary,
    evaluate,
    summarize,
)


def _judgement_day(year: int) -> datetime.date:
    """A year's targets are judged by the rules in force on its last day."""
    return datetime.date(year, 12, 31)


def tolerances_by_year(*, authority_id: int, years) -> dict[int, Decimal]:
    """The tolerance in force for each year: the authority's own rule set, else the general one,
    else the built-in default (0,1 điểm phần trăm). One query."""
    rule_sets = list(
        TargetRuleSet.objects.filter(Q(authority_id=authority_id) | Q(authority__isnull=True))
    )
    result = {}
    for year in years:
        day = _judgement_day(year)
        in_force = [
            r
            for r in rule_sets
            if r.valid_from <= day and (r.valid_to is None or r.valid_to >= day)
        ]
        in_force.sort(key=lambda r: (r.authority_id is not None, r.valid_from), reverse=True)
        result[year] = in_force[0].tolerance if in_force else DEFAULT_TOLERANCE
    return result


def scoped_unit(*, user: User, unit_id: int) -> Unit | None:
    """The unit if the user may see it; None (→ 404) otherwise."""
    return units_in_scope(user).filter(pk=unit_id).first()


def scoped_target(*, user: User, target_id: int) -> Target | None:
    """The target if the user may see it (its unit in scope, or an authority target for
    authority-wide roles); None (→ 404) otherwise."""
    if not getattr(user, "is_authenticated", False) or not user.unit_id:
        return None
    targets = Target.objects.select_related("unit", "authority", "parent").filter(
        authority_id=user.unit.authority_id
    )
    if user.role in AUTHORITY_WIDE_ROLES:
        return targets.filter(pk=target_id).first()
    return targets.filter(pk=target_id, unit__in=units_in_scope(user)).first()


@dataclass
class GridRow:
    target: Target
    actual: Actual | None
    evaluation: Evaluation
    is_heading: bool


def grid_rows(
    *, authority_id: int, unit: Unit | None, year: int, period: ReportingPeriod, value_kind: str
) -> list[GridRow]:
    """The targets of a unit (or the authority's own when `unit` is None) for the year, each
    with its actual for the period and kind and the computed evaluation. Two queries."""
    targets = list(
        Target.objects.filter(authority_id=authority_id, year=year, unit=unit).order_by(
            "sort_order", "code"
        )
    )
    stored = Actual.objects.none() if period.pk is None else period.actuals.all()
    actuals = {
        a.target_id: a
        for a in stored.filter(value_kind=value_kind, target__in=[t.pk for t in targets])
    }
    tolerance = tolerances_by_year(authority_id=authority_id, years=[year])[year]
    parents = {t.parent_id for t in targets if t.parent_id}
    rows = []
    for target in targets:
        actual = actuals.get(target.pk)
        rows.append(
            GridRow(
                target=target,
                actual=actual,
                evaluation=evaluate(target, actual.value if actual else None, tolerance=tolerance),
                is_heading=target.pk in parents,
            )
        )
    return rows


def target_history(*, target: Target) -> dict:
    """One target's values by period and kind with their evaluation, and every change."""
    actuals = list(
        Actual.objects.filter(target=target)
        .select_related("period", "submitted_by")
        .order_by("period__kind", "value_kind")
    )
    actuals.sort(key=lambda a: (PERIOD_ORDER[a.period.kind], a.value_kind))
    tolerance = tolerances_by_year(authority_id=target.authority_id, years=[target.year])[
        target.year
    ]
    changes = (
        ActualChange.objects.filter(actual__target=target)
        .select_related("actual__period", "changed_by")
        .order_by("-changed_at", "-pk")
    )
    return {
        "values": [(a, evaluate(target, a.value, tolerance=tolerance)) for a in actuals],
        "changes": list(changes),
    }


def find_period(*, authority_id: int, year: int, kind: str) -> ReportingPeriod:
    """The stored period, or an unsaved open one: reading a page creates nothing."""
    return ReportingPeriod.objects.filter(
        authority_id=authority_id, year=year, kind=kind
    ).first() or ReportingPeriod(authority_id=authority_id, year=year, kind=kind)


def periods_of_year(*, authority_id: int, year: int) -> list[ReportingPeriod]:
    """Every period kind of the year, the stored row where one exists (else an unsaved one)."""
    stored = {
        p.kind: p
        for p in ReportingPeriod.objects.filter(
            authority_id=authority_id, year=year
        ).prefetch_related("events__by")
    }
    return [
        stored.get(kind) or ReportingPeriod(authority_id=authority_id, year=year, kind=kind)
        for kind in PeriodKind.values
    ]


# ---- Dashboard ----------------------------------------------------------------------------


@dataclass
class TargetRow:
    id: int
    code: str
    name: str
    group: str
    unit_id: int | None
    unit_of_measure: str
    plan_value: Decimal | None
    value: Decimal | None
    is_estimate: bool
    evaluation: Evaluation
    # The terms the evaluation read, for those who print the plan with them (a reduce-by
    # target's baseline, a range's bounds).
    direction: str = ""
    baseline_value: Decimal | None = None
    range_min: Decimal | None = None
    range_max: Decimal | None = None

    @property
    def status(self) -> Status:
        return self.evaluation.status

    @property
    def group_label(self) -> str:
        return TargetGroup(self.group).label if self.group in TargetGroup.values else self.group


@dataclass
class Dashboard:
    year: int
    period: str
    unit: Unit | None
    summary: Summary
    by_group: list = field(default_factory=list)
    by_unit: list = field(default_factory=list)
    by_period: list = field(default_factory=list)
    by_year: list = field(default_factory=list)
    rows: list = field(default_factory=list)
    years: list = field(default_factory=list)
    uses_estimates: bool = False


SORT_KEYS = {
    "code": lambda r: r.code,
    "name": lambda r: r.name,
    "group": lambda r: (r.group, r.code),
    "status": lambda r: (list(Status).index(r.status), r.code),
    "ratio": lambda r: (r.evaluation.ratio is None, r.evaluation.ratio or 0, r.code),
}


def _chosen_values(actual_rows) -> dict:
    """(target id, period) → (value, is estimate): the official figure wins over the estimate."""
    chosen: dict = {}
    for target_id, period_kind, value_kind, value in actual_rows:
        key = (target_id, period_kind)
        if value_kind == ValueKind.OFFICIAL or key not in chosen:
            chosen[key] = (value, value_kind == ValueKind.ESTIMATE)
    return chosen


def _row(target: dict, chosen: dict, period: str, tolerance: Decimal) -> TargetRow:
    value, is_estimate = chosen.get((target["id"], period), (None, False))
    terms = _Terms(**{k: target[k] for k in _Terms.__dataclass_fields__})
    return TargetRow(
        id=target["id"],
        code=target["code"],
        name=target["name"],
        group=target["group"],
        unit_id=target["unit_id"],
        unit_of_measure=target["unit_of_measure"],
        plan_value=target["plan_value"],
        value=value,
        is_estimate=is_estimate,
        evaluation=evaluate(terms, value, tolerance=tolerance),
        direction=terms.direction,
        baseline_value=terms.baseline_value,
        range_min=terms.range_min,
        range_max=terms.range_max,
    )


def _status(target: dict, chosen: dict, period: str, tolerance: Decimal) -> Status:
    """What `_row(...).status` answers, without the row: the table by unit counts the statuses
    of every target of the authority (hundreds at province size) and shows none of them."""
    value, _is_estimate = chosen.get((target["id"], period), (None, False))
    terms = _Terms(
        direction=target["direction"],
        plan_value=target["plan_value"],
        baseline_value=target["baseline_value"],
        range_min=target["range_min"],
        range_max=target["range_max"],
    )
    return evaluate(terms, value, tolerance=tolerance).status


@dataclass(frozen=True)
class _Terms:
    direction: str
    plan_value: Decimal | None
    baseline_value: Decimal | None
    range_min: Decimal | None
    range_max: Decimal | None


TARGET_FIELDS = (
    "id",
    "code",
    "name",
    "group",
    "unit_id",
    "parent_id",
    "year",
    "unit_of_measure",
    "direction",
    "plan_value",
    "baseline_value",
    "range_min",
    "range_max",
    "sort_order",
)


def _counted(targets: list[dict]) -> list[dict]:
    """Targets that count in a summary: headings (targets with children) do not."""
    parents = {t["parent_id"] for t in targets if t["parent_id"]}
    return [t for t in targets if t["id"] not in parents]


def _summarize(rows) -> Summary:
    return summarize(row.status for row in rows)


def dashboard(
    *,
    user: User,
    year: int,
    period: str = PeriodKind.YEAR,
    unit: Unit | None = None,
    group: str = "",
    status: str = "",
    sort: str = "code",
) -> Dashboard:
    """The targets dashboard for `user`.

    The headline set is the authority's own targets for authority-wide roles, or the chosen
    unit's; for unit roles it is their own unit's targets. `unit` must be in the user's scope
    (the view checks). Queries: a fixed handful, independent of units, targets and periods.
    """
    authority_id = user.unit.authority_id
    wide = user.role in AUTHORITY_WIDE_ROLES
    if unit is None and not wide:
        unit = user.unit
    scope_units = None if wide else list(units_in_scope(user).values_list("pk", flat=True))

    targets = Target.objects.filter(authority_id=authority_id)
    if scope_units is not None:
        targets = targets.filter(unit_id__in=scope_units)
    # The unit's name and place come with its targets: the table by unit needs no query of its own.
    year_targets = list(
        targets.filter(year=year).values(
            *TARGET_FIELDS,
            unit_name=F("unit__name"),
            # The units' order as the database sorts them (its collation of Vietnamese names).
            unit_order=Window(DenseRank(), order_by=[F("unit__sort_order"), F("unit__name")]),
        )
    )
    headline_unit_id = unit.pk if unit else None
    headline = _counted([t for t in year_targets if t["unit_id"] == headline_unit_id])

    # Every period of the headline targets (for the trend), the chosen period of all the others.
    # Conditions on the joined target, not subqueries: the database starts from the
    # authority's targets of the year (an index) instead of reading every authority's figures.
    chosen_actuals = Actual.objects.filter(target__authority_id=authority_id, target__year=year)
    if scope_units is not None:
        chosen_actuals = chosen_actuals.filter(target__unit_id__in=scope_units)
    chosen = _chosen_values(
        chosen_actuals.filter(
            Q(target__unit_id=headline_unit_id) | Q(period__kind=period)
        ).values_list("target_id", "period__kind", "value_kind", "value")
    )

    # Trend across years: the headline scope's targets by code, year figures only.
    history_targets = list(
        targets.filter(unit_id=headline_unit_id).exclude(year=year).values(*TARGET_FIELDS)
    )
    history_chosen = _chosen_values(
        Actual.objects.filter(
            target__authority_id=authority_id,
            target__in=targets.filter(unit_id=headline_unit_id).exclude(year=year),
            period__kind=PeriodKind.YEAR,
        ).values_list("target_id", "period__kind", "value_kind", "value")
    )
    years = sorted({year} | {t["year"] for t in history_targets})
    tolerances = tolerances_by_year(authority_id=authority_id, years=years)
    tolerance = tolerances[year]

    rows = [_row(t, chosen, period, tolerance) for t in headline]
    result = Dashboard(year=year, period=period, unit=unit, summary=_summarize(rows), years=years)
    result.uses_estimates = any(r.is_estimate for r in rows)

    groups: dict[str, list] = defaultdict(list)
    for row in rows:
        groups[row.group].append(row)
    result.by_group = [
        (TargetGroup(g).label, _summarize(groups[g])) for g in TargetGroup.values if g in groups
    ]

    result.by_period = [
        (kind, _summarize(_row(t, chosen, kind, tolerance) for t in headline))
        for kind in PeriodKind
        if any((t["id"], kind.value) in chosen for t in headline)
    ]

    by_year_targets: dict[int, list] = defaultdict(list)
    for t in history_targets:
        by_year_targets[t["year"]].append(t)
    for y in years:
        if y == year:
            summary = (
                result.summary
                if period == PeriodKind.YEAR
                else _summarize(_row(t, chosen, PeriodKind.YEAR, tolerance) for t in headline)
            )
        else:
            summary = _summarize(
                _row(t, history_chosen, PeriodKind.YEAR, tolerances[y])
                for t in _counted(by_year_targets[y])
            )
        result.by_year.append((y, summary))

    if wide and unit is None:
        per_unit: dict[int, list] = defaultdict(list)
        for t in year_targets:
            if t["unit_id"] is not None:
                per_unit[t["unit_id"]].append(t)
        names = {
            unit_id: unit_targets[0]["unit_name"]
            for unit_id, unit_targets in sorted(
                per_unit.items(),
                key=lambda item: item[1][0]["unit_order"],
            )
        }
        result.by_unit = [
            (
                unit_id,
                name,
                summarize(
                    _status(t, chosen, period, tolerance) for t in _counted(per_unit[unit_id])
                ),
            )
            for unit_id, name in names.items()
        ]

    filtered = [r for r in rows if (not group or r.group == group)]
    filtered = [r for r in filtered if (not status or r.status == status)]
    descending = sort.startswith("-")
    key = SORT_KEYS.get(sort.lstrip("-"), SORT_KEYS["code"])
    result.rows = sorted(filtered, key=key, reverse=descending)
    return result


def export_rows(
    *,
    authority_id: int,
    unit_ids: list[int | None],
    year: int,
    period: ReportingPeriod,
    value_kind: str,
) -> QuerySet[Target]:
    """Targets to export for the template, with unit and the period's actual, one query."""
    unit_filter = Q(unit_id__in=[u for u in unit_ids if u is not None])
    if None in unit_ids:
        unit_filter |= Q(unit__isnull=True)
    if period.pk is None:
        value = Value(None, output_field=DecimalField())
    else:
        value = Subquery(
            Actual.objects.filter(
                target=OuterRef("pk"), period=period, value_kind=value_kind
            ).values("value")[:1]
        )
    return (
        Target.objects.filter(unit_filter, authority_id=authority_id, year=year)
        .select_related("unit")
        .annotate(actual_value=value)
        .order_by("unit__sort_order", "unit__code", "sort_order", "code")
    )


def year_verdicts(
    *, authority_id: int, year: int, period: str = PeriodKind.YEAR
) -> list[TargetRow]:
    """Every target of the authority for `year` (its own and its units'; headings aside) with
    the verdict of `period`, judged as the dashboard judges them. Three queries."""
    targets = list(
        Target.objects.filter(authority_id=authority_id, year=year)
        .order_by(F("unit_id").asc(nulls_first=True), "sort_order", "code")
        .values(*TARGET_FIELDS)
    )
    chosen = _chosen_values(
        Actual.objects.filter(target__authority_id=authority_id, target__year=year).values_list(
            "target_id", "period__kind", "value_kind", "value"
        )
    )
    tolerance = tolerances_by_year(authority_id=authority_id, years=[year])[year]
    return [_row(target, chosen, period, tolerance) for target in _counted(targets)]
