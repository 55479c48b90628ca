# ruff: noqa: F811
"""The cluster's secret vote as its own record (issue 12, item 2): one per cluster and round,
candidates and members frozen when it opens, no nomination until it closes, closing only with
every ballot or after the deadline with the quorum, totals only once closed, one count for
the council and the cluster, and the results as the ranking's last tie-break."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from awards import tally
from awards.cluster_votes.selectors import closed_vote_counts, vote_results
from awards.cluster_votes.services import (
    cast_cluster_ballot,
    close_cluster_vote,
    open_cluster_vote,
    quorum_ballots,
)
from awards.council.services import close_session
from awards.enums import AwardCode, BallotChoice, ClusterVoteState
from awards.errors import AwardsError
from awards.models import (
    ClusterBallot,
    ClusterVote,
    ClusterVoteCandidate,
    ClusterVoteTally,
    Nomination,
)
from awards.tally import VoteRule, count_votes
from config.permissions import NotPermitted
from emulation.models.scoring import ScoreSheet
from emulation.scoring.selectors import cluster_results, ranking
from tests.awards.test_concurrency import run_together
from tests.awards.test_council import council, on_agenda
from tests.awards.test_council import vote as council_vote
from tests.emulation.scoring.conftest import (  # noqa: F401
    clerks,
    cluster,
    heads,
    staff,
    table,
    targets,
    wards,
    year_end,
)
from tests.emulation.scoring.test_proposals import (
    final_round,  # noqa: F401
    finalise_year_end,
)

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()
DEADLINE = TODAY + datetime.timedelta(days=7)
AFTER_DEADLINE = DEADLINE + datetime.timedelta(days=1)


def _open(scoring_round, user, heads):
    return open_cluster_vote(
        scoring_round=scoring_round, user=user, deadline=DEADLINE, voters=heads
    )


def _cast(vote, member, yes_codes=()):
    choices = {
        candidate.pk: BallotChoice.YES if candidate.unit.code in yes_codes else BallotChoice.NO
        for candidate in vote.candidates.select_related("unit")
    }
    return cast_cluster_ballot(vote=vote, member=member, choices=choices)


def _candidates(vote):
    return [
        (c.unit.code, c.award.code, c.rank, c.total, c.yes_votes, c.no_votes, c.approved)
        for c in vote.candidates.select_related("unit", "award").order_by("rank", "unit__code")
    ]


def test_open_freezes_members_candidates_and_rule_and_writes_no_nomination(
    final_round, heads, wards
):
    vote = _open(final_round, heads[0], heads)
    assert (vote.state, vote.head_unit, vote.deadline, vote.quorum_ballots) == (
        ClusterVoteState.OPEN,
        wards[0],
        DEADLINE,
        2,
    )
    assert sorted(vote.members.values_list("user_id", flat=True)) == [h.pk for h in heads]
    assert _candidates(vote) == [
        ("P1", AwardCode.CO_TINH, 1, Decimal("100.00"), None, None, None),
        ("P2", AwardCode.BANG_KHEN_TINH, 2, Decimal("98.00"), None, None, None),
        ("P3", AwardCode.BANG_KHEN_TINH, 3, Decimal("90.00"), None, None, None),
    ]
    assert Nomination.objects.count() == 0
    assert ClusterVoteTally.objects.filter(candidate__vote=vote).count() == 6


def test_candidates_stay_frozen_when_the_ranking_changes_while_open(final_round, heads):
    vote = _open(final_round, heads[0], heads)
    before = _candidates(vote)
    # The third ward's final total is corrected above the others after the vote opened.
    ScoreSheet.objects.filter(round=final_round, unit__code="P3").update(total=Decimal("120"))
    assert [row.unit.code for row in ranking(final_round)][:1] == ["P3"]
    assert _candidates(vote) == before
    # A ballot must answer exactly the frozen candidates, no more, no fewer.
    candidates = list(vote.candidates.all())
    with pytest.raises(AwardsError, match=r"^Chọn Đồng ý hoặc Không đồng ý cho từng đơn vị\.$"):
        cast_cluster_ballot(
            vote=vote,
            member=heads[1],
            choices={candidate.pk: BallotChoice.YES for candidate in candidates[:2]},
        )
    assert ClusterBallot.objects.count() == 0
    # The proposal carries the ranking the members voted on, not the corrected one.
    for head in heads:
        _cast(vote, head, {"P1"})
    proposal = close_cluster_vote(vote=vote, user=heads[0])
    assert proposal.summary.splitlines()[1:4] == [
        "1. Phường 1 – 100,00 điểm – Xuất sắc",
        "2. Phường 2 – 98,00 điểm – Xuất sắc",
        "3. Phường 3 – 90,00 điểm – Xuất sắc",
    ]


def test_second_vote_for_the_same_round_is_refused(final_round, heads, staff):
    first = _open(final_round, heads[0], heads)
    opened = timezone.localdate(first.opened_at).strftime("%d/%m/%Y")
    with pytest.raises(AwardsError) as refused:
        _open(final_round, staff, heads)
    assert str(refused.value) == (
        f"Đợt chấm điểm này đã có cuộc bỏ phiếu kín của cụm (mở ngày {opened}); "
        "mỗi đợt chỉ bỏ phiếu một lần."
    )
    assert list(ClusterVote.objects.values_list("pk", flat=True)) == [first.pk]
    assert ClusterVoteCandidate.objects.count() == 3


def test_second_vote_refused_after_the_first_closed(final_round, heads):
    vote = _open(final_round, heads[0], heads)
    for head in heads:
        _cast(vote, head, {"P1"})
    close_cluster_vote(vote=vote, user=heads[0])
    with pytest.raises(AwardsError, match="mỗi đợt chỉ bỏ phiếu một lần"):
        _open(final_round, heads[0], heads)
    assert ClusterVote.objects.count() == 1


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("require_postgres")
def test_five_concurrent_opens_of_one_round_make_one_vote(final_round, heads, staff):
    organisers = [heads[0], staff, heads[0], staff, heads[0]]
    outcomes = run_together(lambda index: _open(final_round, organisers[index], heads), 5)
    votes = [outcome for outcome in outcomes if isinstance(outcome, ClusterVote)]
    refused = [str(o) for o in outcomes if isinstance(o, AwardsError)]
    print(f"concurrent_cluster_vote_opens: tried=5 votes={len(votes)} refused={len(refused)}")
    assert (len(votes), len(refused), ClusterVote.objects.count()) == (1, 4, 1)
    assert all("mỗi đợt chỉ bỏ phiếu một lần" in message for message in refused)
    assert ClusterVoteCandidate.objects.count() == 3


def test_open_refused_with_fewer_than_three_voters(final_round, heads):
    with pytest.raises(AwardsError) as refused:
        _open(final_round, heads[0], heads[:2])
    assert str(refused.value) == "Cần ít nhất 3 thành viên bỏ phiếu để giữ bí mật phiếu."
    assert ClusterVote.objects.count() == 0


def test_open_refused_with_a_past_deadline(final_round, heads):
    with pytest.raises(AwardsError) as refused:
        open_cluster_vote(
            scoring_round=final_round,
            user=heads[0],
            deadline=TODAY - datetime.timedelta(days=1),
            voters=heads,
        )
    assert str(refused.value) == "Hạn bỏ phiếu phải từ hôm nay trở đi."
    assert ClusterVote.objects.count() == 0


def test_open_refused_to_a_clerk_as_voter(final_round, heads, clerks):
    with pytest.raises(AwardsError, match="đại diện các đơn vị thành viên"):
        _open(final_round, heads[0], [*heads[:2], clerks[2]])
    assert ClusterVote.objects.count() == 0


def _missing(missing: int, quorum: int = 2) -> str:
    return (
        f"Chưa thể kết thúc bỏ phiếu: còn thiếu {missing}/3 phiếu, hạn bỏ phiếu "
        f"{DEADLINE.strftime('%d/%m/%Y')}. Bỏ phiếu kết thúc khi mọi thành viên đã bỏ phiếu, "
        f"hoặc sau hạn khi có ít nhất {quorum}/3 phiếu."
    )


def _assert_still_open(vote):
    vote.refresh_from_db()
    assert (vote.state, vote.ballots_cast, vote.proposal_id) == (ClusterVoteState.OPEN, None, None)
    assert list(vote.candidates.values_list("yes_votes", flat=True)) == [None, None, None]
    assert Nomination.objects.count() == 0


def test_close_refused_before_the_deadline_while_a_member_has_not_voted(final_round, heads):
    vote = _open(final_round, heads[0], heads)
    _cast(vote, heads[0], {"P1"})
    _cast(vote, heads[1], {"P1"})
    with pytest.raises(AwardsError) as refused:
        close_cluster_vote(vote=vote, user=heads[0], today=DEADLINE)
    assert str(refused.value) == _missing(1)
    _assert_still_open(vote)


def test_close_refused_after_the_deadline_below_the_quorum(final_round, heads):
    """One ballot of three: its totals would be that member's ballot."""
    vote = _open(final_round, heads[0], heads)
    _cast(vote, heads[1], {"P1"})
    with pytest.raises(AwardsError) as refused:
        close_cluster_vote(vote=vote, user=heads[0], today=AFTER_DEADLINE)
    assert str(refused.value) == _missing(2)
    _assert_still_open(vote)


