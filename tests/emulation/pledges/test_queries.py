"""The overview costs the same number of queries with one pledge or five."""

import pytest

from emulation.models.clusters import Cluster, ClusterMembership
from emulation.pledges.enums import ClusterKind
from emulation.pledges.services import create_pledge
from tests.emulation.pledges.conftest import client_for

pytestmark = pytest.mark.django_db


# Queries of the overview page, pinned: the same with 1 pledge and with 5.
OVERVIEW_QUERIES = 6


def _overview(user, assert_queries) -> None:
    client = client_for(user)
    with assert_queries:
        response = client.get("/giao-uoc/", {"nam": 2026})
    assert response.status_code == 200


def test_overview_queries_constant(pledge, staff, wards, django_assert_num_queries):
    _overview(staff, django_assert_num_queries(OVERVIEW_QUERIES))
    for n in range(2, 6):
        cluster = Cluster.objects.create(
            authority=staff.unit.authority,
            kind=ClusterKind.BLOC,
            year=2026,
            code=f"KHOI-{n}",
            name=f"Khối thi đua số {n}",
        )
        ClusterMembership.objects.create(cluster=cluster, unit=wards[n % 3])
        create_pledge(cluster=cluster, by=staff, title=f"Giao ước khối {n}")
    _overview(staff, django_assert_num_queries(OVERVIEW_QUERIES))
