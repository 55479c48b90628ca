"""Fixtures of the awards tests: a ward with a unit, its people and their 2025 records."""

import datetime

import pytest

from awards.decisions.services import draft_decision, sign_decision
from awards.enums import NominationState
from awards.models import Award, Nomination
from awards.nominations.services import add_nominee
from emulation.enums import Role
from tests.awards.factories import NominationFactory, PersonYearFactory
from tests.factories import EmploymentFactory, PersonFactory, UserFactory


@pytest.fixture
def award():
    def get(code: str) -> Award:
        return Award.objects.get(code=code)

    return get


@pytest.fixture
def staff(unit):
    return UserFactory(role=Role.AUTHORITY_STAFF, unit=unit, username="canbo_thidua")


@pytest.fixture
def chair(unit):
    return UserFactory(role=Role.CHAIRPERSON, unit=unit, username="chu_tich")


@pytest.fixture
def head(other_unit):
    return UserFactory(role=Role.UNIT_HEAD, unit=other_unit, username="thu_truong")


def person_working_in(unit, name: str = "Lê Văn Tám", **record):
    """A person working in `unit`, with a 2025 record."""
    person = PersonFactory(authority=unit.authority, full_name=name)
    EmploymentFactory(person=person, unit=unit)
    PersonYearFactory(person=person, unit=unit, **record)
    return person


@pytest.fixture
def make_person(other_unit):
    """A person working in the nominating unit, with a 2025 record."""

    def make(name: str = "Lê Văn Tám", **record):
        return person_working_in(other_unit, name, **record)

    return make


@pytest.fixture
def nomination(other_unit, head, make_person, award):
    """A draft nomination of one LĐTT who meets the rules."""
    nomination = NominationFactory(unit=other_unit, created_by=head)
    add_nominee(
        nomination=nomination,
        user=head,
        award=award("ldtt"),
        subject_kind="individual",
        person=make_person(),
    )
    return nomination


def in_state(nomination: Nomination, state: NominationState, **changes) -> Nomination:
    """Test set-up only: put a nomination in a state without the workflow."""
    Nomination.objects.filter(pk=nomination.pk).update(state=state, **changes)
    nomination.refresh_from_db()
    return nomination


NOTICE_DAY = datetime.date(2026, 1, 5)


@pytest.fixture
def signed_decision(nomination, staff, chair):
    """The awards tests' draft nomination, approved, decided and signed."""
    nomination = in_state(nomination, "approved", verdict="eligible")
    nomination.lines.update(approved=True)
    decision = draft_decision(
        user=staff, year=2025, title="Công nhận Lao động tiên tiến", lines=nomination.lines.all()
    )
    return sign_decision(decision=decision, user=chair, day=datetime.date(2026, 1, 5))
