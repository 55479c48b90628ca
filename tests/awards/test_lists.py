"""The list pages: award history scoped and searchable; constant queries at two sizes."""

import pytest
from django.urls import reverse

from awards.models import Award
from emulation.enums import Role
from tests.awards.factories import NominationFactory, TitleHeldFactory
from tests.factories import EmploymentFactory, PersonFactory, UserFactory


def held(unit, name: str, year: int, code: str = "ldtt"):
    person = PersonFactory(authority=unit.authority, full_name=name)
    EmploymentFactory(person=person, unit=unit)
    return TitleHeldFactory(
        person=person,
        award=Award.objects.get(code=code),
        year=year,
        decision_reference="09/QĐ-UBND",
    )


@pytest.mark.django_db
def test_history_shows_only_the_scope_and_filters(client, unit, other_unit):
    held(other_unit, "Đặng Thùy Trâm", 2024)
    held(other_unit, "Lê Văn Tám", 2025, "cstdcs")
    held(unit, "Ngô Bảo Châu", 2025)
    client.force_login(UserFactory(role=Role.UNIT_HEAD, unit=other_unit))
    url = reverse("awards:history")
    everything = client.get(url).content.decode()
    searched = client.get(url, {"q": "trâm"}).content.decode()
    by_year = client.get(url, {"year": "2025"}).content.decode()
    assert (
        "Đặng Thùy Trâm" in everything,
        "Lê Văn Tám" in everything,
        "Ngô Bảo Châu" in everything,
    ) == (
        True,
        True,
        False,
    )
    assert ("Đặng Thùy Trâm" in searched, "Lê Văn Tám" in searched) == (True, False)
    assert ("Đặng Thùy Trâm" in by_year, "Chiến sĩ thi đua cơ sở" in by_year) == (False, True)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("page", "input_id"),
    [("awards:history", "history-year"), ("awards:review_queue", "queue-year")],
)
def test_year_filter_keeps_the_year_as_typed_without_a_thousands_dot(client, unit, page, input_id):
    client.force_login(UserFactory(role=Role.AUTHORITY_STAFF, unit=unit))

    body = client.get(reverse(page), {"nam": "2025"}).content.decode()

    assert f'<input id="{input_id}" name="nam" type="number" value="2025">' in body


# Queries of one page, pinned: the same at 3 and at 30 nominations.
LIST_QUERIES = {"awards:history": 4, "awards:nomination_list": 4, "awards:review_queue": 4}


@pytest.mark.django_db
@pytest.mark.parametrize(
    "page", ["awards:history", "awards:nomination_list", "awards:review_queue"]
)
def test_list_pages_make_the_same_queries_for_3_and_30_rows(
    client, unit, other_unit, page, django_assert_num_queries
):
    client.force_login(UserFactory(role=Role.AUTHORITY_STAFF, unit=unit))
    url = reverse(page)
    for size in (3, 30):
        while other_unit.nominations.count() < size:
            NominationFactory(unit=other_unit, state="submitted")
            held(other_unit, f"Người số {other_unit.nominations.count()}", 2025)
        with django_assert_num_queries(LIST_QUERIES[page]):
            response = client.get(url)
        assert response.status_code == 200
