"""The cluster's secret vote on its leading units and the proposal it becomes (DOMAIN §7.3
steps 3–4, §7.4).

A `ClusterVote` is its own record, one per cluster and scoring round. Opening it freezes the
members who vote, the candidates (the leaders of the final ranking for Cờ thi đua, the next
excellent units for Bằng khen) and the rule to close it. Each member casts one secret ballot:
a `ClusterBallot` that says who voted, and `ClusterVoteTally` counters that say nothing about
who. The vote closes when every member has voted, or after its deadline with the quorum of
settings.CLUSTER_VOTE_QUORUM; only then are the counters read, by the same count as the
council's (`awards.tally.count_votes`), and only then is the proposal created: a draft
nomination of the head unit with the units approved by more than half of the members, which
goes through the usual workflow. The closed vote's yes votes are the ranking's last tie-break
(`emulation.scoring.hooks`).
"""

import datetime
import logging
import math
from collections.abc import Iterable
from decimal import Decimal
from fractions import Fraction

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from awards import tally
from awards.enums import AwardCode, BallotChoice, ClusterVoteState, SubjectKind
from awards.errors import AwardsError
from awards.models import (
    Award,
    ClusterBallot,
    ClusterVote,
    ClusterVoteCandidate,
    ClusterVoteMember,
    ClusterVoteTally,
    Nomination,
    NominationLine,
)
from awards.tally import VoteRule
from config import clock
from config.permissions import authorize, require
from emulation.clusters import current_term
from emulation.models import User
from emulation.models.scoring import ScoringRound
from emulation.numbers import format_number
from emulation.scoring.enums import RoundKind, SheetState
from emulation.scoring.selectors import RankedUnit, ranking

logger = logging.getLogger(__name__)


def _head_unit_id(scoring_round: ScoringRound) -> int:
    term = current_term(scoring_round.table.cluster, clock.today())
    if term is None:
        raise AwardsError(_("Cụm, khối chưa có đơn vị cụm trưởng."))
    return term.head_unit_id


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
                "total": format_number(row.total, 2, localized=True),
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
        "total": format_number(row.total, 2, localized=True),
        "class": row.classification.label,
    }


def _award(code: AwardCode) -> Award:
    award = Award.objects.filter(code=code).first()
    if award is None:
        raise AwardsError(_("Danh mục chưa có “%(award)s”.") % {"award": code.label})
    return award


# Smallest number of members and of ballots: with fewer, the totals give a ballot away.
MIN_MEMBERS = 3


MIN_BALLOTS = 2


# A candidate is proposed with more than half of all the members voting yes.
CLUSTER_RULE = VoteRule(threshold=Decimal("0.5"), of_all_members=True, inclusive=False)


def _day(day: datetime.date) -> str:
    return day.strftime("%d/%m/%Y")


def quorum_ballots(members: int) -> int:
    """Ballots needed to close after the deadline: CLUSTER_VOTE_QUORUM of the members,
    rounded up, and never fewer than MIN_BALLOTS."""
    quorum = Fraction(settings.CLUSTER_VOTE_QUORUM)
    if not 0 < quorum <= 1:
        raise ValueError(f"CLUSTER_VOTE_QUORUM must lie in (0, 1], not {quorum}")
    return max(MIN_BALLOTS, math.ceil(quorum * members))


def default_deadline(today: datetime.date | None = None) -> datetime.date:
    return (today or clock.today()) + datetime.timedelta(days=settings.CLUSTER_VOTE_DAYS)