def test_close_after_the_deadline_with_the_quorum(final_round, heads, wards):
    vote = _open(final_round, heads[0], heads)
    _cast(vote, heads[1], {"P1", "P2"})
    _cast(vote, heads[2], {"P1"})
    proposal = close_cluster_vote(vote=vote, user=heads[0], today=AFTER_DEADLINE)
    vote.refresh_from_db()
    assert (vote.state, vote.ballots_cast, vote.closed_by, vote.proposal) == (
        ClusterVoteState.CLOSED,
        2,
        heads[0],
        proposal,
    )
    # More than half of all three members: 2 yes passes, 1 does not.
    assert _candidates(vote) == [
        ("P1", AwardCode.CO_TINH, 1, Decimal("100.00"), 2, 0, True),
        ("P2", AwardCode.BANG_KHEN_TINH, 2, Decimal("98.00"), 1, 1, False),
        ("P3", AwardCode.BANG_KHEN_TINH, 3, Decimal("90.00"), 0, 2, False),
    ]
    assert [(line.subject_unit, line.award.code) for line in proposal.lines.all()] == [
        (wards[0], AwardCode.CO_TINH)
    ]
    assert "(2/3 thành viên bỏ phiếu)" in proposal.summary


def test_close_before_the_deadline_once_every_member_voted(final_round, heads):
    vote = _open(final_round, heads[0], heads)
    for head in heads:
        _cast(vote, head, {"P1", "P3"})
    proposal = close_cluster_vote(vote=vote, user=heads[0], today=TODAY)
    assert sorted(proposal.lines.values_list("subject_unit__code", flat=True)) == ["P1", "P3"]
    with pytest.raises(AwardsError, match=r"^Bỏ phiếu của cụm đã kết thúc\.$"):
        close_cluster_vote(vote=vote, user=heads[0])
    with pytest.raises(AwardsError, match=r"^Bỏ phiếu của cụm đã kết thúc\.$"):
        _cast(vote, heads[0], {"P2"})
    assert Nomination.objects.count() == 1


