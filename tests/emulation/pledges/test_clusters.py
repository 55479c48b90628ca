"""Clusters and blocs: terms and rotation, copy to the next year; drafting a pledge and opening
it for signature through the pages."""

import datetime

import pytest
from django.test import Client

from documents.enums import JobStatus
from emulation.clusters import current_term
from emulation.enums import Role
from emulation.models.clusters import Cluster, ClusterMembership
from emulation.models.pledges import Pledge, PledgeComment
from emulation.pledges.clusters import copy_clusters_to_year, set_cluster_term
from emulation.pledges.enums import EventKind, VersionStatus
from emulation.pledges.services import PledgeError, amend_pledge
from emulation.pledges.signing import PLEDGE_DOCUMENT
from tests.emulation.pledges.conftest import client_for, sign_post
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _next_year(cluster) -> Cluster:
    copy_clusters_to_year(authority=cluster.authority, from_year=2026, to_year=2027)
    return Cluster.objects.get(authority=cluster.authority, year=2027, code=cluster.code)


def test_copy_to_next_year_keeps_members_not_terms(cluster, wards):
    created = copy_clusters_to_year(authority=cluster.authority, from_year=2026, to_year=2027)
    assert [c.code for c in created] == ["CUM-1"]
    copy = created[0]
    assert list(copy.memberships.values_list("unit_id", flat=True)) == [w.pk for w in wards]
    assert copy.terms.count() == 0
    assert copy_clusters_to_year(authority=cluster.authority, from_year=2026, to_year=2027) == []


def test_rotation_refuses_same_head_two_years_running(cluster, wards, settings):
    settings.PLEDGE_NO_CONSECUTIVE_HEAD = True
    following = _next_year(cluster)
    with pytest.raises(PledgeError, match="không làm cụm trưởng hai năm liền"):
        set_cluster_term(
            cluster=following,
            head_unit=wards[0],
            deputy_unit=wards[2],
            valid_from=datetime.date(2027, 1, 1),
        )
    term = set_cluster_term(
        cluster=following,
        head_unit=wards[1],
        deputy_unit=wards[2],
        valid_from=datetime.date(2027, 1, 1),
    )
    assert current_term(following, datetime.date(2027, 3, 1)) == term


def test_rotation_allows_same_head_when_setting_off(cluster, wards, settings):
    settings.PLEDGE_NO_CONSECUTIVE_HEAD = False
    following = _next_year(cluster)
    term = set_cluster_term(
        cluster=following,
        head_unit=wards[0],
        deputy_unit=None,
        valid_from=datetime.date(2027, 1, 1),
    )
    assert term.head_unit == wards[0]


def test_term_head_must_be_member(cluster, outsider_unit, wards):
    with pytest.raises(PledgeError, match="phải là đơn vị thành viên"):
        set_cluster_term(
            cluster=cluster,
            head_unit=outsider_unit,
            deputy_unit=wards[1],
            valid_from=datetime.date(2026, 6, 1),
        )


def test_new_term_closes_the_previous_one(cluster, wards):
    set_cluster_term(
        cluster=cluster,
        head_unit=wards[2],
        deputy_unit=wards[1],
        valid_from=datetime.date(2026, 7, 1),
    )
    first = cluster.terms.order_by("valid_from").first()
    assert first.valid_to == datetime.date(2026, 6, 30)
    assert current_term(cluster, datetime.date(2026, 8, 1)).head_unit == wards[2]
    assert current_term(cluster, datetime.date(2026, 3, 1)).head_unit == wards[0]


def test_head_of_head_unit_creates_pledge_through_page(cluster, heads):
    response = client_for(heads[0]).post(
        f"/giao-uoc/lap/{cluster.pk}/", {"title": "Giao ước Cụm 1 năm 2026", "deadline": ""}
    )
    pledge = Pledge.objects.get(cluster=cluster)
    assert response.status_code == 302
    assert response["Location"] == f"/giao-uoc/{pledge.pk}/"
    assert pledge.versions.get().title == "Giao ước Cụm 1 năm 2026"


def test_head_of_other_member_cannot_create_pledge(cluster, heads):
    response = client_for(heads[1]).post(f"/giao-uoc/lap/{cluster.pk}/", {"title": "Giao ước"})
    assert response.status_code == 403
    assert Pledge.objects.count() == 0


def test_member_comments_on_draft(pledge, heads):
    response = client_for(heads[2]).post(
        f"/giao-uoc/{pledge.pk}/gop-y/", {"text": "Đề nghị thêm chỉ tiêu chuyển đổi số"}
    )
    assert response.status_code == 302
    comment = PledgeComment.objects.get()
    assert comment.unit == heads[2].unit
    assert pledge.events.filter(kind=EventKind.COMMENTED).count() == 1


def test_staff_opens_for_signature_through_page(
    pledge, staff, wards, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as callbacks:
        response = client_for(staff).post(f"/giao-uoc/{pledge.pk}/mo-ky/")
    assert response.status_code == 302
    version = pledge.versions.get()
    assert version.status == VersionStatus.OPEN
    assert version.document_job.kind == PLEDGE_DOCUMENT
    assert version.document_job.status == JobStatus.QUEUED
    assert len(callbacks) == 1
    assert [s.unit_id for s in version.slots.order_by("sort_order")] == [w.pk for w in wards]
    assert [s.is_head_unit for s in version.slots.order_by("sort_order")] == [True, False, False]
    assert version.content["members"][0]["name"] == "Phường Bến Thành 1"
    assert len(version.verification_code) == 14


def test_open_refused_without_members(pledge, staff):
    ClusterMembership.objects.filter(cluster=pledge.cluster).delete()
    client_for(staff).post(f"/giao-uoc/{pledge.pk}/mo-ky/")
    assert pledge.versions.get().status == VersionStatus.DRAFT


def test_detail_shows_slots_and_history_to_staff(open_version, staff, heads):
    body = client_for(staff).get(f"/giao-uoc/{open_version.pledge_id}/").content.decode()
    assert "Phường Bến Thành 3" in body
    assert "Cụm thi đua: Cụm thi đua số 1 · 2026" in body
    assert "Chuỗi mã băm của lịch sử nguyên vẹn." in body
    body = client_for(heads[1]).get(f"/giao-uoc/{open_version.pledge_id}/").content.decode()
    assert "Chuỗi mã băm" not in body
    assert "Ký giao ước" in body


@pytest.mark.parametrize(
    ("who", "status"),
    [("anonymous", 302), ("council", 403), ("clerk", 403), ("outsider", 404)],
)
def test_create_pledge_refused(cluster, staff, wards, outsider_unit, who, status):
    users = {
        "council": UserFactory(role=Role.COUNCIL_MEMBER, unit=staff.unit),
        "clerk": UserFactory(role=Role.UNIT_CLERK, unit=wards[0]),
        "outsider": UserFactory(role=Role.UNIT_HEAD, unit=outsider_unit),
    }
    client = client_for(users[who]) if who in users else Client()
    response = client.post(f"/giao-uoc/lap/{cluster.pk}/", {"title": "Giao ước"})
    assert response.status_code == status
    assert Pledge.objects.count() == 0


def test_amending_a_complete_version_keeps_it_complete(open_version, heads, staff):
    for head in heads:
        sign_post(client_for(head), open_version)
    new = amend_pledge(version=open_version, by=staff, reason="Điều chỉnh chỉ tiêu giữa năm")
    open_version.refresh_from_db()
    assert open_version.status == VersionStatus.COMPLETE
    assert open_version.signatures.count() == 3
    assert (new.number, new.status) == (2, VersionStatus.DRAFT)
