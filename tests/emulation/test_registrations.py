"""The year's registration (đăng ký thi đua): staff open it and follow it; a unit's head or
clerk registers the unit and its people; only the head submits; after submission the unit
cannot change it until staff return it."""

import datetime

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone

from config.permissions import NotPermitted
from config.workflow import TransitionRefused
from emulation.enums import Role
from emulation.models.movements import Registration, RegistrationLine, RegistrationRound
from emulation.movements.enums import RegistrationState
from emulation.movements.services import (
    MovementError,
    add_registration_line,
    registration_of,
    return_registration,
    save_round,
    set_registration_state,
    submit_registration,
)
from tests.factories import EmploymentFactory, PersonFactory, UnitFactory, UserFactory

YEAR = timezone.localdate().year


@pytest.fixture
def staff(unit):
    return UserFactory(role=Role.AUTHORITY_STAFF, unit=unit)


@pytest.fixture
def round_(staff):
    return save_round(
        user=staff, year=YEAR, deadline=datetime.date(YEAR, 12, 31), requires_registration=True
    )


@pytest.fixture
def head(other_unit):
    return UserFactory(role=Role.UNIT_HEAD, unit=other_unit)


@pytest.fixture
def clerk(other_unit):
    return UserFactory(role=Role.UNIT_CLERK, unit=other_unit)


@pytest.fixture
def person(other_unit):
    person = PersonFactory(authority=other_unit.authority, full_name="Nguyễn Thị Hoa")
    EmploymentFactory(person=person, unit=other_unit)
    return person


def _page(year, unit):
    return reverse("movements:registration_unit", args=[year, unit.pk])


