"""Deterministic target data (`manage.py seed_targets`): the demo authority's targets
(fixtures/demo_targets.json) and large synthetic sets for benchmarks. The demo year 2026 carries
the seed article's figures ("35/38 chỉ tiêu đạt và vượt, 13 vượt kế hoạch", reported for 2023
by District 1): six- and nine-month figures, the year's estimate (ước thực hiện), then the
official figures; 2025 is closed with its official figures; 2027's plan is assigned. The
catalogue itself, targets and results, is the static table of `demo.target_catalogue`."""

import datetime
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from demo import clock
from demo.fixtures import in_pk_order
from demo.target_catalogue import BOOL, DEMO_2023, HB, LB, RANGE, RED, WARD_TARGETS
from emulation.enums import UnitKind
from emulation.models import (
    Actual,
    ActualChange,
    Authority,
    ReportingPeriod,
    ReportingPeriodEvent,
    Target,
    User,
)
from emulation.targets.enums import Direction, PeriodKind, TargetGroup, ValueKind
from emulation.targets.services import ActualEntry, close_period, get_period, save_actuals

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


PREVIOUS_YEAR, DEMO_YEAR, NEXT_YEAR = 2025, 2026, 2027


@transaction.atomic
def seed_demo_targets(*, authority: Authority, user: User) -> int:
    """The demo authority's targets: 2025 (34/38, 9 exceeded; official, the year closed),
    2026 (35/38, 13 exceeded: the seed article's figures, with 6- and 9-month figures and a
    year-end estimate before the official figures), the own targets of each ward in force
    in 2026, and 2027's plan. Idempotent: does nothing when the demo year has targets.
    Returns targets made."""
    if Target.objects.filter(authority=authority, year=DEMO_YEAR).exists():
        return 0
    # Every time written here is stamped again by `stamp_demo_dates`, except the closing.
    with clock.at(DEMO_ENTERED[(PREVIOUS_YEAR, PeriodKind.YEAR)]):
        return _seed_demo_years(authority=authority, user=user)


def _seed_demo_years(*, authority: Authority, user: User) -> int:
    made = 0
    # 2025: the first ten above plan (the range target among them only met), four not met.
    previous = _catalogue(authority, PREVIOUS_YEAR)
    made += len(previous)
    ratios = [D("1.05")] * 10 + [D("0.9")] * 4 + [D(1)] * (len(previous) - 14)
    _record(
        user,
        authority,
        PREVIOUS_YEAR,
        PeriodKind.YEAR,
        ValueKind.OFFICIAL,
        {t: value_at_ratio(t, r) for t, r in zip(previous, ratios, strict=True)},
    )
    close_period(
        period=get_period(authority=authority, year=PREVIOUS_YEAR, kind=PeriodKind.YEAR),
        user=user,
        reason="Đã tổng kết năm 2025.",
    )
    current = _catalogue(authority, DEMO_YEAR)
    made += len(current)
    year_values = {t: D(row[-1]) for t, row in zip(current, DEMO_2023, strict=True)}
    for kind in (PeriodKind.H1, PeriodKind.M9):
        values = {t: _period_value(t, v, kind) for t, v in year_values.items()}
        _record(user, authority, DEMO_YEAR, kind, ValueKind.OFFICIAL, values)
    # The December estimate (ước thực hiện) before the official figures.
    estimates = dict(year_values)
    estimates[current[1]] = D("16500")
    _record(user, authority, DEMO_YEAR, PeriodKind.YEAR, ValueKind.ESTIMATE, estimates)
    _record(user, authority, DEMO_YEAR, PeriodKind.YEAR, ValueKind.OFFICIAL, year_values)
    made += _seed_wards(authority=authority, user=user, year=DEMO_YEAR)
    made += len(_catalogue(authority, NEXT_YEAR))
    return made


def _seed_wards(*, authority: Authority, user: User, year: int) -> int:
    """The own targets of each ward in force on 1 January of `year` (the demo's wards were
    dissolved in 2025: none), each ward missing a different one."""
    wards = list(
        authority.units.filter(kind=UnitKind.WARD)
        .valid_on(datetime.date(year, 1, 1))
        .order_by("sort_order", "code")
    )
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
    (PREVIOUS_YEAR, PeriodKind.YEAR): datetime.datetime(2026, 1, 12, 9, 0),
    (DEMO_YEAR, PeriodKind.H1): datetime.datetime(2026, 7, 10, 9, 0),
    (DEMO_YEAR, PeriodKind.M9): datetime.datetime(2026, 10, 9, 9, 0),
    (DEMO_YEAR, PeriodKind.YEAR): datetime.datetime(2026, 12, 2, 9, 0),
}
DEMO_ESTIMATED = datetime.datetime(2026, 11, 25, 9, 0)


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
        ReportingPeriodEvent.objects.filter(period__authority=authority),
        Actual.objects.filter(target__authority=authority),
        ActualChange.objects.filter(actual__target__authority=authority),
    )
