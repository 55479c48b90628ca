import datetime
from decimal import Decimal as D

import pytest

from demo.targets import seed_bulk_targets, seed_demo_targets
from emulation.enums import Role, UnitKind
from emulation.models import TargetRuleSet
from emulation.targets.enums import PeriodKind, Status, TargetGroup, ValueKind
from emulation.targets.selectors import (
    dashboard,
    grid_rows,
    periods_of_year,
    scoped_target,
    tolerances_by_year,
)
from emulation.targets.services import ActualEntry, get_period, save_actuals
from tests.emulation.targets.factories import TargetFactory
from tests.factories import UnitFactory


@pytest.fixture
def demo(authority, staff):
    for n in range(3):
        UnitFactory(authority=authority, kind=UnitKind.WARD, code=f"P{n}", name=f"Phường {n}")
    seed_demo_targets(authority=authority, user=staff)
    return authority


def test_dashboard_demo_2026_is_35_of_38_with_13_exceeded(demo, staff):
    board = dashboard(user=staff, year=2026)
    summary = board.summary
    assert (summary.met_or_exceeded, summary.total, summary.exceeded) == (35, 38, 13)
    assert (summary.met, summary.not_met, summary.no_data) == (22, 3, 0)
    assert board.uses_estimates is False
    rows = {row.code: row for row in board.rows}
    assert (rows["KT02"].value, rows["KT02"].evaluation.percent.quantize(D("1"))) == (
        D("16728"),
        D("105"),
    )
    assert rows["KT01"].value == D("10.17")
    assert (rows["KT03"].value, rows["KT03"].status) == (D("97.46"), Status.NOT_MET)
    assert (rows["XD01"].value, rows["XD01"].evaluation.percent) == (D("202"), D("101.00"))


def test_dashboard_demo_trends_and_groups(demo, staff):
    board = dashboard(user=staff, year=2026)
    by_year = {year: (s.met_or_exceeded, s.total, s.exceeded) for year, s in board.by_year}
    # 2027's plan is assigned, without figures yet.
    assert by_year == {2025: (34, 38, 9), 2026: (35, 38, 13), 2027: (0, 38, 0)}
    assert [kind for kind, _s in board.by_period] == [
        PeriodKind.H1,
        PeriodKind.M9,
        PeriodKind.YEAR,
    ]
    groups = {str(label): (s.met_or_exceeded, s.total) for label, s in board.by_group}
    assert groups[str(TargetGroup.ECONOMY.label)] == (6, 7)
    assert sum(total for _met, total in groups.values()) == 38
    assert [(name, s.total) for _id, name, s in board.by_unit] == [
        ("Phường 0", 6),
        ("Phường 1", 6),
        ("Phường 2", 6),
    ]
    assert [s.met_or_exceeded for _id, _name, s in board.by_unit] == [5, 5, 5]


def test_dashboard_filters_and_sorts_rows(demo, staff):
    board = dashboard(user=staff, year=2026, status=Status.NOT_MET, sort="-code")
    assert [row.code for row in board.rows] == ["VX09", "KT03", "CC02"]
    board = dashboard(user=staff, year=2026, group=TargetGroup.PARTY)
    assert [row.code for row in board.rows] == ["XD01", "XD02", "XD03", "XD04", "XD05", "XD06"]


def test_dashboard_estimate_used_until_official_exists(authority, staff):
    target = TargetFactory(authority=authority, plan_value=D("100"))

    period = get_period(authority=authority, year=2023, kind=PeriodKind.YEAR)
    save_actuals(
        user=staff,
        period=period,
        value_kind=ValueKind.ESTIMATE,
        entries=[ActualEntry(target=target, value=D("90"))],
    )
    board = dashboard(user=staff, year=2023)
    assert (board.rows[0].value, board.rows[0].is_estimate, board.uses_estimates) == (
        D("90"),
        True,
        True,
    )


def test_dashboard_unit_user_sees_own_unit(demo, make_user):
    ward = demo.units.get(code="P1")
    clerk = make_user(Role.UNIT_CLERK, ward)
    board = dashboard(user=clerk, year=2026)
    assert board.unit == ward
    assert (board.summary.total, board.summary.met_or_exceeded) == (6, 5)
    assert {row.unit_id for row in board.rows} == {ward.pk}
    assert board.by_unit == []


# Queries of dashboard(), pinned: the same at 2 targets × 1 period and 6 × 4.
DASHBOARD_QUERIES = 5


def test_dashboard_query_count_does_not_grow(staff, authority, django_assert_num_queries):
    seed_bulk_targets(authority=authority, user=staff, targets=2, periods=1, year=2025)
    with django_assert_num_queries(DASHBOARD_QUERIES):
        dashboard(user=staff, year=2025)
    for n in range(5):
        UnitFactory(authority=authority, code=f"L{n}")
    authority.targets.all().delete()
    seed_bulk_targets(authority=authority, user=staff, targets=6, periods=4, year=2025)
    with django_assert_num_queries(DASHBOARD_QUERIES):
        dashboard(user=staff, year=2025)


def test_tolerance_rule_set_by_year_and_authority(authority):
    TargetRuleSet.objects.create(valid_from=datetime.date(2020, 1, 1), tolerance=D("0.005"))
    TargetRuleSet.objects.create(
        authority=authority, valid_from=datetime.date(2024, 1, 1), tolerance=D("0")
    )
    assert tolerances_by_year(authority_id=authority.pk, years=[2019, 2023, 2024]) == {
        2019: D("0.0010"),
        2023: D("0.005"),
        2024: D("0"),
    }


def test_grid_rows_mark_headings_and_evaluate(authority, unit, staff):
    heading = TargetFactory(authority=authority, unit=unit, code="A", plan_value=None)
    child = TargetFactory(authority=authority, unit=unit, code="A1", parent=heading)
    period = get_period(authority=authority, year=2023, kind=PeriodKind.YEAR)
    rows = grid_rows(
        authority_id=authority.pk, unit=unit, year=2023, period=period, value_kind="official"
    )
    assert [(r.target, r.is_heading, r.evaluation.status) for r in rows] == [
        (heading, True, Status.NO_DATA),
        (child, False, Status.NO_DATA),
    ]


def test_periods_of_year_lists_every_kind(authority):
    get_period(authority=authority, year=2023, kind=PeriodKind.H1)
    periods = periods_of_year(authority_id=authority.pk, year=2023)
    assert [p.kind for p in periods] == list(PeriodKind.values)
    assert [p.pk is not None for p in periods] == [False, False, True, False, False, False, False]


def test_scoped_target_hides_other_units_and_authorities(authority, unit, other_unit, make_user):
    clerk = make_user(Role.UNIT_CLERK, unit)
    own = TargetFactory(authority=authority, unit=unit)
    other = TargetFactory(authority=authority, unit=other_unit)
    common = TargetFactory(authority=authority)
    foreign = TargetFactory()
    assert scoped_target(user=clerk, target_id=own.pk) == own
    assert scoped_target(user=clerk, target_id=other.pk) is None
    assert scoped_target(user=clerk, target_id=common.pk) is None
    staff = make_user(Role.AUTHORITY_STAFF, unit)
    assert scoped_target(user=staff, target_id=common.pk) == common
    assert scoped_target(user=staff, target_id=foreign.pk) is None
