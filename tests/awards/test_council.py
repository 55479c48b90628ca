"""The council's secret ballot: no voter–choice link, one ballot per member, recusal,
thresholds against all members for high awards, quorum, yes/total and yes/present."""

import datetime
from decimal import Decimal

import pytest

from awards.council.services import cast_ballot, close_session, create_session, set_attendance
from awards.enums import NominationState, SessionState
from awards.errors import AwardsError
from awards.models import BallotCast, CouncilSession, NominationLine, VoteTally
from config.permissions import NotPermitted
from config.workflow import available_actions
from emulation.enums import Role
from tests.awards.conftest import in_state
from tests.factories import UserFactory

HELD_ON = datetime.date(2026, 1, 15)


def council(staff, unit, size: int) -> tuple[CouncilSession, list]:
    members = [UserFactory(role=Role.COUNCIL_MEMBER, unit=unit) for _ in range(size)]
    session = create_session(
        user=staff, title="Phiên họp Hội đồng năm 2025", held_on=HELD_ON, members=members
    )
    return session, members


def on_agenda(nomination, session, code: str, award) -> NominationLine:
    """Put the nomination in council with one nominee for award `code`."""
    line = nomination.lines.get()
    if code != line.award.code:
        line.award = award(code)
        line.save(update_fields=["award"])
    in_state(nomination, NominationState.IN_COUNCIL, council_session=session, verdict="eligible")
    return line


def vote(nomination, members, yes: int) -> None:
    line = nomination.lines.get()
    for index, member in enumerate(members):
        cast_ballot(
            nomination=nomination, member=member, choices={line.pk: "yes" if index < yes else "no"}
        )


@pytest.mark.django_db
def test_ballot_store_has_no_voter_choice_link(nomination, staff, unit, award):
    session, members = council(staff, unit, 3)
    on_agenda(nomination, session, "ldtt", award)
    vote(nomination, members, yes=2)
    cast_fields = {field.name for field in BallotCast._meta.get_fields()}
    tally_fields = {field.name for field in VoteTally._meta.get_fields()}
    assert cast_fields == {"id", "nomination", "session", "member", "written"}
    assert tally_fields == {"id", "line", "choice", "count"}
    assert sorted(VoteTally.objects.values_list("choice", "count")) == [("no", 1), ("yes", 2)]
    assert sorted(BallotCast.objects.values_list("member_id", flat=True)) == sorted(
        m.pk for m in members
    )


@pytest.mark.django_db
def test_member_cannot_vote_twice(nomination, staff, unit, award):
    session, members = council(staff, unit, 3)
    line = on_agenda(nomination, session, "ldtt", award)
    cast_ballot(nomination=nomination, member=members[0], choices={line.pk: "yes"})
    with pytest.raises(AwardsError, match="Bạn đã bỏ phiếu cho hồ sơ này"):
        cast_ballot(nomination=nomination, member=members[0], choices={line.pk: "yes"})
    assert VoteTally.objects.get(line=line, choice="yes").count == 1


@pytest.mark.django_db
def test_member_of_the_nominating_unit_is_recused(nomination, staff, unit, award, other_unit):
    session, _members = council(staff, unit, 3)
    insider = UserFactory(role=Role.COUNCIL_MEMBER, unit=other_unit)
    session.memberships.create(user=insider)
    line = on_agenda(nomination, session, "ldtt", award)
    with pytest.raises(NotPermitted, match="Thành viên thuộc đơn vị đề nghị không bỏ phiếu"):
        cast_ballot(nomination=nomination, member=insider, choices={line.pk: "yes"})
    assert (BallotCast.objects.count(), VoteTally.objects.count()) == (0, 0)


@pytest.mark.django_db
def test_non_member_cannot_vote(nomination, staff, unit, award):
    session, _members = council(staff, unit, 3)
    line = on_agenda(nomination, session, "ldtt", award)
    outsider = UserFactory(role=Role.COUNCIL_MEMBER, unit=unit)
    with pytest.raises(AwardsError, match="Bạn không phải thành viên phiên họp này"):
        cast_ballot(nomination=nomination, member=outsider, choices={line.pk: "yes"})


