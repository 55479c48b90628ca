"""Kiểm phiếu: the one count of a secret ballot, for the council's sessions and the clusters'
votes alike. Where they differ is the rule each line is judged by (`VoteRule`: the rule set's
threshold for the council, the cluster's majority for a cluster vote), never the counting.
"""

from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal

from awards.enums import BallotChoice


@dataclass(frozen=True)
class VoteRule:
    """How many yes votes a line needs: `threshold` of all members (or of those present),
    reached (`inclusive`) or exceeded."""

    threshold: Decimal
    of_all_members: bool
    inclusive: bool


@dataclass(frozen=True)
class LineCount:
    yes: int
    no: int
    members_total: int
    members_present: int
    approved: bool
    yes_of_total: Decimal | None
    yes_of_present: Decimal | None


def _ratio(yes: int, base: int) -> Decimal | None:
    return (Decimal(yes) / base).quantize(Decimal("0.0001")) if base else None


def _passes(yes: int, base: int, rule: VoteRule) -> bool:
    if base == 0:
        return False
    ratio = Decimal(yes) / base
    return ratio >= rule.threshold if rule.inclusive else ratio > rule.threshold


def count_votes(
    *,
    counters: Iterable[tuple[Hashable, str, int]],
    rules: Mapping[Hashable, VoteRule],
    members_total: int,
    members_present: int,
) -> dict[Hashable, LineCount]:
    """The result of every line of `rules` from the ballot counters `(line, choice, count)`:
    yes and no votes, the ratios against all members and those present, and whether the line
    passes its rule. A line without counters has no votes."""
    yes: dict[Hashable, int] = dict.fromkeys(rules, 0)
    no: dict[Hashable, int] = dict.fromkeys(rules, 0)
    for line, choice, count in counters:
        if line not in rules:
            continue
        if choice == BallotChoice.YES:
            yes[line] += count
        elif choice == BallotChoice.NO:
            no[line] += count
    results = {}
    for line, rule in rules.items():
        base = members_total if rule.of_all_members else members_present
        results[line] = LineCount(
            yes=yes[line],
            no=no[line],
            members_total=members_total,
            members_present=members_present,
            approved=_passes(yes[line], base, rule),
            yes_of_total=_ratio(yes[line], members_total),
            yes_of_present=_ratio(yes[line], members_present),
        )
    return results
