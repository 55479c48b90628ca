"""Deterministic target data (`manage.py seed_targets`): the demo authority's 2022–2023
figures (the seed article's "35/38 chỉ tiêu đạt và vượt, 13 vượt kế hoạch", in
fixtures/demo_targets.json) and large synthetic sets for benchmarks. The catalogue itself,
targets and results, is the static table of `demo.target_catalogue`."""

import datetime
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from demo.fixtures import in_pk_order
from demo.target_catalogue import BOOL, DEMO_2023, HB, LB, RANGE, RED, WARD_TARGETS
from emulation.enums import UnitKind
from emulation.models import Actual, ActualChange, Authority, ReportingPeriod, Target, User
from emulation.targets.enums import Direction, PeriodKind, TargetGroup, ValueKind
from emulation.targets.services import ActualEntry, get_period, save_actuals

D = Decimal

# Share of the year figure reached at 6 and 9 months, for counts and for rates.
PROGRESS = {PeriodKind.H1: (D("0.5"), D("0.97")), PeriodKind.M9: (D("0.76"), D("0.99"))}
RATE_UNITS = ("%", "% kế hoạch", "")


def value_at_ratio(target: Target, ratio: Decimal) -> Decimal:
    """An actual that makes `target` reach `ratio` (1 = exactly the plan)."""
    if target.direction == Direction.HIGHER_BETTER:
        return (target.plan_value * ratio).quantize(D("0.01"))
    if target.direction == Direction.LOWER_BETTER:
        return (target.plan_value / ratio).quantize(D("0.01"))
    if target.direction == Direction.REDUCE_BY_PCT:
        reduced = target.baseline_value * target.plan_value * ratio / 100
        return (target.baseline_value - reduced).quantize(D("0.01"))
    if target.direction == Direction.BOOLEAN:
        return D(1) if ratio >= 1 else D(0)
    low, high = target.range_min, target.range_max
    inside = low if low is not None else high
    return inside if ratio >= 1 else (high + 1 if high is not None else low - 1)


def _period_value(target: Target, year_value: Decimal, kind: PeriodKind) -> Decimal:
    if target.direction == Direction.BOOLEAN:
        return D(0)
    count_share, rate_share = PROGRESS[kind]
    share = rate_share if target.unit_of_measure in RATE_UNITS else count_share
    if target.direction in (Direction.LOWER_BETTER, Direction.REDUCE_BY_PCT, Direction.RANGE):
        share = rate_share
    return (year_value * share).quantize(D("0.01"))


def _catalogue(authority: Authority, year: int) -> list[Target]:
    targets = []
    for index, row in enumerate(DEMO_2023):
        code, name, group, uom, direction, plan, baseline, bounds, _actual = row
        low, high = bounds or (None, None)
        targets.append(
            Target(
                authority=authority,
                year=year,
                code=code,
                name=name,
                group=group,
                unit_of_measure=uom,
                direction=direction,
                plan_value=D(plan) if plan else None,
                baseline_value=D(baseline) if baseline else None,
                range_min=D(low) if low else None,
                range_max=D(high) if high else None,
                sort_order=index,
            )
        )
    return Target.objects.bulk_create(targets)


def _record(user, authority, year, kind, value_kind, values: dict[Target, Decimal]) -> None:
    period = get_period(authority=authority, year=year, kind=kind)
    save_actuals(
        user=user,
        period=period,
        value_kind=value_kind,
        entries=[ActualEntry(target=t, value=v) for t, v in values.items()],
        may_write_closed=True,
    )


@transaction.atomic
def seed_demo_targets(*, authority: Authority, user: User) -> int:
    """The demo authority's targets: 2022 (34/38, 9 exceeded) and 2023 (35/38, 13 exceeded,
    the seed article's figures), with 6- and 9-month figures, a year-end estimate, and each
    ward's own targets. Idempotent: does nothing when 2023 targets exist. Returns targets made."""
    if Target.objects.filter(authority=authority, year=2023).exists():
        return 0
    made = 0
    # 2022: the first ten above plan (the range target among them only met), four not met.
    targets_2022 = _catalogue(authority, 2022)
    made += len(targets_2022)
    ratios = [D("1.05")] * 10 + [D("0.9")] * 4 + [D(1)] * (len(targets_2022) - 14)
    _record(
        user,
        authority,
        2022,
        PeriodKind.YEAR,
        ValueKind.OFFICIAL,
        {t: value_at_ratio(t, r) for t, r in zip(targets_2022, ratios, strict=True)},
    )
    targets_2023 = _catalogue(authority, 2023)
    made += len(targets_2023)
    year_values = {t: D(row[-1]) for t, row in zip(targets_2023, DEMO_2023, strict=True)}
    for kind in (PeriodKind.H1, PeriodKind.M9):
        values = {t: _period_value(t, v, kind) for t, v in year_values.items()}
        _record(user, authority, 2023, kind, ValueKind.OFFICIAL, values)
    # The December estimate (ước thực hiện) before the official figures.
    estimates = dict(year_values)
    estimates[targets_2023[1]] = D("16500")
    _record(user, authority, 2023, PeriodKind.YEAR, ValueKind.ESTIMATE, estimates)
    _record(user, authority, 2023, PeriodKind.YEAR, ValueKind.OFFICIAL, year_values)
    made += _seed_wards(authority=authority, user=user, year=2023)
    return made