def open_cluster_vote(
    *,
    scoring_round: ScoringRound,
    user: User,
    deadline: datetime.date,
    voters: Iterable[User],
) -> ClusterVote:
    """Open the secret vote of the cluster's year-end meeting on the units its final ranking
    proposes, and freeze what it depends on.

    Preconditions (AwardsError otherwise, nothing written): the user is the head unit's head
    or thi đua staff; a year-end round whose every sheet is final; no vote of this round yet
    (the UniqueConstraint refuses a second one opened at the same moment); at least one
    proposed unit; at least MIN_MEMBERS voters, each the head of a member unit; a deadline
    from today on. Writes the vote, its members and its candidates (copied from the ranking).
    """
    require(
        user,
        "awards.open_cluster_vote",
        scoring_round,
        message=_("Chỉ cụm trưởng hoặc cán bộ thi đua tổ chức bỏ phiếu của cụm."),
    )
    head_unit_id = _head_unit_id(scoring_round)
    cluster = scoring_round.table.cluster
    if scoring_round.kind != RoundKind.YEAR_END:
        raise AwardsError(_("Chỉ bỏ phiếu đề nghị khen thưởng sau đợt tổng kết năm."))
    if scoring_round.sheets.exclude(state=SheetState.FINAL).exists():
        raise AwardsError(_("Còn phiếu chấm điểm chưa chốt; chưa thể bỏ phiếu."))
    _refuse_second_vote(scoring_round)
    rows = ranking(scoring_round)
    proposed = [row for row in rows if row.leader or row.merit]
    if not proposed:
        raise AwardsError(_("Không có đơn vị xếp loại xuất sắc để đề nghị."))
    voters = list(voters)
    if not voters or any(
        not authorize(voter, "awards.vote_in_cluster", cluster) for voter in voters
    ):
        raise AwardsError(_("Người bỏ phiếu phải là đại diện các đơn vị thành viên của cụm."))
    if len({voter.pk for voter in voters}) < MIN_MEMBERS:
        raise AwardsError(
            _("Cần ít nhất %(count)s thành viên bỏ phiếu để giữ bí mật phiếu.")
            % {"count": MIN_MEMBERS}
        )
    if deadline < clock.today():
        raise AwardsError(_("Hạn bỏ phiếu phải từ hôm nay trở đi."))
    flag, merit = _award(AwardCode.CO_TINH), _award(AwardCode.BANG_KHEN_TINH)
    voter_ids = sorted({voter.pk for voter in voters})
    try:
        with transaction.atomic():
            vote = ClusterVote.objects.create(
                authority_id=cluster.authority_id,
                cluster=cluster,
                scoring_round=scoring_round,
                head_unit_id=head_unit_id,
                deadline=deadline,
                ranking_text=ranking_evidence(scoring_round, rows),
                quorum_ballots=quorum_ballots(len(voter_ids)),
                opened_by=user,
            )
            ClusterVoteMember.objects.bulk_create(
                ClusterVoteMember(vote=vote, user_id=voter_id) for voter_id in voter_ids
            )
            candidates = ClusterVoteCandidate.objects.bulk_create(
                ClusterVoteCandidate(
                    vote=vote,
                    unit=row.unit,
                    award=flag if row.leader else merit,
                    rank=row.rank,
                    total=row.total,
                    achievement=_line_achievement(scoring_round, row, len(rows)),
                )
                for row in proposed
            )
            # Every counter exists before any ballot, so that ballots only ever increment.
            ClusterVoteTally.objects.bulk_create(
                ClusterVoteTally(candidate=candidate, choice=choice)
                for candidate in candidates
                for choice in BallotChoice
            )
    except IntegrityError:
        _refuse_second_vote(scoring_round)
        raise
    logger.info("cluster vote %s opened for round %s by %s", vote.pk, scoring_round.pk, user.pk)
    return vote


def _refuse_second_vote(scoring_round: ScoringRound) -> None:
    existing = ClusterVote.objects.filter(scoring_round=scoring_round).first()
    if existing is not None:
        raise AwardsError(
            _(
                "Đợt chấm điểm này đã có cuộc bỏ phiếu kín của cụm (mở ngày %(opened)s); "
                "mỗi đợt chỉ bỏ phiếu một lần."
            )
            % {"opened": _day(timezone.localdate(existing.opened_at))}
        )


def cast_cluster_ballot(
    *, vote: ClusterVote, member: User, choices: dict[int, BallotChoice]
) -> ClusterBallot:
    """Bỏ phiếu kín of one member unit's head: one ClusterBallot saying that `member` voted,
    each choice added to its candidate's counter, nothing linking the two.

    Preconditions (AwardsError otherwise, nothing written): the vote is open; `member` is
    one of its members; a choice for every candidate, no other key; no earlier ballot.
    """
    if vote.state != ClusterVoteState.OPEN:
        raise AwardsError(_("Bỏ phiếu của cụm đã kết thúc."))
    if not vote.members.filter(user=member).exists():
        raise AwardsError(_("Bạn không phải thành viên bỏ phiếu của cụm."))
    candidate_ids = set(vote.candidates.values_list("pk", flat=True))
    if set(choices) != candidate_ids or not all(
        choice in BallotChoice.values for choice in choices.values()
    ):
        raise AwardsError(_("Chọn Đồng ý hoặc Không đồng ý cho từng đơn vị."))
    with transaction.atomic():
        # The vote row is locked so that a close waits for a ballot being cast.
        locked = ClusterVote.objects.select_for_update().get(pk=vote.pk)
        if locked.state != ClusterVoteState.OPEN:
            raise AwardsError(_("Bỏ phiếu của cụm đã kết thúc."))
        try:
            with transaction.atomic():
                ballot = ClusterBallot.objects.create(vote=vote, member=member)
        except IntegrityError:
            raise AwardsError(_("Bạn đã bỏ phiếu; mỗi thành viên chỉ bỏ một phiếu.")) from None
        for candidate_id, choice in sorted(choices.items()):
            ClusterVoteTally.objects.filter(candidate_id=candidate_id, choice=choice).update(
                count=F("count") + 1
            )
    return ballot


