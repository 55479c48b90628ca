"""Reads of the council: who may sit on it, its sessions, what may go on their agenda and the
ballots awaiting a member.
"""

import datetime

from django.db.models import Exists, OuterRef, QuerySet
from django.utils.translation import gettext as _

from awards.catalogue.selectors import rule_set_for
from awards.eligibility import CITATIONS
from awards.enums import NominationState, SessionState
from awards.models import BallotCast, CouncilSession, Nomination, NominationLine
from awards.rules import from_nominating_unit
from emulation.enums import Role
from emulation.models import User
from emulation.numbers import format_number


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


def published_for(session: CouncilSession) -> QuerySet[Nomination]:
    """Published nominations of the session's authority: what staff may ask to put on its
    agenda (`send_to_council` says why one whose notice runs on may not go yet)."""
    return Nomination.objects.filter(
        authority_id=session.authority_id, state=NominationState.PUBLIC_NOTICE
    ).select_related("unit")


def notice_ended(*, authority_id: int, day: datetime.date) -> QuerySet[Nomination]:
    """Published nominations of the authority whose notice has ended by `day` (E-17): what
    is ready for the council."""
    return Nomination.objects.filter(
        authority_id=authority_id, state=NominationState.PUBLIC_NOTICE, notice_until__lte=day
    ).select_related("unit")


def ready_for_council(session: CouncilSession, day: datetime.date) -> QuerySet[Nomination]:
    """What the agenda's choice offers: the published nominations of the session's authority
    whose notice has ended by `day`."""
    return notice_ended(authority_id=session.authority_id, day=day)


def ballots_for(user: User) -> list[dict]:
    """Nominations awaiting the member's ballot in open sessions they sit on: whether they
    have voted (asked in the same query), and whether they are recused (their own unit's
    nomination)."""
    nominations = (
        Nomination.objects.filter(
            state=NominationState.IN_COUNCIL,
            council_session__state=SessionState.OPEN,
            council_session__memberships__user=user,
        )
        .annotate(
            member_voted=Exists(BallotCast.objects.filter(member=user, nomination=OuterRef("pk")))
        )
        .select_related("unit", "council_session")
        .order_by("council_session__held_on", "pk")
    )
    return [
        {
            "nomination": nomination,
            "voted": nomination.member_voted,
            "recused": from_nominating_unit(user, nomination),
        }
        for nomination in nominations
    ]


def vote_outcome(line: NominationLine, year: int) -> str:
    """The council's result for one counted line in plain words, then the rule (E-14) and
    what it required, then the count it was judged on: "Không đạt: cần ít nhất 90 % tổng số
    thành viên đồng ý (E-14, …); có 9/11." An empty string while the line is not counted."""
    if line.approved is None or line.yes_votes is None:
        return ""
    rule_set = rule_set_for(line.award, year)
    of_all = rule_set.threshold_of_all_members
    values = {
        "ratio": format_number(rule_set.vote_threshold * 100),
        "rule": "E-14",
        "citation": CITATIONS["E-14"],
        "yes": line.yes_votes,
        "base": line.members_total if of_all else line.members_present,
    }
    if of_all and rule_set.threshold_inclusive:
        required = _("cần ít nhất %(ratio)s %% tổng số thành viên đồng ý") % values
    elif of_all:
        required = _("cần trên %(ratio)s %% tổng số thành viên đồng ý") % values
    elif rule_set.threshold_inclusive:
        required = _("cần ít nhất %(ratio)s %% số thành viên có mặt đồng ý") % values
    else:
        required = _("cần trên %(ratio)s %% số thành viên có mặt đồng ý") % values
    values["required"] = required
    if line.approved:
        return _("Đạt: %(required)s (%(rule)s, %(citation)s); có %(yes)s/%(base)s.") % values
    return _("Không đạt: %(required)s (%(rule)s, %(citation)s); có %(yes)s/%(base)s.") % values
