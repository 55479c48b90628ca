"""The cluster's secret vote on its leading units and the proposal it becomes (DOMAIN §7.3
steps 3–4, §7.4).

The vote reuses the council's secret ballot: a `CouncilSession` for the cluster's year-end
meeting, a ballot `Nomination` whose lines are the units the final ranking proposes (the
leaders for Cờ thi đua, the next excellent units for Bằng khen), `BallotCast` and `VoteTally`
through `services.record_ballot`. Closing the vote counts it; the units approved by more than
half of the meeting's members become a new draft nomination of the head unit, which goes
through the usual workflow (submission, appraisal, notice, council) with the ranking and the
vote result as its evidence. The ballot nomination is then withdrawn and kept as the record.
"""

import datetime
import logging
from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from awards.enums import AwardCode, BallotChoice, NominationState, SessionState, SubjectKind
from awards.models import (
    Award,
    BallotCast,
    CouncilMembership,
    CouncilSession,
    Nomination,
    NominationLine,
)
from awards.services import AwardsError, record_ballot, set_nomination_state
from emulation.enums import Role
from emulation.models import User
from emulation.models.scoring import ScoringRound
from emulation.pledges.services import current_term
from emulation.scoring.enums import RoundKind, SheetState
from emulation.scoring.selectors import RankedUnit, ranking
from emulation.templatetags.vn_format import format_number

logger = logging.getLogger(__name__)


def _head_unit_id(scoring_round: ScoringRound) -> int:
    term = current_term(scoring_round.table.cluster, timezone.localdate())
    if term is None:
        raise AwardsError(_("Cụm, khối chưa có đơn vị cụm trưởng."))
    return term.head_unit_id


def _require_organiser(user: User, head_unit_id: int) -> None:
    if user.role == Role.AUTHORITY_STAFF:
        return
    if user.role == Role.UNIT_HEAD and user.unit_id == head_unit_id:
        return
    raise AwardsError(_("Chỉ cụm trưởng hoặc cán bộ thi đua tổ chức bỏ phiếu của cụm."))


def ranking_evidence(scoring_round: ScoringRound, rows: list[RankedUnit]) -> str:
    """The final ranking as text, attached to the proposal as its evidence."""
    cluster = scoring_round.table.cluster
    lines = [
        _("Kết quả chấm điểm %(round)s năm %(year)s của %(cluster)s (đã chốt):")
        % {
            "round": scoring_round.get_kind_display().lower(),
            "year": cluster.year,
            "cluster": cluster.name,
        }
    ]
    for row in rows:
        lines.append(
            _("%(rank)s. %(unit)s – %(total)s điểm – %(class)s")
            % {
                "rank": row.rank,
                "unit": row.unit.name,
                "total": format_number(row.total, 2),
                "class": row.classification.label,
            }
        )
    return "\n".join(lines)


def _line_achievement(scoring_round: ScoringRound, row: RankedUnit, count: int) -> str:
    return _("Xếp thứ %(rank)s/%(count)s %(cluster)s năm %(year)s, %(total)s điểm (%(class)s).") % {
        "rank": row.rank,
        "count": count,
        "cluster": scoring_round.table.cluster.name,
        "year": scoring_round.table.cluster.year,
        "total": format_number(row.total, 2),
        "class": row.classification.label,
    }


def _award(code: AwardCode) -> Award:
    award = Award.objects.filter(code=code).first()
    if award is None:
        raise AwardsError(_("Danh mục chưa có “%(award)s”.") % {"award": code.label})
    return award


def open_cluster_vote(
    *,
    scoring_round: ScoringRound,
    user: User,
    held_on: datetime.date,
    voters: Iterable[User],
) -> Nomination:
    """Open the secret vote of the cluster's year-end meeting on the units its final ranking
    proposes.

    Preconditions (AwardsError otherwise): the user is the head unit's head or thi đua staff;
    a year-end round whose every sheet is final; at least one proposed unit; every voter
    represents a member unit. Creates the meeting (CouncilSession with its members) and the
    ballot nomination with one line per proposed unit.
    """
    head_unit_id = _head_unit_id(scoring_round)
    _require_organiser(user, head_unit_id)
    cluster = scoring_round.table.cluster
    if scoring_round.kind != RoundKind.YEAR_END:
        raise AwardsError(_("Chỉ bỏ phiếu đề nghị khen thưởng sau đợt tổng kết năm."))
    if scoring_round.sheets.exclude(state=SheetState.FINAL).exists():
        raise AwardsError(_("Còn phiếu chấm điểm chưa chốt; chưa thể bỏ phiếu."))
    rows = ranking(scoring_round)
    proposed = [row for row in rows if row.leader or row.merit]
    if not proposed:
        raise AwardsError(_("Không có đơn vị xếp loại xuất sắc để đề nghị."))
    voters = list(voters)
    member_ids = set(cluster.memberships.values_list("unit_id", flat=True))
    if not voters or any(voter.unit_id not in member_ids for voter in voters):
        raise AwardsError(_("Người bỏ phiếu phải là đại diện các đơn vị thành viên của cụm."))
    flag, merit = _award(AwardCode.CO_TINH), _award(AwardCode.BANG_KHEN_TINH)
    with transaction.atomic():
        session = CouncilSession.objects.create(
            authority_id=cluster.authority_id,
            title=_("Hội nghị tổng kết %(cluster)s năm %(year)s")
            % {"cluster": cluster.name, "year": cluster.year},
            held_on=held_on,
        )
        CouncilMembership.objects.bulk_create(
            CouncilMembership(session=session, user=voter) for voter in voters
        )
        nomination = Nomination.objects.create(
            authority_id=cluster.authority_id,
            unit_id=head_unit_id,
            year=cluster.year,
            title=_("Bỏ phiếu kín đề xuất đơn vị dẫn đầu %(cluster)s năm %(year)s")
            % {"cluster": cluster.name, "year": cluster.year},
            summary=ranking_evidence(scoring_round, rows),
            council_session=session,
            created_by=user,
        )
        NominationLine.objects.bulk_create(
            NominationLine(
                nomination=nomination,
                award=flag if row.leader else merit,
                subject_kind=SubjectKind.COLLECTIVE,
                subject_unit=row.unit,
                achievement=_line_achievement(scoring_round, row, len(rows)),
            )
            for row in proposed
        )
    logger.info(
        "cluster vote %s opened for round %s by %s", nomination.pk, scoring_round.pk, user.pk
    )
    return nomination


