"""Writes of the council (Hội đồng Thi đua – Khen thưởng): sessions and attendance, the
agenda, the secret ballot (bỏ phiếu kín) and the count that closes a session (kiểm phiếu).
"""

import datetime
from collections.abc import Iterable
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils.translation import gettext as _

from awards import tally
from awards.catalogue.selectors import rule_set_for
from awards.council.workflow import SESSION_WORKFLOW
from awards.eligibility import rule_text
from awards.enums import BallotChoice, NominationState, SessionState
from awards.errors import AwardsError
from awards.models import BallotCast, CouncilMembership, CouncilSession, Nomination, VoteTally
from awards.nominations.notice import require_eligible
from awards.nominations.services import set_nomination_state
from awards.submissions.upward import settle_refusals
from awards.tally import VoteRule
from config.permissions import require
from config.workflow import TransitionRefused
from emulation.models import User


def send_to_council(
    *, nomination: Nomination, user: User, session: CouncilSession, day: datetime.date
) -> Nomination:
    """Put a published nomination on an open session's agenda.

    Preconditions: E-16 eligible; E-17 the notice period has ended by `day` and every objection
    is answered; the session is open and of the same authority.
    """
    require(user, "awards.manage_council")
    require_eligible(nomination)
    if nomination.notice_until is None or day < nomination.notice_until:
        raise AwardsError(rule_text("E-17", _("Chưa hết thời hạn công khai danh sách")))
    if nomination.objections.filter(answer="").exists():
        raise AwardsError(rule_text("E-17", _("Còn ý kiến phản ánh chưa được trả lời")))
    if session.state != SessionState.OPEN or session.authority_id != nomination.authority_id:
        raise AwardsError(_("Phiên họp Hội đồng không mở hoặc không thuộc cơ quan."))
    return set_nomination_state(
        nomination, NominationState.IN_COUNCIL, by=user, council_session=session
    )


def create_session(
    *, user: User, title: str, held_on: datetime.date, members: Iterable[User]
) -> CouncilSession:
    require(user, "awards.manage_council")
    with transaction.atomic():
        session = CouncilSession.objects.create(
            authority_id=user.unit.authority_id, title=title.strip(), held_on=held_on
        )
        CouncilMembership.objects.bulk_create(
            CouncilMembership(session=session, user=member) for member in members
        )
    return session


def set_attendance(*, session: CouncilSession, member: User, present: bool) -> None:
    with transaction.atomic():
        CouncilMembership.objects.filter(session=session, user=member).update(present=present)


def cast_ballot(
    *, nomination: Nomination, member: User, choices: dict[int, BallotChoice]
) -> BallotCast:
    """Bỏ phiếu kín: record THAT `member` voted (one BallotCast) and add each choice to the
    line's counters (VoteTally), with nothing linking the two.

    Preconditions: the nomination is in council in an open session of which `member` is a
    member; a choice for every nominee; no earlier ballot (AwardsError otherwise). A member
    from the nominating unit is recused (NotPermitted, the rule `awards.vote`).
    An absent member's ballot counts as written (phiếu bằng văn bản).
    """
    session = nomination.council_session
    if nomination.state != NominationState.IN_COUNCIL or session is None:
        raise AwardsError(_("Hồ sơ không ở phiên họp Hội đồng."))
    if session.state != SessionState.OPEN:
        raise AwardsError(_("Phiên họp đã kết thúc bỏ phiếu."))
    membership = CouncilMembership.objects.filter(session=session, user=member).first()
    if membership is None:
        raise AwardsError(_("Bạn không phải thành viên phiên họp này."))
    # A member from the nominating unit recuses themselves (the rule `awards.vote`).
    require(
        member,
        "awards.vote",
        nomination,
        message=_("Thành viên thuộc đơn vị đề nghị không bỏ phiếu cho hồ sơ này."),
    )
    return record_ballot(
        nomination=nomination,
        session=session,
        member=member,
        written=not membership.present,
        choices=choices,
    )


