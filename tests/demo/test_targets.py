from decimal import Decimal as D

from emulation.models import User
from emulation.targets.selectors import dashboard
from tests.demo.conftest import load_demo


def test_demo_fixtures_show_the_seed_article_figures(db):
    load_demo("demo_targets")
    staff = User.objects.get(username="canbo.thidua")
    board = dashboard(user=staff, year=2023)
    summary = board.summary
    assert (summary.met_or_exceeded, summary.total, summary.exceeded) == (35, 38, 13)
    rows = {row.code: row for row in board.rows}
    assert rows["KT01"].value == D("10.17")
    assert (rows["KT02"].value, round(rows["KT02"].evaluation.percent)) == (D("16728"), 105)
    assert rows["KT03"].value == D("97.46")
    assert (rows["XD01"].value, rows["XD01"].evaluation.percent) == (D("202"), D("101.00"))
    assert len(board.by_unit) == 10
