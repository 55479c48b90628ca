"""A cluster of three wards with their heads, thi đua staff, and a pledge opened for signature
whose PDF is rendered in-process (documents.services.run_job); and a province's cluster of
communes, signed by the communes' chairpersons."""

import datetime
import os
from dataclasses import dataclass

import pytest
from django.test import Client

from documents.services import run_job
from emulation.enums import AuthorityLevel, Role, UnitKind
from emulation.models import Authority, Unit, User
from emulation.models.clusters import Cluster, ClusterMembership
from emulation.models.pledges import PledgeActivity, PledgeItem
from emulation.pledges import policy
from emulation.pledges.clusters import set_cluster_term
from emulation.pledges.enums import ActivityKind, ClusterKind, ItemKind
from emulation.pledges.services import create_pledge
from emulation.pledges.signing import open_for_signature
from tests.factories import (
    TEST_PASSWORD,
    AuthorityFactory,
    AuthorityIdentityFactory,
    PersonFactory,
    UnitFactory,
    UserFactory,
)


def make_wards(authority) -> list[Unit]:
    """Three wards of `authority`, P1 to P3."""
    return [
        UnitFactory(
            authority=authority, code=f"P{n}", name=f"Phường Bến Thành {n}", kind=UnitKind.WARD
        )
        for n in (1, 2, 3)
    ]


def make_heads(wards) -> list[User]:
    """The head of each ward, "Lê Văn Trưởng 1" to 3."""
    return [
        UserFactory(
            role=Role.UNIT_HEAD,
            unit=ward,
            person=PersonFactory(authority=ward.authority, full_name=f"Lê Văn Trưởng {i}"),
            email=f"truong{i}@example.vn",
        )
        for i, ward in enumerate(wards, start=1)
    ]


def make_staff(authority) -> User:
    """The authority's thi đua staff, in its office."""
    parent = UnitFactory(authority=authority, code="VP", name="Văn phòng HĐND và UBND")
    return UserFactory(role=Role.AUTHORITY_STAFF, unit=parent, email="thidua@example.vn")


def make_cluster(authority, wards) -> Cluster:
    """Cluster 1 of 2026: the three wards, P1 leading it and P2 its deputy."""
    cluster = Cluster.objects.create(
        authority=authority,
        kind=ClusterKind.CLUSTER,
        year=2026,
        code="CUM-1",
        name="Cụm thi đua số 1",
    )
    for index, ward in enumerate(wards):
        ClusterMembership.objects.create(cluster=cluster, unit=ward, sort_order=index)
    set_cluster_term(
        cluster=cluster,
        head_unit=wards[0],
        deputy_unit=wards[1],
        valid_from=datetime.date(2026, 1, 1),
        elected_at_meeting="Tổng kết 2025",
    )
    return cluster


def draft_pledge(*, cluster, staff, title: str, section: str, text: str, place: str):
    """A drafted pledge of `cluster` with one free commitment and its mid-year review."""
    pledge = create_pledge(
        cluster=cluster,
        by=staff,
        title=title,
        slogan="Đoàn kết, sáng tạo, về đích sớm",
        score_table_reference=f"Bảng chấm điểm {cluster.name.lower()} năm {cluster.year}",
    )
    version = pledge.versions.get()
    PledgeItem.objects.create(version=version, kind=ItemKind.FREE, section=section, text=text)
    PledgeActivity.objects.create(
        version=version,
        kind=ActivityKind.MID_YEAR_REVIEW,
        title="Sơ kết 6 tháng",
        date=datetime.date(cluster.year, 7, 15),
        place=place,
    )
    return pledge


def draft_cluster_pledge(cluster, staff):
    """Cluster 1's pledge of 2026, drafted."""
    return draft_pledge(
        cluster=cluster,
        staff=staff,
        title="Giao ước thi đua Cụm 1 năm 2026",
        section="Phong trào thi đua",
        text="Thực hiện tốt phong trào “Dân vận khéo”",
        place="Phường Bến Thành 1",
    )


def open_with_pdf(pledge, staff):
    """The pledge's first version opened for signature, its PDF rendered in-process and stored
    under MEDIA_ROOT."""
    version = open_for_signature(version=pledge.versions.get(), by=staff)
    run_job(job_id=version.document_job_id, worker_pid=os.getpid())
    version.refresh_from_db()
    return version


@pytest.fixture
def wards(authority):
    return make_wards(authority)


@pytest.fixture
def outsider_unit(authority):
    return UnitFactory(authority=authority, code="NGOAI", name="Phường Đa Kao", kind=UnitKind.WARD)


@pytest.fixture
def heads(wards):
    return make_heads(wards)


@pytest.fixture
def staff(authority, wards):
    return make_staff(authority)


@pytest.fixture
def cluster(authority, wards):
    return make_cluster(authority, wards)


@pytest.fixture
def pledge(cluster, staff):
    return draft_cluster_pledge(cluster, staff)


@pytest.fixture
def open_version(pledge, staff, settings, tmp_path):
    """The first version opened for signature, with its PDF rendered and stored."""
    settings.MEDIA_ROOT = os.environ.get("PLEDGE_TEST_MEDIA") or str(tmp_path / "media")
    return open_with_pdf(pledge, staff)