def _seed_wards(*, authority: Authority, user: User, year: int) -> int:
    wards = list(authority.units.filter(kind=UnitKind.WARD).order_by("sort_order", "code"))
    made = []
    for ward in wards:
        for index, (code, name, group, uom, direction, plan) in enumerate(WARD_TARGETS):
            made.append(
                Target(
                    authority=authority,
                    unit=ward,
                    year=year,
                    code=code,
                    name=name,
                    group=group,
                    unit_of_measure=uom,
                    direction=direction,
                    plan_value=D(plan) if plan else None,
                    sort_order=index,
                )
            )
    made = Target.objects.bulk_create(made)
    # Ward results vary: each ward misses a different target.
    values = {}
    for position, target in enumerate(made):
        ward_index, target_index = divmod(position, len(WARD_TARGETS))
        ratio = D("0.9") if target_index == ward_index % len(WARD_TARGETS) else D("1.04")
        values[target] = value_at_ratio(target, ratio)
    if values:
        _record(user, authority, year, PeriodKind.YEAR, ValueKind.OFFICIAL, values)
    return len(made)


BULK_DIRECTIONS = [HB, HB, HB, LB, RED, BOOL, RANGE, HB]
BULK_RATIOS = [D("1.05"), D(1), D(1), D("0.9"), D("1.02")]
BULK_PERIODS = [PeriodKind.YEAR, PeriodKind.M9, PeriodKind.H1, PeriodKind.Q1, PeriodKind.Q2]


def _bulk_target(authority, unit, year, index: int) -> Target:
    direction = BULK_DIRECTIONS[index % len(BULK_DIRECTIONS)]
    return Target(
        authority=authority,
        unit=unit,
        year=year,
        code=f"T{index + 1:03d}",
        name=f"Chỉ tiêu thử nghiệm số {index + 1}",
        group=TargetGroup.values[index % len(TargetGroup.values)],
        unit_of_measure="%",
        direction=direction,
        plan_value=D(10 + index) if direction in (HB, LB, RED) else None,
        baseline_value=D(1000) if direction == RED else None,
        range_min=D(1) if direction == RANGE else None,
        range_max=D(5) if direction == RANGE else None,
        sort_order=index,
    )


@transaction.atomic
def seed_bulk_targets(
    *, authority: Authority, user: User, targets: int, periods: int, year: int
) -> tuple[int, int]:
    """`targets` targets for the authority itself and for each of its active units, with an
    official actual in each of the first `periods` periods (year, 9 months, 6 months, Q1…).
    Written with bulk inserts, without history: this is generated data, not entered data.
    Returns (targets, actuals) made."""
    units = [None, *authority.units.active().order_by("pk")]
    made = Target.objects.bulk_create(
        [_bulk_target(authority, unit, year, i) for unit in units for i in range(targets)],
        batch_size=2000,
    )
    now = timezone.now()
    actuals = []
    for kind in BULK_PERIODS[:periods]:
        period = get_period(authority=authority, year=year, kind=kind)
        for position, target in enumerate(made):
            ratio = BULK_RATIOS[position % len(BULK_RATIOS)]
            actuals.append(
                Actual(
                    target=target,
                    period=period,
                    value_kind=ValueKind.OFFICIAL,
                    value=value_at_ratio(target, ratio),
                    submitted_by=user,
                    submitted_at=now,
                    updated_at=now,
                )
            )
    Actual.objects.bulk_create(actuals, batch_size=5000)
    return len(made), len(actuals)


# When each demo figure was entered, so that the fixture is the same on every run.
DEMO_ENTERED = {
    (2022, PeriodKind.YEAR): datetime.datetime(2023, 1, 12, 9, 0),
    (2023, PeriodKind.H1): datetime.datetime(2023, 7, 10, 9, 0),
    (2023, PeriodKind.M9): datetime.datetime(2023, 10, 9, 9, 0),
    (2023, PeriodKind.YEAR): datetime.datetime(2024, 1, 15, 9, 0),
}
DEMO_ESTIMATED = datetime.datetime(2023, 12, 5, 9, 0)


def stamp_demo_dates(*, authority: Authority) -> None:
    """Give the demo's actuals and their history fixed entry times (Asia/Ho_Chi_Minh)."""
    zone = timezone.get_default_timezone()
    for (year, kind), moment in DEMO_ENTERED.items():
        for value_kind in ValueKind:
            at = timezone.make_aware(
                DEMO_ESTIMATED if value_kind == ValueKind.ESTIMATE else moment, zone
            )
            actuals = Actual.objects.filter(
                target__authority=authority,
                period__year=year,
                period__kind=kind,
                value_kind=value_kind,
            )
            ActualChange.objects.filter(actual__in=actuals).update(changed_at=at)
            actuals.update(submitted_at=at, updated_at=at)


def demo_records(*, authority: Authority) -> list:
    """The targets part of the demo, as fixtures/demo_targets.json holds it (loaded after
    fixtures/demo.json)."""
    return in_pk_order(
        Target.objects.filter(authority=authority),
        ReportingPeriod.objects.filter(authority=authority),
        Actual.objects.filter(target__authority=authority),
        ActualChange.objects.filter(actual__target__authority=authority),
    )