def test_close_refused_to_a_member_who_does_not_organise(final_round, heads):
    vote = _open(final_round, heads[0], heads)
    for head in heads:
        _cast(vote, head, {"P1"})
    with pytest.raises(NotPermitted, match="Chỉ cụm trưởng hoặc cán bộ thi đua"):
        close_cluster_vote(vote=vote, user=heads[1])
    _assert_still_open_with_ballots(vote, 3)


def _assert_still_open_with_ballots(vote, ballots):
    vote.refresh_from_db()
    assert (vote.state, vote.ballots.count(), Nomination.objects.count()) == ("open", ballots, 0)


def test_ballot_bad_input_writes_nothing(final_round, heads, staff):
    vote = _open(final_round, heads[0], heads)
    ids = list(vote.candidates.values_list("pk", flat=True))
    for choices in (
        {},
        dict.fromkeys(ids, "maybe"),
        {**dict.fromkeys(ids, BallotChoice.YES), 999999: BallotChoice.YES},
    ):
        with pytest.raises(AwardsError, match=r"^Chọn Đồng ý hoặc Không đồng ý cho từng đơn vị\.$"):
            cast_cluster_ballot(vote=vote, member=heads[1], choices=choices)
    with pytest.raises(AwardsError, match=r"^Bạn không phải thành viên bỏ phiếu của cụm\.$"):
        cast_cluster_ballot(vote=vote, member=staff, choices=dict.fromkeys(ids, BallotChoice.YES))
    assert ClusterBallot.objects.count() == 0
    assert sum(ClusterVoteTally.objects.values_list("count", flat=True)) == 0


def test_results_are_withheld_while_open_and_totals_only_once_closed(final_round, heads):
    vote = _open(final_round, heads[0], heads)
    for head in heads:
        _cast(vote, head, {"P1"})
    assert vote_results(vote) is None
    assert closed_vote_counts(final_round) == {}
    close_cluster_vote(vote=vote, user=heads[0])
    vote.refresh_from_db()
    assert [(c.unit.code, c.yes_votes, c.no_votes) for c in vote_results(vote)] == [
        ("P1", 3, 0),
        ("P2", 0, 3),
        ("P3", 0, 3),
    ]
    # What a ballot stores says who voted, never how.
    assert {f.name for f in ClusterBallot._meta.get_fields()} == {"id", "vote", "member"}
    assert {f.name for f in ClusterVoteTally._meta.get_fields()} == {
        "id",
        "candidate",
        "choice",
        "count",
    }


@pytest.mark.parametrize(
    ("quorum", "members", "needed"),
    [("2/3", 3, 2), ("2/3", 4, 3), ("2/3", 9, 6), ("3/4", 4, 3), ("1/10", 3, 2), ("1", 5, 5)],
)
def test_quorum_ballots_follow_the_setting_and_never_fall_below_two(
    settings, quorum, members, needed
):
    settings.CLUSTER_VOTE_QUORUM = quorum
    assert quorum_ballots(members) == needed


