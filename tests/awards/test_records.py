"""Entering a unit's year records in the browser: scope, rights, checks before writing."""

import pytest
from django.urls import reverse

from awards.models import PersonYear, UnitYear
from emulation.enums import Role
from tests.awards.factories import PersonYearFactory
from tests.factories import EmploymentFactory, PersonFactory, UnitFactory, UserFactory


@pytest.fixture
def staff_of(other_unit):
    people = []
    for name in ("Hồ Xuân Hương", "Nguyễn Trãi"):
        person = PersonFactory(authority=other_unit.authority, full_name=name)
        EmploymentFactory(person=person, unit=other_unit)
        people.append(person)
    return people


def url(unit, year=2025) -> str:
    return reverse("awards:records", args=[unit.pk, year])


@pytest.mark.django_db
def test_clerk_records_ratings_and_months(client, other_unit, staff_of):
    client.force_login(UserFactory(role=Role.UNIT_CLERK, unit=other_unit))
    first, second = staff_of
    response = client.post(
        url(other_unit),
        {
            "unit_rating": "excellent",
            f"rating_{first.pk}": "good",
            f"months_{first.pk}": "12",
            f"rating_{second.pk}": "completed",
            f"months_{second.pk}": "9",
        },
    )
    rows = list(
        PersonYear.objects.order_by("person__full_name").values_list(
            "person__full_name", "duty_rating", "months_worked"
        )
    )
    assert (response.status_code, UnitYear.objects.get().duty_rating) == (302, "excellent")
    assert rows == [("Hồ Xuân Hương", "good", 12), ("Nguyễn Trãi", "completed", 9)]
    page = client.get(url(other_unit)).content.decode()
    assert 'value="9"' in page


@pytest.mark.django_db
def test_bad_months_write_nothing(client, other_unit, staff_of):
    client.force_login(UserFactory(role=Role.UNIT_HEAD, unit=other_unit))
    first, second = staff_of
    response = client.post(
        url(other_unit),
        {
            f"rating_{first.pk}": "good",
            f"months_{first.pk}": "12",
            f"rating_{second.pk}": "good",
            f"months_{second.pk}": "13",
        },
    )
    assert "Nguyễn Trãi: số tháng công tác phải từ 0 đến 12." in response.content.decode()
    assert PersonYear.objects.count() == 0


@pytest.mark.django_db
def test_person_on_another_roll_is_refused(client, other_unit, staff_of, unit):
    PersonYearFactory(person=staff_of[0], unit=unit)
    client.force_login(UserFactory(role=Role.UNIT_HEAD, unit=other_unit))
    response = client.post(
        url(other_unit), {f"rating_{staff_of[0].pk}": "good", f"months_{staff_of[0].pk}": "12"}
    )
    assert "Hồ Xuân Hương đã có kết quả năm 2025 ở đơn vị khác." in response.content.decode()
    assert PersonYear.objects.get().unit == unit


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("role", "expected"),
    [
        (Role.AUTHORITY_STAFF, 200),
        (Role.UNIT_HEAD, 404),
        (Role.UNIT_CLERK, 404),
        (Role.COUNCIL_MEMBER, 403),
        (Role.CHAIRPERSON, 403),
        (Role.ADMINISTRATOR, 403),
    ],
)
def test_records_of_another_unit(client, other_unit, authority, role, expected):
    client.force_login(UserFactory(role=role, unit=UnitFactory(authority=authority)))
    assert client.get(url(other_unit)).status_code == expected


@pytest.mark.django_db
def test_records_page_sends_anonymous_visitors_to_sign_in(client, other_unit):
    response = client.get(url(other_unit))
    assert (response.status_code, response["Location"].startswith("/dang-nhap/?next=")) == (
        302,
        True,
    )
