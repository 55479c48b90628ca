"""Numbers from the query string: the page's year is ?nam=, and links written with ?year=
still open the year they name."""

import pytest
from django.http import QueryDict
from django.urls import reverse

from emulation.enums import Role
from emulation.params import year_or
from tests.factories import UserFactory


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("nam=2025", 2025),
        ("year=2024", 2024),
        ("nam=2025&year=2024", 2025),
        ("nam=&year=2024", 2024),
        ("nam=hai-nghin", 2026),
        ("nam=99999", 2026),
        ("", 2026),
    ],
)
def test_year_or_reads_nam_then_the_old_year(query, expected):
    assert year_or(QueryDict(query), 2026) == expected


def test_year_or_of_a_plain_value():
    assert (year_or("2025"), year_or(" 1899 "), year_or(None, 7)) == (2025, None, 7)


@pytest.mark.django_db
@pytest.mark.parametrize("query", [{"nam": 2023}, {"year": 2023}])
def test_target_catalogue_opens_the_year_by_either_name(client, unit, query):
    client.force_login(UserFactory(role=Role.AUTHORITY_STAFF, unit=unit))
    page = client.get(reverse("targets:catalogue"), query)
    html = page.content.decode()
    assert (page.context["year"], 'name="nam" value="2023"' in html) == (2023, True)