def test_quorum_setting_is_frozen_when_the_vote_opens(settings, final_round, heads):
    settings.CLUSTER_VOTE_QUORUM = "1"
    vote = _open(final_round, heads[0], heads)
    settings.CLUSTER_VOTE_QUORUM = "2/3"
    _cast(vote, heads[0], {"P1"})
    _cast(vote, heads[1], {"P1"})
    with pytest.raises(AwardsError, match="hoặc sau hạn khi có ít nhất 3/3 phiếu"):
        close_cluster_vote(vote=vote, user=heads[0], today=AFTER_DEADLINE)


# One count for the council and the cluster.


def test_count_votes_counts_once_and_judges_by_each_rule():
    counters = [(1, "yes", 2), (1, "no", 1), (2, "yes", 1), (2, "no", 2)]
    majority = VoteRule(threshold=Decimal("0.5"), of_all_members=True, inclusive=False)
    ninety = VoteRule(threshold=Decimal("0.9"), of_all_members=True, inclusive=True)
    by_majority = count_votes(
        counters=counters,
        rules={1: majority, 2: majority, 3: majority},
        members_total=3,
        members_present=3,
    )
    by_ninety = count_votes(
        counters=counters,
        rules={1: ninety, 2: ninety, 3: ninety},
        members_total=3,
        members_present=3,
    )
    assert {k: (c.yes, c.no, c.approved) for k, c in by_majority.items()} == {
        1: (2, 1, True),
        2: (1, 2, False),
        3: (0, 0, False),
    }
    assert {k: (c.yes, c.no, c.approved) for k, c in by_ninety.items()} == {
        1: (2, 1, False),
        2: (1, 2, False),
        3: (0, 0, False),
    }
    assert (by_majority[1].yes_of_total, by_majority[1].yes_of_present) == (
        Decimal("0.6667"),
        Decimal("0.6667"),
    )


def test_council_and_cluster_results_come_from_the_same_count(
    monkeypatch, final_round, heads, staff, nomination, unit, award
):
    """The same ballots (three members: two yes, one no) through the council's close and the
    cluster's close: both call `tally.count_votes`, and both store the same counts."""
    calls = []
    real = tally.count_votes

    def spy(**kwargs):
        result = real(**kwargs)
        calls.append((kwargs["members_total"], sorted((c.yes, c.no) for c in result.values())))
        return result

    monkeypatch.setattr(tally, "count_votes", spy)
    session, members = council(staff, unit, 3)
    line = on_agenda(nomination, session, "ldtt", award)
    council_vote(nomination, members, yes=2)
    close_session(session=session, user=staff)
    vote = _open(final_round, heads[0], heads)
    _cast(vote, heads[0], {"P1", "P2", "P3"})
    _cast(vote, heads[1], {"P1", "P2", "P3"})
    _cast(vote, heads[2])
    close_cluster_vote(vote=vote, user=heads[0])
    assert calls == [(3, [(2, 1)]), (3, [(2, 1), (2, 1), (2, 1)])]
    line.refresh_from_db()
    assert (line.yes_votes, line.members_total) == (2, 3)
    assert sorted(vote.candidates.values_list("yes_votes", "no_votes")) == [(2, 1)] * 3


# The ranking's last tie-break (DOMAIN §7.4) reads the closed vote.


@pytest.fixture
def tied_round(table, targets, year_end, wards, heads, staff):
    """Wards 1 and 2: 100 each with the same first-group score; ward 3: 90 — all final."""
    return finalise_year_end(table, year_end, wards, heads, staff, second_manual="10")


def _ranked(scoring_round):
    return [
        (row.unit.code, row.rank, row.votes, row.decided_by, row.leader)
        for row in ranking(scoring_round)
    ]


def test_closed_vote_breaks_the_ranking_tie(tied_round, heads, authority, table):
    assert _ranked(tied_round) == [
        ("P1", 1, 0, "", True),
        ("P2", 1, 0, "", True),
        ("P3", 3, 0, "", False),
    ]
    vote = _open(tied_round, heads[0], heads)
    _cast(vote, heads[0], {"P2"})
    _cast(vote, heads[1], {"P1", "P2"})
    _cast(vote, heads[2], {"P2"})
    # Open: the ballots are not read, the tie stands.
    assert _ranked(tied_round)[:2] == [("P1", 1, 0, "", True), ("P2", 1, 0, "", True)]
    close_cluster_vote(vote=vote, user=heads[0])
    assert _ranked(tied_round) == [
        ("P2", 1, 3, "votes", True),
        ("P1", 2, 1, "votes", False),
        ("P3", 3, 0, "", False),
    ]
    (result,) = cluster_results(authority, table.cluster.year)
    assert [row.unit.code for row in result.leaders] == ["P2"]