def record_ballot(
    *,
    nomination: Nomination,
    session: CouncilSession,
    member: User,
    written: bool,
    choices: dict[int, BallotChoice],
) -> BallotCast:
    """The secret ballot itself, shared by the council and the cluster's vote: one BallotCast
    that `member` voted, each choice added to its line's VoteTally, nothing linking the two.
    The caller has checked who may vote; this checks a choice for every line and no earlier
    ballot (AwardsError otherwise)."""
    line_ids = set(nomination.lines.values_list("pk", flat=True))
    if set(choices) != line_ids or not all(
        choice in BallotChoice.values for choice in choices.values()
    ):
        raise AwardsError(_("Cần chọn Đồng ý hoặc Không đồng ý cho từng người, tập thể."))
    # Every counter exists before any is incremented, so that two members voting at once
    # never race to create the same counter row.
    VoteTally.objects.bulk_create(
        [
            VoteTally(line_id=line_id, choice=choice)
            for line_id in line_ids
            for choice in BallotChoice
        ],
        ignore_conflicts=True,
    )
    with transaction.atomic():
        try:
            with transaction.atomic():
                cast = BallotCast.objects.create(
                    nomination=nomination, session=session, member=member, written=written
                )
        except IntegrityError:
            raise AwardsError(_("Bạn đã bỏ phiếu cho hồ sơ này.")) from None
        for line_id, choice in sorted(choices.items()):
            VoteTally.objects.filter(line_id=line_id, choice=choice).update(count=F("count") + 1)
    return cast


def close_session(*, session: CouncilSession, user: User) -> CouncilSession:
    """Kiểm phiếu: count each nominee, record yes/total and yes/present, decide each line by
    its rule set (E-14: high awards against all members), and move each nomination to
    approved (any line passed) or rejected; a rejected nomination received from a
    subordinate's submission settles the subordinate's (`upward.settle_refusals`).

    Precondition: the members present reach the quorum (AwardsError otherwise).
    """
    require(user, "awards.manage_council")
    with transaction.atomic():
        session = CouncilSession.objects.select_for_update().get(pk=session.pk)
        if session.state != SessionState.OPEN:
            raise AwardsError(_("Phiên họp đã kết thúc bỏ phiếu."))
        total = session.memberships.count()
        present = session.memberships.filter(present=True).count()
        if total == 0 or Decimal(present) / total < session.quorum:
            raise AwardsError(
                _("Không đủ số thành viên dự họp: %(present)s/%(total)s.")
                % {"present": present, "total": total}
            )
        nominations = session.nominations.filter(state=NominationState.IN_COUNCIL)
        rejected = []
        for nomination in nominations:
            lines = list(nomination.lines.select_related("award"))
            rules = {}
            for line in lines:
                rule_set = rule_set_for(line.award, nomination.year)
                rules[line.pk] = VoteRule(
                    threshold=rule_set.vote_threshold,
                    of_all_members=rule_set.threshold_of_all_members,
                    inclusive=rule_set.threshold_inclusive,
                )
            counts = tally.count_votes(
                counters=VoteTally.objects.filter(line__in=lines).values_list(
                    "line_id", "choice", "count"
                ),
                rules=rules,
                members_total=total,
                members_present=present,
            )
            any_passed = False
            for line in lines:
                count = counts[line.pk]
                line.approved = count.approved
                line.yes_votes = count.yes
                line.members_total, line.members_present = total, present
                line.yes_of_total, line.yes_of_present = count.yes_of_total, count.yes_of_present
                line.save(
                    update_fields=[
                        "approved",
                        "yes_votes",
                        "members_total",
                        "members_present",
                        "yes_of_total",
                        "yes_of_present",
                    ]
                )
                any_passed |= line.approved
            set_nomination_state(
                nomination,
                NominationState.APPROVED if any_passed else NominationState.REJECTED,
                by=user,
            )
            if not any_passed:
                rejected.append(nomination)
        # A nominee a subordinate sent up and turned down here: its nomination there too.
        settle_refusals(rejected, by=user)
        try:
            SESSION_WORKFLOW.apply(session, SessionState.CLOSED, by=user, check=False)
        except TransitionRefused as refused:
            raise AwardsError(str(refused)) from refused
    return session