@pytest.mark.django_db
def test_ballot_needs_a_choice_for_every_nominee(nomination, staff, unit, award):
    session, members = council(staff, unit, 3)
    on_agenda(nomination, session, "ldtt", award)
    with pytest.raises(AwardsError, match="Cần chọn Đồng ý hoặc Không đồng ý"):
        cast_ballot(nomination=nomination, member=members[0], choices={})


@pytest.mark.django_db
def test_high_award_threshold_counts_all_members(nomination, staff, unit, award):
    # 8 of 10 members present, all 8 vote yes: 100 % of those present, 80 % of all < 90 %.
    session, members = council(staff, unit, 10)
    for member in members[8:]:
        set_attendance(session=session, member=member, present=False)
    on_agenda(nomination, session, "cstd_tinh", award)
    vote(nomination, members[:8], yes=8)
    close_session(session=session, user=staff)
    line = nomination.lines.get()
    nomination.refresh_from_db()
    assert (line.approved, line.yes_votes, line.members_total, line.members_present) == (
        False,
        8,
        10,
        8,
    )
    assert (line.yes_of_total, line.yes_of_present) == (Decimal("0.8000"), Decimal("1.0000"))
    assert nomination.state == NominationState.REJECTED


@pytest.mark.django_db
def test_high_award_passes_at_ninety_percent_of_all_members(nomination, staff, unit, award):
    session, members = council(staff, unit, 10)
    on_agenda(nomination, session, "cstd_tinh", award)
    vote(nomination, members, yes=9)
    close_session(session=session, user=staff)
    nomination.refresh_from_db()
    assert (nomination.lines.get().approved, nomination.state) == (True, NominationState.APPROVED)


@pytest.mark.django_db
def test_ward_title_majority_counts_members_present(nomination, staff, unit, award):
    # 7 of 10 present; 4 yes: 4/7 of those present passes although 4/10 of all would not.
    session, members = council(staff, unit, 10)
    for member in members[7:]:
        set_attendance(session=session, member=member, present=False)
    on_agenda(nomination, session, "ldtt", award)
    vote(nomination, members[:7], yes=4)
    close_session(session=session, user=staff)
    line = nomination.lines.get()
    assert (line.approved, line.yes_of_total, line.yes_of_present) == (
        True,
        Decimal("0.4000"),
        Decimal("0.5714"),
    )


@pytest.mark.django_db
def test_absent_members_vote_in_writing(nomination, staff, unit, award):
    session, members = council(staff, unit, 3)
    set_attendance(session=session, member=members[2], present=False)
    line = on_agenda(nomination, session, "ldtt", award)
    cast_ballot(nomination=nomination, member=members[2], choices={line.pk: "yes"})
    assert list(BallotCast.objects.values_list("written", flat=True)) == [True]


@pytest.mark.django_db
def test_session_without_quorum_cannot_close(nomination, staff, unit, award):
    session, members = council(staff, unit, 3)
    for member in members[1:]:
        set_attendance(session=session, member=member, present=False)
    on_agenda(nomination, session, "ldtt", award)
    with pytest.raises(AwardsError, match="Không đủ số thành viên dự họp: 1/3"):
        close_session(session=session, user=staff)
    session.refresh_from_db()
    nomination.refresh_from_db()
    assert (session.state, nomination.state) == (SessionState.OPEN, NominationState.IN_COUNCIL)


@pytest.mark.django_db
def test_closed_session_takes_no_more_ballots(nomination, staff, unit, award):
    session, members = council(staff, unit, 3)
    line = on_agenda(nomination, session, "ldtt", award)
    vote(nomination, members[:2], yes=2)
    close_session(session=session, user=staff)
    in_state(nomination, NominationState.IN_COUNCIL)
    with pytest.raises(AwardsError, match="Phiên họp đã kết thúc bỏ phiếu"):
        cast_ballot(nomination=nomination, member=members[2], choices={line.pk: "no"})


@pytest.mark.django_db
def test_only_staff_may_close_an_open_session_and_closing_is_once(staff, unit):
    session, members = council(staff, unit, 3)
    offered = [list(available_actions(session, user)) for user in (staff, members[0])]
    close_session(session=session, user=staff)
    session.refresh_from_db()
    assert (offered, session.state, list(available_actions(session, staff))) == (
        [["close"], []],
        SessionState.CLOSED,
        [],
    )
    with pytest.raises(AwardsError, match="Phiên họp đã kết thúc bỏ phiếu"):
        close_session(session=session, user=staff)
