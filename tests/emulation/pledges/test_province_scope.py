"""What signing for a commune does not open (issue 18): the commune's chairperson opens the
province's pledges they sign, and nothing else of the province; the province's staff run the
cluster of communes' scoring round as for any cluster."""

from decimal import Decimal

import pytest
from django.urls import reverse

from awards.models import Nomination
from emulation.models.clusters import Cluster, ClusterMembership
from emulation.models.pledges import PledgeComment, PledgeEvent, PledgeVersion
from emulation.models.scoring import CriteriaGroup, Criterion, ScoreEntry
from emulation.pledges.enums import ClusterKind, VersionStatus
from emulation.scoring.enums import ItemKind, Method, RoundKind
from emulation.scoring.services import create_table, open_round
from tests.emulation.pledges.conftest import client_for, draft_pledge
from tests.factories import UnitFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def other_cluster_pledge(province):
    """A pledge of the province's departments' bloc, which no commune is a member of."""
    bloc = Cluster.objects.create(
        authority=province["authority"],
        kind=ClusterKind.BLOC,
        year=2026,
        code="KHOI-SN",
        name="Khối các sở, ngành",
    )
    ClusterMembership.objects.create(
        cluster=bloc, unit=UnitFactory(authority=province["authority"], name="Sở Y tế")
    )
    return draft_pledge(
        cluster=bloc,
        staff=province["staff"],
        title="Giao ước thi đua Khối các sở, ngành năm 2026",
        section="Cải cách hành chính",
        text="Giải quyết đúng hạn 100% hồ sơ",
        place="Sở Nội vụ",
    )


def test_the_chairperson_opens_no_other_pledge_of_the_province(
    province, province_version, other_cluster_pledge
):
    client = client_for(province["communes"][0].chair)
    assert client.get(f"/giao-uoc/{other_cluster_pledge.pk}/").status_code == 404
    listing = client.get("/giao-uoc/", {"nam": 2026}).content.decode()
    assert province_version.title in listing
    assert "Khối các sở, ngành" not in listing
    # The province's cluster is not one the chairperson may start a pledge for.
    cluster = province["cluster"]
    created = client.post(f"/giao-uoc/lap/{cluster.pk}/", {"title": "Giao ước khác"})
    assert created.status_code == 404


@pytest.mark.parametrize(
    ("path", "data"),
    [
        ("mo-ky/", {}),
        ("sua-doi/", {"reason": "Sửa chỉ tiêu"}),
        ("gop-y/", {"text": "Đề nghị bổ sung chỉ tiêu"}),
        ("soan-thao/", {"header-title": "Tiêu đề khác", "header-slogan": ""}),
    ],
)
def test_the_chairperson_does_not_run_the_provinces_pledge(province, province_version, path, data):
    """Even the chairperson of the commune that leads the cluster (cụm trưởng) signs only."""
    chair = province["communes"][0].chair
    before = PledgeEvent.objects.count()
    response = client_for(chair).post(f"/giao-uoc/{province_version.pledge_id}/{path}", data)
    assert response.status_code == 403
    assert PledgeEvent.objects.count() == before
    assert PledgeVersion.objects.filter(pledge=province_version.pledge).count() == 1
    assert PledgeComment.objects.count() == 0
    province_version.refresh_from_db()
    assert province_version.status == VersionStatus.OPEN


def test_the_chairperson_reads_the_pledge_without_its_history(province, province_version):
    page = client_for(province["communes"][0].chair).get(f"/giao-uoc/{province_version.pledge_id}/")
    content = page.content.decode()
    assert page.status_code == 200
    assert "UBND Phường Sài Gòn" in content and "UBND Xã Bình Khánh" in content
    assert 'id="history-title"' not in content
    assert 'id="manage-title"' not in content
    staff_page = client_for(province["staff"]).get(f"/giao-uoc/{province_version.pledge_id}/")
    assert 'id="history-title"' in staff_page.content.decode()


def test_the_chairperson_reads_none_of_the_provinces_units_or_files(province, province_version):
    saigon = province["communes"][0]
    client = client_for(saigon.chair)
    assert client.get(reverse("emulation:unit_detail", args=[saigon.unit.pk])).status_code == 404
    units = client.get(reverse("emulation:unit_list")).content.decode()
    assert "Sở Nội vụ" not in units and "UBND Phường Sài Gòn" not in units
    nomination = Nomination.objects.create(
        authority=province["authority"],
        unit=saigon.unit,
        year=2026,
        title="Bằng khen của Chủ tịch UBND tỉnh",
        created_by=province["staff"],
    )
    detail = client.get(reverse("awards:nomination_detail", args=[nomination.pk]))
    assert detail.status_code == 404


def test_the_province_staff_run_the_round_of_the_cluster_of_communes(province):
    saigon, binhkhanh, _bt = province["communes"]
    staff = province["staff"]
    table = create_table(cluster=province["cluster"], user=staff, title="Bảng điểm Cụm xã, phường")
    group = CriteriaGroup.objects.create(table=table, code="I", name="Nhiệm vụ", sort_order=1)
    Criterion.objects.create(
        table=table,
        group=group,
        kind=ItemKind.CRITERION,
        code="1",
        name="Cải cách hành chính",
        method=Method.MANUAL,
        max_points=Decimal(10),
    )
    scoring_round = open_round(table=table, kind=RoundKind.YEAR_END, user=staff)
    sheets = list(scoring_round.sheets.order_by("unit__code"))
    assert [sheet.unit_id for sheet in sheets] == [binhkhanh.unit.pk, saigon.unit.pk]
    round_page = client_for(staff).get(reverse("scoring:round", args=[scoring_round.pk]))
    assert round_page.status_code == 200
    content = round_page.content.decode()
    assert "UBND Phường Sài Gòn" in content and "UBND Xã Bình Khánh" in content

    client = client_for(saigon.chair)
    assert client.get(reverse("scoring:round", args=[scoring_round.pk])).status_code == 404
    own_sheet = next(sheet for sheet in sheets if sheet.unit_id == saigon.unit.pk)
    assert client.get(reverse("scoring:sheet", args=[own_sheet.pk])).status_code == 404
    posted = client.post(reverse("scoring:score", args=[own_sheet.pk]), {"stage": "self"})
    assert posted.status_code == 404
    assert ScoreEntry.objects.count() == 0
