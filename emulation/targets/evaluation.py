"""Evaluation of targets (đánh giá chỉ tiêu, DOMAIN §8, rule E-20). Pure functions, no queries.

Completion ratio by direction:
- higher is better: actual / plan;
- lower is better: plan / actual;
- reduce by X % from a baseline: achieved % = (baseline − actual) / baseline × 100, ratio =
  achieved % / X;
- done / not done: 1 when done, 0 when not;
- stay within [a, b]: no ratio; inside is met, outside is not met.

Status from the ratio r and the tolerance t of the rule set in force: r > 1 + t exceeded (vượt),
1 − t ≤ r ≤ 1 + t met (đạt), r < 1 − t not met (không đạt). A done / not done or a range target
is never "exceeded".

Defined edge cases (each one tested):
- no actual value: no data (chưa có số liệu), never counted as met;
- the ratio is undefined when its denominator is zero or negative (plan ≤ 0 for higher is
  better, actual ≤ 0 or plan < 0 for lower is better, X = 0 for reduce by X %): the status then
  compares the values themselves (better than the plan: exceeded; equal: met; worse: not met)
  and the ratio is shown as undefined; a lower-is-better actual of 0 against a positive plan is
  exceeded, as DOMAIN §8 says (ratio ∞);
- a negative actual is a value like any other (growth of −2 %): it only makes a ratio
  negative, hence not met against a positive plan;
- a reduce-by-X % target without a positive baseline, or a higher/lower target without a plan,
  cannot be judged: no data (the catalogue refuses such targets; old rows stay safe).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from emulation.targets.enums import Direction, Status

ONE = Decimal(1)
ZERO = Decimal(0)
HUNDRED = Decimal(100)
DEFAULT_TOLERANCE = Decimal("0.0010")


@dataclass(frozen=True)
class Evaluation:
    status: Status
    # Completion ratio (1 = 100 %); None when undefined or not applicable.
    ratio: Decimal | None = None

    @property
    def percent(self) -> Decimal | None:
        return None if self.ratio is None else self.ratio * HUNDRED


@dataclass(frozen=True)
class TargetTerms:
    """What evaluation needs of a target; a `Target` instance has these attributes too."""

    direction: str
    plan_value: Decimal | None = None
    baseline_value: Decimal | None = None
    range_min: Decimal | None = None
    range_max: Decimal | None = None


def _by_ratio(ratio: Decimal, tolerance: Decimal) -> Status:
    if ratio > ONE + tolerance:
        return Status.EXCEEDED
    if ratio >= ONE - tolerance:
        return Status.MET
    return Status.NOT_MET


def _by_comparison(better: bool, equal: bool) -> Status:
    if equal:
        return Status.MET
    return Status.EXCEEDED if better else Status.NOT_MET


def evaluate(
    target, actual: Decimal | None, *, tolerance: Decimal = DEFAULT_TOLERANCE
) -> Evaluation:
    """The status and completion ratio of `target` (a `Target` or `TargetTerms`) for `actual`."""
    if actual is None:
        return Evaluation(Status.NO_DATA)
    plan = target.plan_value
    direction = target.direction
    if direction == Direction.HIGHER_BETTER:
        if plan is None:
            return Evaluation(Status.NO_DATA)
        if plan <= ZERO:
            return Evaluation(_by_comparison(actual > plan, actual == plan))
        ratio = actual / plan
        return Evaluation(_by_ratio(ratio, tolerance), ratio)
    if direction == Direction.LOWER_BETTER:
        if plan is None:
            return Evaluation(Status.NO_DATA)
        if actual <= ZERO or plan < ZERO:
            return Evaluation(_by_comparison(actual < plan, actual == plan))
        ratio = plan / actual
        return Evaluation(_by_ratio(ratio, tolerance), ratio)
    if direction == Direction.REDUCE_BY_PCT:
        baseline = target.baseline_value
        if plan is None or baseline is None or baseline <= ZERO:
            return Evaluation(Status.NO_DATA)
        achieved = (baseline - actual) / baseline * HUNDRED
        if plan <= ZERO:
            return Evaluation(_by_comparison(achieved > plan, achieved == plan))
        ratio = achieved / plan
        return Evaluation(_by_ratio(ratio, tolerance), ratio)
    if direction == Direction.BOOLEAN:
        done = actual != ZERO
        return Evaluation(Status.MET if done else Status.NOT_MET, ONE if done else ZERO)
    if direction == Direction.RANGE:
        low, high = target.range_min, target.range_max
        inside = (low is None or actual >= low) and (high is None or actual <= high)
        return Evaluation(Status.MET if inside else Status.NOT_MET)
    raise ValueError(f"unknown direction {direction!r}")


@dataclass
class Summary:
    """ "k/n chỉ tiêu đạt và vượt, v vượt kế hoạch" for a set of targets."""

    total: int = 0
    exceeded: int = 0
    met: int = 0
    not_met: int = 0
    no_data: int = 0

    @property
    def met_or_exceeded(self) -> int:
        return self.met + self.exceeded

    def add(self, status: Status) -> None:
        self.total += 1
        if status == Status.EXCEEDED:
            self.exceeded += 1
        elif status == Status.MET:
            self.met += 1
        elif status == Status.NOT_MET:
            self.not_met += 1
        else:
            self.no_data += 1

    def counts(self) -> list[tuple[Status, int]]:
        return [
            (Status.EXCEEDED, self.exceeded),
            (Status.MET, self.met),
            (Status.NOT_MET, self.not_met),
            (Status.NO_DATA, self.no_data),
        ]


def summarize(statuses: Iterable[Status]) -> Summary:
    summary = Summary()
    for status in statuses:
        summary.add(status)
    return summary
