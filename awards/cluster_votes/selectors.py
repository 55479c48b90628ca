"""Reads of the cluster's secret vote: the votes a user may find, a closed vote's totals and
the yes votes the ranking's last tie-break reads.
"""

from django.db.models import QuerySet

from awards.enums import ClusterVoteState
from awards.models import ClusterVote, ClusterVoteCandidate
from emulation.models import User
from emulation.rules import is_authority_wide


def cluster_votes_for(user: User) -> QuerySet[ClusterVote]:
    """Cluster votes the user may find: every vote of the authority for its wide roles, the
    votes of the clusters its unit belongs to for a unit's users; none without a unit."""
    unit = getattr(user, "unit", None)
    if unit is None:
        return ClusterVote.objects.none()
    votes = ClusterVote.objects.filter(authority_id=unit.authority_id)
    if not is_authority_wide(user):
        votes = votes.filter(cluster__memberships__unit_id=unit.pk)
    return votes.select_related("cluster", "scoring_round", "head_unit", "proposal")


def vote_results(vote: ClusterVote) -> list[ClusterVoteCandidate] | None:
    """The totals of a closed vote, candidate by candidate; None while it is open, so that no
    page, document or export can show a partial tally."""
    if vote.state != ClusterVoteState.CLOSED:
        return None
    return list(vote.candidates.select_related("unit", "award").order_by("rank", "pk"))


def closed_vote_counts(scoring_round) -> dict[int, int]:
    """Yes votes by unit id of the round's closed vote, for the ranking's last tie-break
    (registered in emulation.scoring.hooks); empty while the vote is open or absent."""
    return dict(
        ClusterVoteCandidate.objects.filter(
            vote__scoring_round=scoring_round, vote__state=ClusterVoteState.CLOSED
        ).values_list("unit_id", "yes_votes")
    )
