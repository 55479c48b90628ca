"""The awards app's panels on emulation pages, registered in AwardsConfig.ready() through
emulation's hooks (emulation never imports awards): the box of the cluster's secret vote on the
scoring round page, and the proposals made from an exemplary story on its page."""

from awards.cluster_votes.services import default_deadline
from awards.enums import ClusterVoteState
from awards.models import ClusterVote, Nomination
from config.permissions import authorize
from emulation.scoring.enums import RoundKind


def cluster_vote_panel(scoring_round, request) -> tuple[str, dict] | None:
    """The round's vote (one per cluster and round) and what the user may do with it; nothing
    outside a year-end round. Only how many have voted, never how."""
    if scoring_round.kind != RoundKind.YEAR_END:
        return None
    user = request.user
    vote = ClusterVote.objects.filter(scoring_round=scoring_round).first()
    if vote is None:
        cv = {
            "vote": None,
            "organiser": authorize(user, "awards.open_cluster_vote", scoring_round),
            "default_deadline": default_deadline(),
        }
    else:
        cv = {
            "vote": vote,
            "is_open": vote.state == ClusterVoteState.OPEN,
            "may_view": authorize(user, "awards.view_cluster_vote", vote),
            "cast": vote.ballots.count(),
            "total": vote.members.count(),
        }
    return "awards/_cluster_vote_panel.html", {"round": scoring_round, "cv": cv}


def exemplary_panel(exemplary, request) -> tuple[str, dict]:
    """The nominations made from the story, newest first, and the proposal of a Giấy khen for
    the story's own unit."""
    user = request.user
    return "awards/_exemplary_panel.html", {
        "exemplary": exemplary,
        "nominations": Nomination.objects.filter(exemplary=exemplary).order_by("-created_at"),
        "can_propose": authorize(user, "awards.propose_exemplary", exemplary),
    }
