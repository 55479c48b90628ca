"""The ranking's last tie-break (DOMAIN §7.4: total, first-group score, then the cluster's
vote) reads the votes of the cluster's secret ballot, which the awards app keeps. emulation
never imports awards: awards registers a source here in its AppConfig.ready(), and the
ranking asks `vote_counts`.

A source is `source(scoring_round) -> dict[int, int]`: yes votes by unit id of the round's
closed vote, or an empty dict while no vote of the round has closed.
"""

from collections.abc import Callable

VoteSource = Callable[..., dict[int, int]]
_SOURCES: list[VoteSource] = []


def register_vote_source(source: VoteSource) -> None:
    if source not in _SOURCES:
        _SOURCES.append(source)


def vote_counts(scoring_round) -> dict[int, int]:
    """Yes votes by unit id of the round's closed cluster vote; empty without one."""
    counts: dict[int, int] = {}
    for source in _SOURCES:
        for unit_id, votes in source(scoring_round).items():
            counts[unit_id] = counts.get(unit_id, 0) + votes
    return counts
