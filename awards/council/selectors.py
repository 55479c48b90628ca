"""Reads of the council: who may sit on it, its sessions, what may go on their agenda and the
ballots awaiting a member.
"""

from django.db.models import QuerySet

from awards.enums import NominationState, SessionState
from awards.models import BallotCast, CouncilSession, Nomination
from awards.rules import from_nominating_unit
from emulation.enums import Role
from emulation.models import User


def council_candidates(user: User) -> QuerySet[User]:
    """Users of the authority who may sit on the council."""
    if not user.unit_id:
        return User.objects.none()
    return (
        User.objects.filter(
            unit__authority_id=user.unit.authority_id,
            role__in=[Role.COUNCIL_MEMBER, Role.CHAIRPERSON],
            is_active=True,
        )
        .select_related("unit")
        .order_by("last_name", "first_name", "pk")
    )


def sessions_for(user: User) -> QuerySet[CouncilSession]:
    if not user.unit_id:
        return CouncilSession.objects.none()
    return CouncilSession.objects.filter(authority_id=user.unit.authority_id).order_by(
        "-held_on", "-pk"
    )


def ready_for_council(session: CouncilSession) -> QuerySet[Nomination]:
    """Published nominations of the session's authority that may be put on its agenda."""
    return Nomination.objects.filter(
        authority_id=session.authority_id, state=NominationState.PUBLIC_NOTICE
    ).select_related("unit")


def ballots_for(user: User) -> list[dict]:
    """Nominations awaiting the member's ballot in open sessions they sit on: whether they
    have voted, and whether they are recused (their own unit's nomination)."""
    nominations = (
        Nomination.objects.filter(
            state=NominationState.IN_COUNCIL,
            council_session__state=SessionState.OPEN,
            council_session__memberships__user=user,
        )
        .select_related("unit", "council_session")
        .order_by("council_session__held_on", "pk")
    )
    voted = set(
        BallotCast.objects.filter(member=user, nomination__in=nominations).values_list(
            "nomination_id", flat=True
        )
    )
    return [
        {
            "nomination": nomination,
            "voted": nomination.pk in voted,
            "recused": from_nominating_unit(user, nomination),
        }
        for nomination in nominations
    ]
