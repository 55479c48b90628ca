"""Concurrency on PostgreSQL (RELIABILITY R-e, R8): ten people acting on the same nomination
at once make exactly one transition; ten chairpersons' signings take consecutive decision
numbers with no gap and no repeat (E-15)."""

import datetime
import threading

import pytest
from django.db import connection

from awards.council.services import cast_ballot, close_session, create_session, set_attendance
from awards.decisions.services import draft_decision, sign_decision
from awards.enums import NominationState
from awards.errors import AwardsError
from awards.models import Decision, DecisionRegister, Nomination, NominationEvent, VoteTally
from awards.nominations.services import appraise_nomination, return_nomination, submit_nomination
from emulation.enums import Role
from tests.awards.factories import NominationFactory, NominationLineFactory
from tests.factories import UserFactory

THREADS = 10


def run_together(work, count: int = THREADS) -> list:
    """Run `work(index)` in `count` threads released at the same moment; return each outcome
    (the value, or the exception raised)."""
    barrier = threading.Barrier(count)
    outcomes: list = [None] * count

    def target(index: int) -> None:
        try:
            barrier.wait()
            outcomes[index] = work(index)
        except Exception as exc:  # noqa: BLE001 (the test inspects every outcome)
            outcomes[index] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=target, args=(index,)) for index in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("require_postgres")
def test_ten_concurrent_decisions_on_one_nomination_make_one_transition(nomination, staff, head):
    submit_nomination(nomination=nomination, user=head)

    # Everyone opened the page before anyone acted: they all hold the same version.
    copies = [Nomination.objects.get(pk=nomination.pk) for _ in range(THREADS)]

    def act(index: int):
        mine = copies[index]
        if index % 2:
            return return_nomination(nomination=mine, user=staff, reason=f"Trả lại lần {index}")
        return appraise_nomination(nomination=mine, user=staff)

    outcomes = run_together(act)
    winners = [outcome for outcome in outcomes if isinstance(outcome, Nomination)]
    losers = [outcome for outcome in outcomes if isinstance(outcome, AwardsError)]
    nomination.refresh_from_db()
    events = NominationEvent.objects.filter(nomination=nomination).exclude(
        to_state=NominationState.SUBMITTED
    )
    print(
        f"concurrent_decisions: tried={THREADS} transitions={events.count()} "
        f"refused={len(losers)} version={nomination.version}"
    )
    assert (len(winners), len(losers), events.count(), nomination.version) == (1, 9, 1, 2)
    assert nomination.state == events.get().to_state == winners[0].state


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("require_postgres")
def test_concurrent_signings_take_numbers_without_gap_or_repeat(staff, chair, other_unit, award):
    decisions = []
    for index in range(THREADS):
        nomination = NominationFactory(unit=other_unit, state=NominationState.APPROVED)
        line = NominationLineFactory(
            nomination=nomination,
            award=award("giay_khen"),
            subject_kind="household",
            household_name=f"Hộ gia đình số {index}",
            approved=True,
        )
        decisions.append(
            draft_decision(user=staff, year=2025, title="Tặng Giấy khen", lines=[line])
        )

    def sign(index: int):
        return sign_decision(decision=decisions[index], user=chair, day=datetime.date(2026, 1, 20))

    outcomes = run_together(sign)
    numbers = sorted(Decision.objects.values_list("number", flat=True))
    print(f"concurrent_signings: tried={THREADS} numbers={numbers}")
    assert [type(outcome).__name__ for outcome in outcomes] == ["Decision"] * THREADS
    assert numbers == list(range(1, THREADS + 1))
    assert DecisionRegister.objects.get().last_number == THREADS


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("require_postgres")
def test_ten_members_voting_at_once_are_all_counted(nomination, staff, unit):
    members = [UserFactory(role=Role.COUNCIL_MEMBER, unit=unit) for _ in range(THREADS)]
    session = create_session(
        user=staff, title="Phiên họp", held_on=datetime.date(2026, 1, 8), members=members
    )
    Nomination.objects.filter(pk=nomination.pk).update(
        state=NominationState.IN_COUNCIL, council_session=session
    )
    nomination.refresh_from_db()
    line = nomination.lines.get()

    def vote(index: int):
        choice = "yes" if index < 7 else "no"
        return cast_ballot(nomination=nomination, member=members[index], choices={line.pk: choice})

    outcomes = run_together(vote)
    assert [type(outcome).__name__ for outcome in outcomes] == ["BallotCast"] * THREADS
    assert sorted(VoteTally.objects.values_list("choice", "count")) == [("no", 3), ("yes", 7)]


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("require_postgres")
def test_ten_concurrent_tallies_approve_the_nomination_once(nomination, staff, unit):
    """Ten clicks on “Kiểm phiếu và kết thúc” at once: one tally, one approval."""
    member = UserFactory(role=Role.COUNCIL_MEMBER, unit=unit)
    session = create_session(
        user=staff, title="Phiên họp", held_on=datetime.date(2026, 1, 8), members=[member]
    )
    set_attendance(session=session, member=member, present=True)
    Nomination.objects.filter(pk=nomination.pk).update(
        state=NominationState.IN_COUNCIL, council_session=session, verdict="eligible"
    )
    nomination.refresh_from_db()
    line = nomination.lines.get()
    cast_ballot(nomination=nomination, member=member, choices={line.pk: "yes"})

    outcomes = run_together(lambda _index: close_session(session=session, user=staff))

    closed = [outcome for outcome in outcomes if not isinstance(outcome, Exception)]
    refused = [outcome for outcome in outcomes if isinstance(outcome, AwardsError)]
    approvals = NominationEvent.objects.filter(
        nomination=nomination, to_state=NominationState.APPROVED
    )
    nomination.refresh_from_db()
    print(
        f"concurrent_tallies: tried={THREADS} closed={len(closed)} refused={len(refused)} "
        f"approvals={approvals.count()}"
    )
    assert (len(closed), len(refused), approvals.count()) == (1, THREADS - 1, 1)
    assert nomination.state == NominationState.APPROVED
    assert str(refused[0]) == "Phiên họp đã kết thúc bỏ phiếu."
