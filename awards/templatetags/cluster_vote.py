"""The cluster vote's box on the scoring round page, without emulation importing awards:
the round template loads this library and reverses the awards URLs by name."""

from django import template

from awards.cluster_votes import _head_unit_id, _require_organiser
from awards.enums import NominationState
from awards.models import BallotCast, CouncilMembership, Nomination
from awards.services import AwardsError
from emulation.scoring.enums import RoundKind

register = template.Library()


@register.simple_tag
def cluster_vote_for(scoring_round, user) -> dict | None:
    """The open vote of the round's cluster (a draft ballot nomination of the head unit with
    its meeting) and what the user may do with it; None outside a year-end round."""
    if scoring_round.kind != RoundKind.YEAR_END:
        return None
    cluster = scoring_round.table.cluster
    try:
        head_unit_id = _head_unit_id(scoring_round)
    except AwardsError:
        return None
    try:
        _require_organiser(user, head_unit_id)
        organiser = True
    except AwardsError:
        organiser = False
    member_ids = cluster.memberships.values_list("unit_id", flat=True)
    vote = (
        Nomination.objects.filter(
            authority_id=cluster.authority_id,
            unit_id=head_unit_id,
            year=cluster.year,
            state=NominationState.DRAFT,
            council_session__isnull=False,
            lines__subject_unit_id__in=member_ids,
        )
        .select_related("council_session")
        .order_by("-pk")
        .first()
    )
    if vote is None:
        return {"vote": None, "organiser": organiser}
    return {
        "vote": vote,
        "organiser": organiser,
        "member": CouncilMembership.objects.filter(
            session=vote.council_session, user=user
        ).exists(),
        "cast": BallotCast.objects.filter(nomination=vote).count(),
        "total": vote.council_session.memberships.count(),
    }
