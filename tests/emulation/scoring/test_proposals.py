"""The cluster's secret vote on the final ranking's units; approved units become a nomination
in the awards workflow with the ranking as evidence; E-09 reads the final ranking."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from awards.cluster_votes.selectors import closed_vote_counts
from awards.cluster_votes.services import cast_cluster_ballot, close_cluster_vote, open_cluster_vote
from awards.enums import AwardCode, BallotChoice, NominationState, SubjectKind
from awards.errors import AwardsError
from awards.models import (
    Award,
    ClusterBallot,
    ClusterVote,
    ClusterVoteTally,
    Nomination,
    NominationLine,
)
from awards.nominations.selectors import line_failures
from awards.nominations.services import submit_nomination
from config.permissions import NotPermitted
from emulation.scoring.enums import SheetState
from emulation.scoring.selectors import cluster_results
from emulation.scoring.services import move_sheet
from tests.awards.factories import NominationFactory
from tests.emulation.scoring.test_services import self_score

pytestmark = pytest.mark.django_db
D = Decimal
DAY = timezone.localdate() + datetime.timedelta(days=7)  # the vote's deadline


def finalise_year_end(table, year_end, wards, heads, staff, *, second_manual: str):
    """Each ward's head scores its sheet (ward 2's manual item `second_manual`, ward 3 a
    bonus), another head checks it, staff make it final."""
    for ward, head, checker, manual, count in (
        (wards[0], heads[0], heads[1], "10", "5"),
        (wards[1], heads[1], heads[0], second_manual, "5"),
        (wards[2], heads[2], heads[0], "10", "5"),
    ):
        sheet = year_end.sheets.get(unit=ward)
        self_score(
            table, sheet, head, manual=manual, count=count, bonus="1" if ward == wards[2] else "0"
        )
        move_sheet(sheet=sheet, to=SheetState.SUBMITTED, user=head)
        move_sheet(sheet=sheet, to=SheetState.CHECKED, user=checker)
        move_sheet(sheet=sheet, to=SheetState.FINAL, user=staff)
    return year_end


@pytest.fixture
def final_round(table, targets, year_end, wards, heads, staff):
    """Ward 1: 100 (leader), ward 2: 98, ward 3: 90 — all excellent, all final."""
    return finalise_year_end(table, year_end, wards, heads, staff, second_manual="8")


def test_cluster_results_give_ranked_units_and_leaders(final_round, authority, table):
    (result,) = cluster_results(authority, table.cluster.year)
    assert result.complete is True
    assert [(row.unit.code, row.rank, row.total) for row in result.ranked] == [
        ("P1", 1, D("100.00")),
        ("P2", 2, D("98.00")),
        ("P3", 3, D("90.00")),
    ]
    assert [row.unit.code for row in result.leaders] == ["P1"]


def test_vote_counts_secret_ballots_and_the_proposal_carries_the_ranking(
    final_round, heads, staff, wards
):
    vote = open_cluster_vote(scoring_round=final_round, user=heads[0], deadline=DAY, voters=heads)
    lines = {line.unit.code: line for line in vote.candidates.select_related("award", "unit")}
    assert {code: line.award.code for code, line in lines.items()} == {
        "P1": AwardCode.CO_TINH,
        "P2": AwardCode.BANG_KHEN_TINH,
        "P3": AwardCode.BANG_KHEN_TINH,
    }
    yes_to = {"P1": (True, True, True), "P2": (True, True, False), "P3": (False, True, False)}
    for index, head in enumerate(heads):
        cast_cluster_ballot(
            vote=vote,
            member=head,
            choices={
                line.pk: BallotChoice.YES if yes_to[code][index] else BallotChoice.NO
                for code, line in lines.items()
            },
        )
    # The secret ballot: who voted, and counters never linked to a voter.
    assert ClusterBallot.objects.filter(vote=vote).count() == 3
    assert ClusterVoteTally.objects.get(candidate=lines["P2"], choice=BallotChoice.YES).count == 2
    with pytest.raises(AwardsError, match="Bạn đã bỏ phiếu; mỗi thành viên chỉ bỏ một phiếu"):
        cast_cluster_ballot(
            vote=vote,
            member=heads[0],
            choices={line.pk: BallotChoice.YES for line in lines.values()},
        )

    proposal = close_cluster_vote(vote=vote, user=heads[0])

    vote.refresh_from_db()
    assert (vote.state, vote.ballots_cast, vote.proposal) == ("closed", 3, proposal)
    assert closed_vote_counts(final_round) == {wards[0].pk: 3, wards[1].pk: 2, wards[2].pk: 1}
    assert proposal.unit == wards[0]
    assert proposal.state == NominationState.DRAFT
    assert [
        (line.subject_unit.code, line.award.code, line.subject_kind)
        for line in proposal.lines.order_by("subject_unit__code")
    ] == [
        ("P1", AwardCode.CO_TINH, SubjectKind.COLLECTIVE),
        ("P2", AwardCode.BANG_KHEN_TINH, SubjectKind.COLLECTIVE),
    ]
    assert "1. Phường 1 – 100,00 điểm – Xuất sắc" in proposal.summary
    assert "Phường 3 (Bằng khen" in proposal.summary
    p1 = proposal.lines.get(subject_unit=wards[0])
    assert p1.achievement == (
        f"Xếp thứ 1/3 Cụm 1 năm {final_round.table.cluster.year}, 100,00 điểm (Xuất sắc). "
        "Được 3/3 thành viên cụm bỏ phiếu đồng ý."
    )
    # It is an ordinary nomination of the workflow: the head unit's head submits it.
    submit_nomination(nomination=proposal, user=heads[0])
    assert proposal.state == NominationState.SUBMITTED
    # E-09: the leader passes; the runner-up would not for the flag.
    assert line_failures(p1) == []


def test_vote_refused_before_every_sheet_is_final(year_end, table, heads, staff):
    with pytest.raises(AwardsError, match="Còn phiếu chấm điểm chưa chốt"):
        open_cluster_vote(scoring_round=year_end, user=staff, deadline=DAY, voters=heads)
    assert not Nomination.objects.exists()
    assert not ClusterVote.objects.exists()


def test_only_head_unit_or_staff_organise_the_vote(final_round, heads):
    with pytest.raises(NotPermitted, match="Chỉ cụm trưởng hoặc cán bộ thi đua"):
        open_cluster_vote(scoring_round=final_round, user=heads[1], deadline=DAY, voters=heads)


def test_voters_must_represent_member_units(final_round, staff, heads):
    with pytest.raises(AwardsError, match="đại diện các đơn vị thành viên"):
        open_cluster_vote(
            scoring_round=final_round, user=staff, deadline=DAY, voters=[*heads, staff]
        )
    assert not ClusterVote.objects.exists()


def test_e09_refuses_a_flag_for_a_unit_not_leading(final_round, wards, heads, staff, award_for):
    nomination = NominationFactory(
        unit=wards[1], created_by=heads[1], year=final_round.table.cluster.year
    )
    line = NominationLine.objects.create(
        nomination=nomination,
        award=award_for(AwardCode.CO_TINH),
        subject_kind=SubjectKind.COLLECTIVE,
        subject_unit=wards[1],
    )
    failures = [failure.rule for failure in line_failures(line)]
    assert "E-09" in failures
    leader_line = NominationLine.objects.create(
        nomination=nomination,
        award=award_for(AwardCode.CO_TINH),
        subject_kind=SubjectKind.COLLECTIVE,
        subject_unit=wards[0],
    )
    assert "E-09" not in [failure.rule for failure in line_failures(leader_line)]


def test_e09_without_a_final_ranking(table, wards, heads, award_for):
    nomination = NominationFactory(unit=wards[0], created_by=heads[0], year=table.cluster.year)
    line = NominationLine.objects.create(
        nomination=nomination,
        award=award_for(AwardCode.CO_TINH),
        subject_kind=SubjectKind.COLLECTIVE,
        subject_unit=wards[0],
    )
    (failure,) = [f for f in line_failures(line) if f.rule == "E-09"]
    assert failure.message == (
        "Đơn vị không dẫn đầu cụm, khối thi đua theo kết quả chấm điểm tổng kết năm "
        f"{table.cluster.year} đã chốt."
    )


@pytest.fixture
def award_for():
    return lambda code: Award.objects.get(code=code)