def sign_post(client: Client, version, *, password=TEST_PASSWORD, sha=None, consent=True):
    data = {
        "document_sha256": version.document_sha256 if sha is None else sha,
        "consent_version": policy.CONSENT_VERSION,
        "password": password,
    }
    if consent:
        data["consent"] = "on"
    return client.post(f"/giao-uoc/ban/{version.pk}/ky/", data)


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def signed_by_every_head(authority) -> tuple:
    """Cluster 1's pledge of `authority` opened (its PDF rendered), signed by its three ward
    heads through the signing page and its final PDF made in-process: the version, as the
    database then holds it, and the heads."""
    wards = make_wards(authority)
    staff = make_staff(authority)
    version = open_with_pdf(draft_cluster_pledge(make_cluster(authority, wards), staff), staff)
    heads = make_heads(wards)
    for head in heads:
        assert sign_post(client_for(head), version).status_code == 302
    version.refresh_from_db()
    assert run_job(job_id=version.final_job_id, worker_pid=os.getpid()).error == ""
    return version, heads


# A province on one instance and its cluster of communes (issue 18) ----------------------------


@dataclass
class Commune:
    """A commune on the instance, its people, and the province's unit that stands for it."""

    authority: Authority
    unit: Unit  # the province's unit that represents the commune
    chair: User
    staff: User
    head: User  # the head of one of the commune's own units
    clerk: User
    council: User


def _commune(province, *, code: str, name: str, level: str, chair_name: str) -> Commune:
    authority = AuthorityFactory(identity=None)
    AuthorityIdentityFactory(authority=authority, name=name, level=level)
    office = UnitFactory(authority=authority, code="VP", name="Văn phòng HĐND và UBND")
    school = UnitFactory(
        authority=authority, code="THCS", name=f"Trường THCS {name}", kind=UnitKind.SCHOOL
    )
    people = {
        role: UserFactory(role=role, unit=unit, email=f"{code.lower()}-{role}@example.vn")
        for role, unit in (
            (Role.AUTHORITY_STAFF, office),
            (Role.UNIT_HEAD, school),
            (Role.UNIT_CLERK, school),
            (Role.COUNCIL_MEMBER, office),
        )
    }
    chair = UserFactory(
        role=Role.CHAIRPERSON,
        unit=office,
        person=PersonFactory(authority=authority, full_name=chair_name),
        email=f"{code.lower()}-chu-tich@example.vn",
    )
    unit = UnitFactory(
        authority=province, code=code, name=f"UBND {name}", kind=UnitKind.WARD, represents=authority
    )
    return Commune(
        authority=authority,
        unit=unit,
        chair=chair,
        staff=people[Role.AUTHORITY_STAFF],
        head=people[Role.UNIT_HEAD],
        clerk=people[Role.UNIT_CLERK],
        council=people[Role.COUNCIL_MEMBER],
    )


@pytest.fixture
def province(db):
    """A province with its Sở Nội vụ staff and three communes: Sài Gòn and Bình Khánh form
    the province's cluster of communes (Sài Gòn leads it), Bến Thành is in no cluster."""
    authority = AuthorityFactory(identity=None)
    AuthorityIdentityFactory(
        authority=authority,
        name="Thành phố Thử Nghiệm",
        level=AuthorityLevel.PROVINCE,
        superior_name="",
        issuer_name="ỦY BAN NHÂN DÂN THÀNH PHỐ THỬ NGHIỆM",
    )
    office = UnitFactory(authority=authority, code="SNV", name="Sở Nội vụ")
    communes = [
        _commune(authority, code=code, name=name, level=level, chair_name=chair)
        for code, name, level, chair in (
            ("SG", "Phường Sài Gòn", AuthorityLevel.WARD, "Nguyễn Thị Thu Hà"),
            ("BK", "Xã Bình Khánh", AuthorityLevel.COMMUNE, "Lê Minh Khôi"),
            ("BT", "Phường Bến Thành", AuthorityLevel.WARD, "Phạm Quốc Bảo"),
        )
    ]
    cluster = Cluster.objects.create(
        authority=authority,
        kind=ClusterKind.CLUSTER,
        year=2026,
        code="CUM-XP-1",
        name="Cụm thi đua các xã, phường số 1",
    )
    for index, commune in enumerate(communes[:2]):
        ClusterMembership.objects.create(cluster=cluster, unit=commune.unit, sort_order=index)
    set_cluster_term(
        cluster=cluster,
        head_unit=communes[0].unit,
        deputy_unit=communes[1].unit,
        valid_from=datetime.date(2026, 1, 1),
        elected_at_meeting="Hội nghị tổng kết 2025 của tỉnh",
    )
    return {
        "authority": authority,
        "staff": UserFactory(
            role=Role.AUTHORITY_STAFF, unit=office, username="so_noi_vu", email="snv@example.vn"
        ),
        "communes": communes,
        "cluster": cluster,
    }


@pytest.fixture
def province_version(province, settings, tmp_path):
    """The province cluster's pledge opened for signature, its PDF rendered and stored."""
    settings.MEDIA_ROOT = str(tmp_path / "media")
    pledge = draft_pledge(
        cluster=province["cluster"],
        staff=province["staff"],
        title="Giao ước thi đua Cụm các xã, phường số 1 năm 2026",
        section="Phát triển kinh tế – xã hội",
        text="Hoàn thành 100% chỉ tiêu thu ngân sách được giao",
        place="Phường Sài Gòn",
    )
    version = open_for_signature(version=pledge.versions.get(), by=province["staff"])
    run_job(job_id=version.document_job_id, worker_pid=os.getpid())
    version.refresh_from_db()
    return version
