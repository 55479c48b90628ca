"""The cluster vote's box on the scoring round page, without emulation importing awards:
the round template loads this library and reverses the awards URLs by name."""

from django import template

from awards.cluster_votes.services import default_deadline
from awards.enums import ClusterVoteState
from awards.models import ClusterVote
from config.permissions import authorize
from emulation.scoring.enums import RoundKind

register = template.Library()


@register.simple_tag
def cluster_vote_for(scoring_round, user) -> dict | None:
    """The round's vote (one per cluster and round) and what the user may do with it; None
    outside a year-end round. Only how many have voted, never how."""
    if scoring_round.kind != RoundKind.YEAR_END:
        return None
    vote = ClusterVote.objects.filter(scoring_round=scoring_round).first()
    if vote is None:
        return {
            "vote": None,
            "organiser": authorize(user, "awards.open_cluster_vote", scoring_round),
            "default_deadline": default_deadline(),
        }
    return {
        "vote": vote,
        "is_open": vote.state == ClusterVoteState.OPEN,
        "may_view": authorize(user, "awards.view_cluster_vote", vote),
        "cast": vote.ballots.count(),
        "total": vote.members.count(),
    }
