"""E-21: where the authority requires registration (đăng ký thi đua) for the year, a title is
considered only for a nominee registered for it in a submitted registration."""

import datetime

import pytest

from awards.eligibility import registration_failures
from awards.nominations.selectors import line_failures
from awards.nominations.services import appraise_nomination, submit_nomination
from emulation.models.movements import RegistrationRound
from emulation.movements.enums import RegistrationState
from emulation.movements.services import (
    add_registration_line,
    registration_of,
    set_registration_state,
)

MESSAGE = (
    "Chưa đăng ký danh hiệu này đầu năm (hoặc bản đăng ký của đơn vị chưa gửi); "
    "cơ quan quy định phải đăng ký thi đua mới được xét."
)


def _round(authority, *, required: bool) -> RegistrationRound:
    return RegistrationRound.objects.create(
        authority=authority,
        year=2025,
        deadline=datetime.date(2025, 3, 31),
        requires_registration=required,
    )


def _rules(nomination) -> list[str]:
    return [failure.rule for failure in line_failures(nomination.lines.get())]


def test_e21_pure_rule():
    assert (registration_failures(None), registration_failures(True)) == ([], [])
    [failure] = registration_failures(False)
    assert (failure.rule, failure.message) == ("E-21", MESSAGE)
    assert "Quy chế thi đua, khen thưởng của cơ quan" in failure.citation


@pytest.mark.django_db
def test_without_a_round_registration_is_not_checked(nomination):
    assert _rules(nomination) == []


@pytest.mark.django_db
def test_requirement_off_ignores_a_missing_registration(nomination):
    _round(nomination.authority, required=False)
    assert _rules(nomination) == []


@pytest.mark.django_db
def test_requirement_on_and_no_registration_fails_e21(nomination):
    _round(nomination.authority, required=True)
    [failure] = line_failures(nomination.lines.get())
    assert failure.as_dict()["rule"] == "E-21"
    assert failure.message == MESSAGE


@pytest.mark.django_db
def test_requirement_on_and_a_draft_registration_still_fails(nomination, head):
    round_ = _round(nomination.authority, required=True)
    line = nomination.lines.get()
    registration = registration_of(round_=round_, unit=nomination.unit)
    add_registration_line(
        registration=registration, user=head, title_code="ldtt", person=line.person
    )
    assert _rules(nomination) == ["E-21"]


@pytest.mark.django_db
def test_requirement_on_and_a_submitted_registration_passes(nomination, head):
    round_ = _round(nomination.authority, required=True)
    line = nomination.lines.get()
    registration = registration_of(round_=round_, unit=nomination.unit)
    add_registration_line(
        registration=registration, user=head, title_code="ldtt", person=line.person
    )
    set_registration_state(registration, RegistrationState.SUBMITTED, by=head)
    assert _rules(nomination) == []


@pytest.mark.django_db
def test_registration_for_another_title_does_not_count(nomination, head):
    round_ = _round(nomination.authority, required=True)
    line = nomination.lines.get()
    registration = registration_of(round_=round_, unit=nomination.unit)
    add_registration_line(
        registration=registration, user=head, title_code="cstdcs", person=line.person
    )
    set_registration_state(registration, RegistrationState.SUBMITTED, by=head)
    assert _rules(nomination) == ["E-21"]


@pytest.mark.django_db
def test_appraisal_stores_e21(nomination, staff, head):
    _round(nomination.authority, required=True)
    submit_nomination(nomination=nomination, user=head)
    appraise_nomination(nomination=nomination, user=staff)
    line = nomination.lines.get()
    assert (line.eligible, [f["rule"] for f in line.failures]) == (False, ["E-21"])
