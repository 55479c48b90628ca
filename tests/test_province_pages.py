"""Every page a person of a province opens (tests/province_pages.py: emulation staff, unit
heads and council members of communes and departments, the province's officers) takes the
same number of queries in a small province and in one four times its size, and answers 200."""

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from emulation.models import User
from tests.conftest import rows_for_the_module
from tests.province_pages import accounts

YEAR = 2026
SIZES = {
    "nho": {
        "communes": 2, "departments": 1, "units_per_authority": 3, "people_per_unit": 4,
        "years": 2, "nomination_lines": 40, "heads_per_authority": 1,
    },
    "lon": {
        "communes": 4, "departments": 1, "units_per_authority": 9, "people_per_unit": 8,
        "years": 4, "nomination_lines": 400, "heads_per_authority": 1,
    },
}  # fmt: skip
# The browsing accounts of each size: the first commune and the department.
BROWSING = {
    "nho": {"communes": (1,), "departments": (3,), "first_department": 3},
    "lon": {"communes": (1,), "departments": (5,), "first_department": 5},
}
# Queries of each page, pinned; the same at both sizes.
QUERIES = {
    "province_home": 7, "province_units": 4, "province_nominations": 4, "province_review": 4,
    "province_decisions": 3, "province_targets": 8, "province_unit": 5, "province_person": 5,
    "province_submissions": 3,
    "staff_home": 7, "staff_units": 4, "staff_nominations": 4, "staff_review": 4,
    "staff_decisions": 3, "staff_targets": 8, "staff_unit": 5, "staff_person": 5,
    "staff_nomination": 8,
    "head_home": 9, "head_nominations": 4, "head_unit": 5, "head_grid": 8, "head_records": 5,
    "head_nomination": 8,
    "council_home": 6, "council_ballots": 3, "council_decisions": 3,
}  # fmt: skip


@pytest.fixture(scope="module")
def provinces(django_db_setup, django_db_blocker):
    """Two provinces of the same seed, one small and one about four times larger."""
    with rows_for_the_module(django_db_blocker):
        for code, size in SIZES.items():
            call_command(
                "seed_demo", province=True, authority_code=code, seed=5, year=YEAR, verbosity=0,
                **size,
            )  # fmt: skip
        yield {code: accounts(code, YEAR, **BROWSING[code]) for code in SIZES}


def queries_of(client, account: dict, page: str) -> int:
    client.force_login(User.objects.get(username=account["username"]))
    with CaptureQueriesContext(connection) as captured:
        response = client.get(account["pages"][page])
    assert response.status_code == 200, (account["username"], page)
    return len(captured.captured_queries)


@pytest.mark.django_db
@pytest.mark.parametrize("page", sorted(QUERIES))
def test_province_page_takes_the_same_queries_at_two_sizes(client, provinces, page):
    counted = {}
    for code, browsing in provinces.items():
        pages = [account for account in browsing if page in account["pages"]]
        assert pages, page
        counted[code] = sorted({queries_of(client, account, page) for account in pages})
    assert counted == {"nho": [QUERIES[page]], "lon": [QUERIES[page]]}


@pytest.mark.django_db
def test_province_pages_cover_every_browsing_role(provinces):
    roles = {account["role"] for account in provinces["lon"]}
    pages = {page for account in provinces["lon"] for page in account["pages"]}
    assert roles == {"province", "staff", "head", "council"}
    assert pages == set(QUERIES)
