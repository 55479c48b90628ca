"""A cluster of three wards with their heads, thi đua staff, and a pledge opened for signature
whose PDF is rendered in-process (documents.services.run_job)."""

import datetime
import os

import pytest
from django.test import Client

from documents.services import run_job
from emulation.enums import Role, UnitKind
from emulation.models.clusters import Cluster, ClusterMembership
from emulation.models.pledges import PledgeActivity, PledgeItem
from emulation.pledges import policy
from emulation.pledges.clusters import set_cluster_term
from emulation.pledges.enums import ActivityKind, ClusterKind, ItemKind
from emulation.pledges.services import create_pledge
from emulation.pledges.signing import open_for_signature
from tests.factories import TEST_PASSWORD, PersonFactory, UnitFactory, UserFactory


@pytest.fixture
def wards(authority):
    return [
        UnitFactory(
            authority=authority, code=f"P{n}", name=f"Phường Bến Thành {n}", kind=UnitKind.WARD
        )
        for n in (1, 2, 3)
    ]


@pytest.fixture
def outsider_unit(authority):
    return UnitFactory(authority=authority, code="NGOAI", name="Phường Đa Kao", kind=UnitKind.WARD)


@pytest.fixture
def heads(wards):
    return [
        UserFactory(
            role=Role.UNIT_HEAD,
            unit=ward,
            person=PersonFactory(authority=ward.authority, full_name=f"Lê Văn Trưởng {i}"),
            email=f"truong{i}@example.vn",
        )
        for i, ward in enumerate(wards, start=1)
    ]


@pytest.fixture
def staff(authority, wards):
    parent = UnitFactory(authority=authority, code="VP", name="Văn phòng HĐND và UBND")
    return UserFactory(role=Role.AUTHORITY_STAFF, unit=parent, email="thidua@example.vn")


@pytest.fixture
def cluster(authority, wards):
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


@pytest.fixture
def pledge(cluster, staff):
    return draft_pledge(
        cluster=cluster,
        staff=staff,
        title="Giao ước thi đua Cụm 1 năm 2026",
        section="Phong trào thi đua",
        text="Thực hiện tốt phong trào “Dân vận khéo”",
        place="Phường Bến Thành 1",
    )


@pytest.fixture
def open_version(pledge, staff, settings, tmp_path):
    """The first version opened for signature, with its PDF rendered and stored."""
    settings.MEDIA_ROOT = os.environ.get("PLEDGE_TEST_MEDIA") or str(tmp_path / "media")
    version = open_for_signature(version=pledge.versions.get(), by=staff)
    run_job(job_id=version.document_job_id, worker_pid=os.getpid())
    version.refresh_from_db()
    return version


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
