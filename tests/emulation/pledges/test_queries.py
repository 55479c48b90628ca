"""The overview costs the same number of queries with one pledge or five."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from emulation.models.clusters import Cluster, ClusterMembership
from emulation.pledges.enums import ClusterKind
from emulation.pledges.services import create_pledge
from tests.emulation.pledges.conftest import client_for

pytestmark = pytest.mark.django_db


def _overview_queries(user) -> int:
    client = client_for(user)
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/giao-uoc/", {"nam": 2026})
    assert response.status_code == 200
    return len(queries)


def test_overview_queries_constant(pledge, staff, wards):
    one = _overview_queries(staff)
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
    five = _overview_queries(staff)
    print(f"overview queries: 1 pledge={one}, 5 pledges={five}")
    assert five == one
