"""What the awards app adds to cluster scoring, by invitation.

The ranking's last tie-break (DOMAIN §7.4: total, first-group score, then the cluster's
vote) reads the votes of the cluster's secret ballot, which the awards app keeps. emulation
never imports awards: awards registers a source here in its AppConfig.ready(), and the
ranking asks `vote_counts`.

A source is `source(scoring_round) -> dict[int, int]`: yes votes by unit id of the round's
closed vote, or an empty dict while no vote of the round has closed.

The round page shows panels of other apps (the box of the cluster's vote): a provider
registered with `register_round_panel` is `provider(scoring_round, request)` and returns a panel
(see `emulation.panels`) or None.
"""

from collections.abc import Callable

from emulation.panels import PanelProvider, PanelSlot

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


_ROUND_PANELS = PanelSlot()


def register_round_panel(provider: PanelProvider) -> PanelProvider:
    return _ROUND_PANELS.register(provider)


def round_panels(scoring_round, request) -> list:
    """The rendered panels of other apps for the round page, in registration order."""
    return _ROUND_PANELS.render(scoring_round, request)
