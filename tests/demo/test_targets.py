"""fixtures/demo_targets.json: the demo year 2026 carries the seed article's figures, 2025 is
closed for the year-over-year comparison, 2027's plan is assigned; the wards dissolved in 2025
have no targets of their own in 2026."""

from decimal import Decimal as D

from emulation.models import ReportingPeriod, Target, User
from emulation.targets.enums import PeriodKind, PeriodState
from emulation.targets.selectors import dashboard
from tests.demo.conftest import load_demo


def test_demo_fixtures_show_the_seed_article_figures(db):
    load_demo("demo_targets")
    staff = User.objects.get(username="canbo.thidua")
    board = dashboard(user=staff, year=2026)
    summary = board.summary
    assert (summary.met_or_exceeded, summary.total, summary.exceeded) == (35, 38, 13)
    assert board.uses_estimates is False
    rows = {row.code: row for row in board.rows}
    assert rows["KT01"].value == D("10.17")
    assert (rows["KT02"].value, round(rows["KT02"].evaluation.percent)) == (D("16728"), 105)
    assert rows["KT03"].value == D("97.46")
    assert (rows["XD01"].value, rows["XD01"].evaluation.percent) == (D("202"), D("101.00"))
    previous = dashboard(user=staff, year=2025).summary
    assert (previous.met_or_exceeded, previous.total, previous.exceeded) == (34, 38, 9)
    trend = {year: row.met_or_exceeded for year, row in board.by_year}
    assert (trend[2025], trend[2026]) == (34, 35)
    closed = ReportingPeriod.objects.get(year=2025, kind=PeriodKind.YEAR)
    assert (closed.state, closed.events.get().reason) == (
        PeriodState.CLOSED,
        "Đã tổng kết năm 2025.",
    )
    assert Target.objects.filter(year=2027, unit__isnull=True).count() == 38
    assert board.by_unit == [] and not Target.objects.filter(unit__isnull=False).exists()
