from decimal import Decimal as D

import pytest

from emulation.targets.enums import Direction, Status
from emulation.targets.evaluation import Evaluation, TargetTerms, evaluate, summarize

TOL = D("0.001")


def terms(direction, plan=None, baseline=None, low=None, high=None):
    return TargetTerms(
        direction=direction, plan_value=plan, baseline_value=baseline, range_min=low, range_max=high
    )


@pytest.mark.parametrize(
    ("plan", "actual", "status", "ratio"),
    [
        (D("15930"), D("16728"), Status.EXCEEDED, D("16728") / D("15930")),
        (D("200"), D("202"), Status.EXCEEDED, D("1.01")),
        (D("100"), D("100"), Status.MET, D("1")),
        (D("100"), D("99.95"), Status.MET, D("0.9995")),
        (D("100"), D("100.1"), Status.MET, D("1.001")),
        (D("100"), D("100.11"), Status.EXCEEDED, D("1.0011")),
        (D("100"), D("97.46"), Status.NOT_MET, D("0.9746")),
        (D("10"), D("-2"), Status.NOT_MET, D("-0.2")),
    ],
)
def test_evaluate_higher_better_by_ratio(plan, actual, status, ratio):
    assert evaluate(terms(Direction.HIGHER_BETTER, plan), actual, tolerance=TOL) == Evaluation(
        status, ratio
    )


@pytest.mark.parametrize(
    ("plan", "actual", "status"),
    [
        (D("0"), D("5"), Status.EXCEEDED),
        (D("0"), D("0"), Status.MET),
        (D("0"), D("-1"), Status.NOT_MET),
        (D("-3"), D("-2"), Status.EXCEEDED),
        (D("-3"), D("-4"), Status.NOT_MET),
    ],
)
def test_evaluate_higher_better_plan_not_positive_compares_values(plan, actual, status):
    assert evaluate(terms(Direction.HIGHER_BETTER, plan), actual, tolerance=TOL) == Evaluation(
        status, None
    )


@pytest.mark.parametrize(
    ("plan", "actual", "status", "ratio"),
    [
        (D("1.5"), D("1.2"), Status.EXCEEDED, D("1.25")),
        (D("1.5"), D("1.5"), Status.MET, D("1")),
        (D("1.5"), D("2"), Status.NOT_MET, D("0.75")),
        (D("0"), D("3"), Status.NOT_MET, D("0")),
        (D("5"), D("0"), Status.EXCEEDED, None),
        (D("0"), D("0"), Status.MET, None),
        (D("5"), D("-1"), Status.EXCEEDED, None),
    ],
)
def test_evaluate_lower_better(plan, actual, status, ratio):
    assert evaluate(terms(Direction.LOWER_BETTER, plan), actual, tolerance=TOL) == Evaluation(
        status, ratio
    )


@pytest.mark.parametrize(
    ("pct", "baseline", "actual", "status", "ratio"),
    [
        (D("10"), D("200"), D("180"), Status.MET, D("1")),
        (D("10"), D("200"), D("170"), Status.EXCEEDED, D("1.5")),
        (D("10"), D("200"), D("190"), Status.NOT_MET, D("0.5")),
        (D("10"), D("200"), D("220"), Status.NOT_MET, D("-1")),
        (D("0"), D("200"), D("200"), Status.MET, None),
        (D("0"), D("200"), D("199"), Status.EXCEEDED, None),
    ],
)
def test_evaluate_reduce_by_pct(pct, baseline, actual, status, ratio):
    target = terms(Direction.REDUCE_BY_PCT, pct, baseline)
    assert evaluate(target, actual, tolerance=TOL) == Evaluation(status, ratio)


@pytest.mark.parametrize("baseline", [None, D("0"), D("-5")])
def test_evaluate_reduce_by_pct_without_positive_baseline_is_no_data(baseline):
    target = terms(Direction.REDUCE_BY_PCT, D("10"), baseline)
    assert evaluate(target, D("5"), tolerance=TOL) == Evaluation(Status.NO_DATA, None)


def test_evaluate_boolean_done_and_not_done():
    target = terms(Direction.BOOLEAN)
    assert evaluate(target, D("1")) == Evaluation(Status.MET, D("1"))
    assert evaluate(target, D("0")) == Evaluation(Status.NOT_MET, D("0"))


@pytest.mark.parametrize(
    ("low", "high", "actual", "status"),
    [
        (D("2"), D("4"), D("3"), Status.MET),
        (D("2"), D("4"), D("2"), Status.MET),
        (D("2"), D("4"), D("4"), Status.MET),
        (D("2"), D("4"), D("4.01"), Status.NOT_MET),
        (D("2"), D("4"), D("-1"), Status.NOT_MET),
        (None, D("4"), D("-100"), Status.MET),
        (D("2"), None, D("1000"), Status.MET),
    ],
)
def test_evaluate_range(low, high, actual, status):
    assert evaluate(terms(Direction.RANGE, low=low, high=high), actual) == Evaluation(status)


@pytest.mark.parametrize("direction", list(Direction))
def test_evaluate_missing_actual_is_no_data(direction):
    target = terms(direction, D("10"), D("100"), D("1"), D("2"))
    assert evaluate(target, None) == Evaluation(Status.NO_DATA, None)


@pytest.mark.parametrize("direction", [Direction.HIGHER_BETTER, Direction.LOWER_BETTER])
def test_evaluate_without_plan_is_no_data(direction):
    assert evaluate(terms(direction), D("3")) == Evaluation(Status.NO_DATA, None)


def test_evaluate_tolerance_zero_makes_any_surplus_exceeded():
    target = terms(Direction.HIGHER_BETTER, D("100"))
    assert evaluate(target, D("100.01"), tolerance=D("0")).status == Status.EXCEEDED
    assert evaluate(target, D("100.01"), tolerance=D("0.001")).status == Status.MET


def test_evaluation_percent():
    assert Evaluation(Status.MET, D("1.05")).percent == D("105.00")
    assert Evaluation(Status.NO_DATA).percent is None


def test_summarize_counts_met_and_exceeded_together():
    summary = summarize(
        [Status.EXCEEDED] * 13 + [Status.MET] * 22 + [Status.NOT_MET] * 2 + [Status.NO_DATA]
    )
    assert (summary.total, summary.met_or_exceeded, summary.exceeded) == (38, 35, 13)
    assert (summary.met, summary.not_met, summary.no_data) == (22, 2, 1)
