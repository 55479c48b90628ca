"""A cluster of three wards scored on a table of two groups, a target item, a count item,
a bonus and a penalty; ward 1 heads the cluster, ward 2 is the deputy."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from emulation.enums import Role, UnitKind
from emulation.models import ReportingPeriod, Target
from emulation.models.clusters import Cluster, ClusterMembership
from emulation.models.scoring import CriteriaGroup, Criterion
from emulation.pledges.clusters import set_cluster_term
from emulation.pledges.enums import ClusterKind
from emulation.scoring.enums import ItemKind, Method, RoundKind
from emulation.scoring.services import create_table, open_round
from emulation.targets.enums import Direction, PeriodKind, TargetGroup, ValueKind
from tests.factories import UnitFactory, UserFactory

YEAR = timezone.localdate().year


def make_wards(authority):
    return [
        UnitFactory(authority=authority, code=f"P{n}", name=f"Phường {n}", kind=UnitKind.WARD)
        for n in (1, 2, 3)
    ]


def make_heads(wards):
    return [UserFactory(role=Role.UNIT_HEAD, unit=ward) for ward in wards]


def make_clerks(wards):
    return [UserFactory(role=Role.UNIT_CLERK, unit=ward) for ward in wards]


def make_staff(authority):
    office = UnitFactory(authority=authority, code="VP", name="Văn phòng")
    return UserFactory(role=Role.AUTHORITY_STAFF, unit=office)


def make_cluster(authority, wards):
    cluster = Cluster.objects.create(
        authority=authority, kind=ClusterKind.CLUSTER, year=YEAR, code="CUM-1", name="Cụm 1"
    )
    for index, ward in enumerate(wards):
        ClusterMembership.objects.create(cluster=cluster, unit=ward, sort_order=index)
    set_cluster_term(
        cluster=cluster,
        head_unit=wards[0],
        deputy_unit=wards[1],
        valid_from=datetime.date(YEAR, 1, 1),
    )
    return cluster


def make_table(cluster, staff):
    table = create_table(cluster=cluster, user=staff, title="Bảng điểm Cụm 1")
    table.bonus_cap = Decimal(5)
    table.penalty_cap = Decimal(6)
    table.save()
    g1 = CriteriaGroup.objects.create(table=table, code="I", name="Nhiệm vụ", sort_order=1)
    g2 = CriteriaGroup.objects.create(table=table, code="II", name="Phong trào", sort_order=2)
    Criterion.objects.create(
        table=table,
        group=g1,
        kind=ItemKind.CRITERION,
        code="1.1",
        name="Thu ngân sách",
        method=Method.TARGET,
        max_points=Decimal(60),
        target_code="NS",
        sort_order=1,
    )
    Criterion.objects.create(
        table=table,
        group=g1,
        kind=ItemKind.CRITERION,
        code="1.2",
        name="Cải cách hành chính",
        method=Method.MANUAL,
        max_points=Decimal(10),
        sort_order=2,
    )
    Criterion.objects.create(
        table=table,
        group=g2,
        kind=ItemKind.CRITERION,
        code="2.1",
        name="Mô hình hay",
        method=Method.COUNT,
        max_points=Decimal(20),
        points_per_item=Decimal(4),
        sort_order=1,
    )
    Criterion.objects.create(
        table=table,
        group=g2,
        kind=ItemKind.CRITERION,
        code="2.2",
        name="Tổ chức phát động",
        method=Method.BOOLEAN,
        max_points=Decimal(10),
        evidence_required=True,
        sort_order=2,
    )
    Criterion.objects.create(
        table=table,
        kind=ItemKind.BONUS,
        code="T1",
        name="Sáng kiến được công nhận",
        method=Method.COUNT,
        max_points=Decimal(10),
        points_per_item=Decimal(2),
    )
    Criterion.objects.create(
        table=table,
        kind=ItemKind.PENALTY,
        code="TR1",
        name="Chậm báo cáo",
        method=Method.COUNT,
        points_per_item=Decimal(2),
    )
    return table


def item(table, code):
    return table.items.get(code=code)


def make_targets(authority, wards, staff):
    """Each ward's own budget target (plan 100) with an official year figure: 120, 100, 80."""
    period = ReportingPeriod.objects.create(authority=authority, year=YEAR, kind=PeriodKind.YEAR)
    result = []
    for ward, actual in zip(wards, (120, 100, 80), strict=True):
        target = Target.objects.create(
            authority=authority,
            unit=ward,
            year=YEAR,
            code="NS",
            name="Thu ngân sách",
            group=TargetGroup.choices[0][0],
            direction=Direction.HIGHER_BETTER,
            plan_value=Decimal(100),
        )
        target.actuals.create(
            period=period,
            value_kind=ValueKind.OFFICIAL,
            value=Decimal(actual),
            submitted_by=staff,
            submitted_at=timezone.now(),
            updated_at=timezone.now(),
        )
        result.append(target)
    return result


def make_year_end(table, staff):
    return open_round(table=table, kind=RoundKind.YEAR_END, user=staff)


# The same, one fixture each: made anew for every test.
@pytest.fixture
def wards(authority):
    return make_wards(authority)


@pytest.fixture
def heads(wards):
    return make_heads(wards)


@pytest.fixture
def clerks(wards):
    return make_clerks(wards)


@pytest.fixture
def staff(authority):
    return make_staff(authority)


@pytest.fixture
def cluster(authority, wards):
    return make_cluster(authority, wards)


@pytest.fixture
def table(cluster, staff):
    return make_table(cluster, staff)


@pytest.fixture
def targets(authority, wards, staff):
    return make_targets(authority, wards, staff)


@pytest.fixture
def year_end(table, staff):
    return make_year_end(table, staff)