def _messages(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def test_clerk_registers_a_person_and_the_unit(client, round_, clerk, other_unit, person):
    client.force_login(clerk)
    client.post(_page(YEAR, other_unit), {"title_code": "ldtt", "person": person.pk})
    client.post(_page(YEAR, other_unit), {"title_code": "ttldtt", "person": ""})
    lines = RegistrationLine.objects.order_by("title_code")
    assert [(line.title_code, line.person_id) for line in lines] == [
        ("ldtt", person.pk),
        ("ttldtt", None),
    ]
    page = client.get(_page(YEAR, other_unit)).content.decode()
    assert "Lao động tiên tiến" in page and "Nguyễn Thị Hoa" in page


@pytest.mark.parametrize(
    ("title_code", "with_person", "message"),
    [
        ("ttldtt", True, "“Tập thể lao động tiên tiến” không tặng cho cá nhân."),
        ("ldtt", False, "“Lao động tiên tiến” không tặng cho tập thể."),
        ("giay_khen", True, "Danh hiệu không có trong danh mục."),
    ],
)
def test_bad_registration_line_is_refused(
    round_, clerk, other_unit, person, title_code, with_person, message
):
    registration = registration_of(round_=round_, unit=other_unit)
    with pytest.raises(MovementError) as refused:
        add_registration_line(
            registration=registration,
            user=clerk,
            title_code=title_code,
            person=person if with_person else None,
        )
    assert (str(refused.value), registration.lines.count()) == (message, 0)


def test_person_of_another_unit_cannot_be_registered(round_, clerk, other_unit, unit):
    stranger = PersonFactory(authority=unit.authority)
    EmploymentFactory(person=stranger, unit=unit)
    registration = registration_of(round_=round_, unit=other_unit)
    with pytest.raises(MovementError, match=r"Cá nhân đăng ký phải công tác tại đơn vị\."):
        add_registration_line(
            registration=registration, user=clerk, title_code="ldtt", person=stranger
        )


def test_same_title_twice_is_refused(round_, clerk, other_unit, person):
    registration = registration_of(round_=round_, unit=other_unit)
    add_registration_line(registration=registration, user=clerk, title_code="ldtt", person=person)
    with pytest.raises(MovementError, match=r"Danh hiệu này đã được đăng ký\."):
        add_registration_line(
            registration=registration, user=clerk, title_code="ldtt", person=person
        )


def test_head_submits_draft_to_submitted(client, round_, head, other_unit, person):
    registration = registration_of(round_=round_, unit=other_unit)
    add_registration_line(registration=registration, user=head, title_code="ldtt", person=person)
    client.force_login(head)
    response = client.post(reverse("movements:registration_submit", args=[YEAR, other_unit.pk]))
    registration.refresh_from_db()
    assert _messages(response) == ["Đã gửi bản đăng ký thi đua."]
    assert (registration.state, registration.submitted_by) == (RegistrationState.SUBMITTED, head)


def test_clerk_cannot_submit(client, round_, clerk, other_unit, person):
    registration = registration_of(round_=round_, unit=other_unit)
    add_registration_line(registration=registration, user=clerk, title_code="ldtt", person=person)
    client.force_login(clerk)
    response = client.post(reverse("movements:registration_submit", args=[YEAR, other_unit.pk]))
    registration.refresh_from_db()
    assert (response.status_code, registration.state) == (403, RegistrationState.DRAFT)


def test_empty_registration_cannot_be_submitted(round_, head, other_unit):
    registration = registration_of(round_=round_, unit=other_unit)
    with pytest.raises(MovementError, match=r"Bản đăng ký chưa có danh hiệu nào\."):
        submit_registration(registration=registration, user=head)
    registration.refresh_from_db()
    assert registration.state == RegistrationState.DRAFT


def test_submission_after_the_deadline_is_refused(staff, head, other_unit, person):
    past = save_round(
        user=staff,
        year=YEAR - 1,
        deadline=datetime.date(YEAR - 1, 3, 31),
        requires_registration=False,
    )
    registration = registration_of(round_=past, unit=other_unit)
    add_registration_line(registration=registration, user=head, title_code="ldtt", person=person)
    with pytest.raises(MovementError, match=r"Đã quá hạn đăng ký \(31/03/"):
        submit_registration(registration=registration, user=head)


def test_unit_cannot_edit_after_submission(client, round_, head, clerk, other_unit, person):
    registration = registration_of(round_=round_, unit=other_unit)
    line = add_registration_line(
        registration=registration, user=head, title_code="ldtt", person=person
    )
    submit_registration(registration=registration, user=head)
    for user in (head, clerk):
        client.force_login(user)
        added = client.post(_page(YEAR, other_unit), {"title_code": "cstdcs", "person": person.pk})
        removed = client.post(reverse("movements:registration_line_delete", args=[line.pk]))
        assert (added.status_code, removed.status_code) == (403, 403)
    with pytest.raises(MovementError, match=r"Bản đăng ký đã gửi, không sửa được\."):
        add_registration_line(
            registration=registration, user=head, title_code="cstdcs", person=person
        )
    assert list(registration.lines.values_list("title_code", flat=True)) == ["ldtt"]


def test_staff_return_reopens_the_registration(round_, staff, head, other_unit, person):
    registration = registration_of(round_=round_, unit=other_unit)
    add_registration_line(registration=registration, user=head, title_code="ldtt", person=person)
    submit_registration(registration=registration, user=head)
    return_registration(registration=registration, user=staff)
    registration.refresh_from_db()
    assert (registration.state, registration.submitted_at) == (RegistrationState.DRAFT, None)


def test_unit_head_cannot_return(round_, head, other_unit):
    registration = registration_of(round_=round_, unit=other_unit)
    set_registration_state(registration, RegistrationState.SUBMITTED, by=head)
    with pytest.raises(NotPermitted, match="Bạn không có quyền thực hiện thao tác này"):
        return_registration(registration=registration, user=head)
    assert Registration.objects.get().state == RegistrationState.SUBMITTED


def test_another_units_registration_is_not_found(client, round_, unit, other_unit):
    client.force_login(UserFactory(role=Role.UNIT_HEAD, unit=unit))
    assert client.get(_page(YEAR, other_unit)).status_code == 404


def test_registration_pages_send_anonymous_visitors_to_sign_in(client, round_, other_unit):
    for url in (reverse("movements:registration_overview"), _page(YEAR, other_unit)):
        response = client.get(url)
        assert response["Location"].split("?")[0] == reverse("login")


@pytest.mark.parametrize("role", [Role.UNIT_HEAD, Role.UNIT_CLERK, Role.COUNCIL_MEMBER])
def test_only_staff_open_the_overview(client, round_, unit, role):
    client.force_login(UserFactory(role=role, unit=unit))
    response = client.post(
        reverse("movements:registration_overview"),
        {"year": YEAR, "deadline": f"01/02/{YEAR}", "requires_registration": ""},
    )
    round_.refresh_from_db()
    assert (response.status_code, round_.requires_registration) == (403, True)


def test_staff_overview_shows_who_has_and_has_not_registered(
    client, round_, staff, head, unit, other_unit, person
):
    registration = registration_of(round_=round_, unit=other_unit)
    add_registration_line(registration=registration, user=head, title_code="ldtt", person=person)
    submit_registration(registration=registration, user=head)
    client.force_login(staff)
    response = client.get(reverse("movements:registration_overview") + f"?nam={YEAR}")
    rows = {row["unit"].pk: row["registration"] for row in response.context["rows"]}
    assert rows[unit.pk] is None
    assert (rows[other_unit.pk].state, rows[other_unit.pk].line_count) == ("submitted", 1)
    assert response.context["registered_count"] == 1


def test_staff_sets_the_requirement_and_deadline(client, staff):
    client.force_login(staff)
    client.post(
        reverse("movements:registration_overview"),
        {"year": YEAR, "deadline": f"15/02/{YEAR}", "requires_registration": "on"},
    )
    saved = RegistrationRound.objects.get()
    assert (saved.year, saved.deadline, saved.requires_registration) == (
        YEAR,
        datetime.date(YEAR, 2, 15),
        True,
    )


def test_deadline_outside_the_year_is_refused(client, staff):
    client.force_login(staff)
    response = client.post(
        reverse("movements:registration_overview"),
        {"year": YEAR, "deadline": f"15/02/{YEAR + 1}"},
    )
    assert response.context["form"].errors["deadline"] == [
        "Hạn đăng ký phải nằm trong năm đăng ký."
    ]
    assert RegistrationRound.objects.count() == 0


def test_round_of_another_authority_is_not_found(client, round_, other_authority):
    foreign = UnitFactory(authority=other_authority)
    client.force_login(UserFactory(role=Role.UNIT_HEAD, unit=foreign))
    assert client.get(_page(YEAR, foreign)).status_code == 404


def test_submit_from_a_stale_copy_is_a_conflict_and_changes_nothing(
    round_, staff, head, other_unit, person
):
    registration = registration_of(round_=round_, unit=other_unit)
    add_registration_line(registration=registration, user=head, title_code="ldtt", person=person)
    stale = Registration.objects.get(pk=registration.pk)
    submit_registration(registration=registration, user=head)
    return_registration(registration=registration, user=staff)
    submit_registration(registration=registration, user=head)

    with pytest.raises(
        TransitionRefused,
        match=r"^Bản đăng ký vừa được người khác thay đổi\. Vui lòng tải lại trang\.$",
    ) as refused:
        set_registration_state(stale, RegistrationState.SUBMITTED, by=head)

    assert refused.value.conflict
    saved = Registration.objects.get(pk=registration.pk)
    assert (saved.state, saved.submitted_by) == (RegistrationState.SUBMITTED, head)


def test_a_move_the_rule_refuses_leaves_the_registration_unchanged(round_, clerk, other_unit):
    registration = registration_of(round_=round_, unit=other_unit)

    with pytest.raises(TransitionRefused, match=r"^Bạn không có quyền thực hiện thao tác này\.$"):
        set_registration_state(registration, RegistrationState.SUBMITTED, by=clerk, check=True)

    saved = Registration.objects.get(pk=registration.pk)
    assert (saved.state, saved.submitted_by, saved.submitted_at) == (
        RegistrationState.DRAFT,
        None,
        None,
    )


def test_unit_page_shows_the_moves_each_user_may_make(
    client, round_, staff, head, clerk, other_unit, person
):
    registration = registration_of(round_=round_, unit=other_unit)
    add_registration_line(registration=registration, user=head, title_code="ldtt", person=person)
    submit_url = reverse("movements:registration_submit", args=[YEAR, other_unit.pk])
    return_url = reverse("movements:registration_return", args=[YEAR, other_unit.pk])

    def buttons(user) -> tuple[bool, bool]:
        client.force_login(user)
        page = client.get(_page(YEAR, other_unit)).content.decode()
        return (f'action="{submit_url}"' in page, f'action="{return_url}"' in page)

    assert (buttons(head), buttons(clerk), buttons(staff)) == (
        (True, False),
        (False, False),
        (False, False),
    )
    submit_registration(registration=registration, user=head)
    assert (buttons(head), buttons(staff)) == ((False, False), (False, True))


def test_unit_page_sets_the_moves_apart_in_one_row_only_when_there_is_a_move(
    client, round_, head, clerk, other_unit, person
):
    registration = registration_of(round_=round_, unit=other_unit)
    add_registration_line(registration=registration, user=head, title_code="ldtt", person=person)
    submit_url = reverse("movements:registration_submit", args=[YEAR, other_unit.pk])
    submit_action = f'action="{submit_url}"'
    row = '<div class="action-row">'

    client.force_login(head)
    head_page = client.get(_page(YEAR, other_unit)).content.decode()
    client.force_login(clerk)
    clerk_page = client.get(_page(YEAR, other_unit)).content.decode()

    assert head_page.index(row) < head_page.index(submit_action)
    assert row not in clerk_page