def close_refusal(vote: ClusterVote, today: datetime.date | None = None) -> str:
    """Why the vote may not close yet, or "" when it may: every member has voted, or the
    deadline has passed with at least `quorum_ballots` ballots."""
    today = today or clock.today()
    members = vote.members.count()
    cast = vote.ballots.count()
    if cast >= members:
        return ""
    if today > vote.deadline and cast >= vote.quorum_ballots:
        return ""
    return _(
        "Chưa thể kết thúc bỏ phiếu: còn thiếu %(missing)s/%(members)s phiếu, hạn bỏ phiếu "
        "%(deadline)s. Bỏ phiếu kết thúc khi mọi thành viên đã bỏ phiếu, hoặc sau hạn khi có "
        "ít nhất %(quorum)s/%(members)s phiếu."
    ) % {
        "missing": members - cast,
        "members": members,
        "deadline": _day(vote.deadline),
        "quorum": vote.quorum_ballots,
    }


def close_cluster_vote(
    *, vote: ClusterVote, user: User, today: datetime.date | None = None
) -> Nomination | None:
    """Kiểm phiếu of the cluster: count every candidate with `tally.count_votes`, store the
    totals, and turn the approved units (more than half of all members voting yes) into a
    draft nomination of the head unit, with the ranking and the vote as its evidence.

    Preconditions (AwardsError otherwise, nothing written): the user is the head unit's head
    or thi đua staff; the vote is open; `close_refusal` has nothing to say. The one state
    change of a vote (open → closed) happens here, on the locked row. Returns the proposal,
    or None when no unit was approved.
    """
    require(
        user,
        "awards.close_cluster_vote",
        vote,
        message=_("Chỉ cụm trưởng hoặc cán bộ thi đua tổ chức bỏ phiếu của cụm."),
    )
    with transaction.atomic():
        locked = ClusterVote.objects.select_for_update().get(pk=vote.pk)
        if locked.state != ClusterVoteState.OPEN:
            raise AwardsError(_("Bỏ phiếu của cụm đã kết thúc."))
        refusal = close_refusal(locked, today)
        if refusal:
            raise AwardsError(refusal)
        members = locked.members.count()
        cast = locked.ballots.count()
        candidates = list(locked.candidates.select_related("award", "unit"))
        counts = tally.count_votes(
            counters=ClusterVoteTally.objects.filter(candidate__vote=locked).values_list(
                "candidate_id", "choice", "count"
            ),
            rules=dict.fromkeys((candidate.pk for candidate in candidates), CLUSTER_RULE),
            members_total=members,
            members_present=cast,
        )
        results = []
        for candidate in candidates:
            count = counts[candidate.pk]
            candidate.yes_votes, candidate.no_votes = count.yes, count.no
            candidate.approved = count.approved
            candidate.save(update_fields=["yes_votes", "no_votes", "approved"])
            results.append(
                _("%(unit)s (%(award)s): %(yes)s/%(total)s phiếu đồng ý")
                % {
                    "unit": candidate.unit.name,
                    "award": candidate.award.name,
                    "yes": count.yes,
                    "total": members,
                }
            )
        approved = [candidate for candidate in candidates if candidate.approved]
        proposal = None
        if approved:
            proposal = _create_proposal(locked, approved, results, members, cast, user)
        updated = ClusterVote.objects.filter(pk=locked.pk, state=ClusterVoteState.OPEN).update(
            state=ClusterVoteState.CLOSED,
            closed_by=user,
            closed_at=timezone.now(),
            ballots_cast=cast,
            proposal=proposal,
        )
        if updated != 1:
            raise AwardsError(_("Bỏ phiếu của cụm đã kết thúc."))
    vote.refresh_from_db()
    logger.info("cluster vote %s closed by %s (%s/%s ballots)", vote.pk, user.pk, cast, members)
    return proposal


def _create_proposal(
    vote: ClusterVote,
    approved: list[ClusterVoteCandidate],
    results: list[str],
    members: int,
    cast: int,
    user: User,
) -> Nomination:
    cluster = vote.cluster
    vote_text = _(
        "Kết quả bỏ phiếu kín của %(cluster)s (%(cast)s/%(members)s thành viên bỏ phiếu): "
        "%(results)s."
    ) % {
        "cluster": cluster.name,
        "cast": cast,
        "members": members,
        "results": "; ".join(results),
    }
    proposal = Nomination.objects.create(
        authority_id=vote.authority_id,
        unit_id=vote.head_unit_id,
        year=cluster.year,
        title=_("Đề nghị khen thưởng theo kết quả bỏ phiếu kín %(cluster)s năm %(year)s")
        % {"cluster": cluster.name, "year": cluster.year},
        summary=f"{vote.ranking_text}\n{vote_text}",
        created_by=user,
    )
    NominationLine.objects.bulk_create(
        NominationLine(
            nomination=proposal,
            award=candidate.award,
            subject_kind=SubjectKind.COLLECTIVE,
            subject_unit=candidate.unit,
            achievement=_("%(achievement)s Được %(yes)s/%(total)s thành viên cụm bỏ phiếu đồng ý.")
            % {"achievement": candidate.achievement, "yes": candidate.yes_votes, "total": members},
        )
        for candidate in approved
    )
    return proposal