def _require_open_vote(nomination: Nomination) -> CouncilSession:
    session = nomination.council_session
    if nomination.state != NominationState.DRAFT or session is None:
        raise AwardsError(_("Không phải phiếu bầu của cụm đang mở."))
    if session.state != SessionState.OPEN:
        raise AwardsError(_("Phiên họp đã kết thúc bỏ phiếu."))
    return session


def cast_cluster_ballot(
    *, nomination: Nomination, member: User, choices: dict[int, BallotChoice]
) -> BallotCast:
    """Bỏ phiếu kín of one member unit's representative: the council's ballot, without the
    council's recusal (every member unit votes on every proposed unit)."""
    session = _require_open_vote(nomination)
    membership = CouncilMembership.objects.filter(session=session, user=member).first()
    if membership is None:
        raise AwardsError(_("Bạn không phải thành viên phiên họp này."))
    return record_ballot(
        nomination=nomination,
        session=session,
        member=member,
        written=not membership.present,
        choices=choices,
    )


def close_cluster_vote(*, nomination: Nomination, user: User) -> Nomination | None:
    """Count the cluster's vote and turn the approved units into a draft nomination of the
    head unit (the proposal, with the ranking and the vote as evidence).

    A unit is approved with more than half of the meeting's members voting yes. The session
    closes, the ballot nomination is withdrawn with a reason naming the proposal. Returns the
    proposal, or None when no unit was approved.
    """
    _require_organiser(user, nomination.unit_id)
    session = _require_open_vote(nomination)
    cluster_name = session.title
    with transaction.atomic():
        session = CouncilSession.objects.select_for_update().get(pk=session.pk)
        if session.state != SessionState.OPEN:
            raise AwardsError(_("Phiên họp đã kết thúc bỏ phiếu."))
        total = session.memberships.count()
        present = session.memberships.filter(present=True).count()
        approved = []
        results = []
        for line in nomination.lines.select_related("award", "subject_unit"):
            yes = sum(line.tallies.filter(choice=BallotChoice.YES).values_list("count", flat=True))
            line.yes_votes, line.members_total, line.members_present = yes, total, present
            line.approved = total > 0 and yes * 2 > total
            line.save(update_fields=["yes_votes", "members_total", "members_present", "approved"])
            results.append(
                _("%(unit)s (%(award)s): %(yes)s/%(total)s phiếu đồng ý")
                % {"unit": line.subject_name, "award": line.award.name, "yes": yes, "total": total}
            )
            if line.approved:
                approved.append(line)
        session.state = SessionState.CLOSED
        session.save(update_fields=["state"])
        proposal = None
        vote_text = _("Kết quả bỏ phiếu kín tại %(session)s: %(results)s.") % {
            "session": session.title,
            "results": "; ".join(results),
        }
        if approved:
            proposal = Nomination.objects.create(
                authority_id=nomination.authority_id,
                unit_id=nomination.unit_id,
                year=nomination.year,
                title=_("Đề nghị khen thưởng theo kết quả %(session)s") % {"session": cluster_name},
                summary=f"{nomination.summary}\n{vote_text}",
                created_by=user,
            )
            NominationLine.objects.bulk_create(
                NominationLine(
                    nomination=proposal,
                    award=line.award,
                    subject_kind=SubjectKind.COLLECTIVE,
                    subject_unit=line.subject_unit,
                    achievement=_(
                        "%(achievement)s Được %(yes)s/%(total)s thành viên cụm bỏ phiếu đồng ý."
                    )
                    % {"achievement": line.achievement, "yes": line.yes_votes, "total": total},
                )
                for line in approved
            )
        reason = (
            _("Đã bỏ phiếu tại cụm; đề nghị chuyển sang hồ sơ số %(number)s.")
            % {"number": proposal.pk}
            if proposal
            else _("Đã bỏ phiếu tại cụm; không đơn vị nào đủ số phiếu.")
        )
        set_nomination_state(nomination, NominationState.WITHDRAWN, by=user, reason=reason)
    logger.info("cluster vote %s closed by %s", nomination.pk, user.pk)
    return proposal


def vote_counts(nomination: Nomination) -> dict[int, int]:
    """Yes votes by proposed unit id, for the ranking's last tie-break."""
    return {
        line.subject_unit_id: line.yes_votes or 0
        for line in nomination.lines.all()
        if line.subject_unit_id
    }
