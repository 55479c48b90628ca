"""Every pledge page × every principal: anonymous → 302 to sign-in, a pledge outside the
user's clusters → 404, a missing right → 403. POSTs here change nothing (empty reasons, an
already open version), so each cell is independent."""

import pytest
from django.test import Client
from django.urls import reverse

from emulation.enums import Role
from emulation.models.pledges import PledgeComment, PledgeVersion, SignatureSlot
from emulation.pledges.enums import SlotStatus
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PRINCIPALS = [
    "anonymous",
    "staff",
    "administrator",
    "council_member",
    "chairperson",
    "head_of_head_unit",
    "head_of_member",
    "clerk_of_member",
    "head_outside",
    "clerk_outside",
]

# page → expected status for each principal, in PRINCIPALS order.
EXPECTED = {
    "list": [302, 200, 200, 200, 200, 200, 200, 200, 200, 200],
    "detail": [302, 200, 200, 200, 200, 200, 200, 200, 404, 404],
    "sign": [302, 403, 403, 403, 403, 200, 200, 403, 404, 404],
    "document": [302, 200, 200, 200, 200, 200, 200, 200, 404, 404],
    "open": [302, 302, 302, 403, 403, 302, 403, 403, 404, 404],
    "amend": [302, 302, 302, 403, 403, 302, 403, 403, 404, 404],
    "comment": [302, 302, 302, 403, 403, 302, 302, 302, 404, 404],
    "decline": [302, 403, 403, 403, 403, 302, 302, 403, 404, 404],
    "verify": [200, 200, 200, 200, 200, 200, 200, 200, 200, 200],
}


@pytest.fixture
def principals(staff, heads, wards, outsider_unit):
    office = staff.unit
    return {
        "anonymous": None,
        "staff": staff,
        "administrator": UserFactory(role=Role.ADMINISTRATOR, unit=office),
        "council_member": UserFactory(role=Role.COUNCIL_MEMBER, unit=office),
        "chairperson": UserFactory(role=Role.CHAIRPERSON, unit=office),
        "head_of_head_unit": heads[0],
        "head_of_member": heads[1],
        "clerk_of_member": UserFactory(role=Role.UNIT_CLERK, unit=wards[1]),
        "head_outside": UserFactory(role=Role.UNIT_HEAD, unit=outsider_unit),
        "clerk_outside": UserFactory(role=Role.UNIT_CLERK, unit=outsider_unit),
    }


def _request(client: Client, page: str, version: PledgeVersion):
    pledge_id, version_id = version.pledge_id, version.pk
    requests = {
        "list": ("get", "/giao-uoc/"),
        "detail": ("get", f"/giao-uoc/{pledge_id}/"),
        "sign": ("get", f"/giao-uoc/ban/{version_id}/ky/"),
        "document": ("get", f"/giao-uoc/ban/{version_id}/van-ban.pdf"),
        "open": ("post", f"/giao-uoc/{pledge_id}/mo-ky/"),
        "amend": ("post", f"/giao-uoc/{pledge_id}/sua-doi/"),
        "comment": ("post", f"/giao-uoc/{pledge_id}/gop-y/"),
        "decline": ("post", f"/giao-uoc/ban/{version_id}/tu-choi/"),
        "verify": ("get", "/giao-uoc/xac-thuc/"),
    }
    method, url = requests[page]
    return getattr(client, method)(url, {"reason": "", "text": ""} if method == "post" else {})


def test_permission_matrix(open_version, principals):
    cells, mismatches = 0, []
    for page, expected in EXPECTED.items():
        for name, status in zip(PRINCIPALS, expected, strict=True):
            client = Client()
            if principals[name] is not None:
                client.force_login(principals[name])
            response = _request(client, page, open_version)
            cells += 1
            if response.status_code != status:
                mismatches.append((page, name, response.status_code, status))
            if status == 302 and name == "anonymous":
                assert response["Location"].startswith(reverse("login") + "?next=/giao-uoc/")
    print(f"pledge permission matrix: cells={cells} mismatches={len(mismatches)}")
    assert mismatches == []
    open_version.refresh_from_db()
    assert open_version.status == "open"
    assert PledgeVersion.objects.filter(pledge_id=open_version.pledge_id).count() == 1
    assert PledgeComment.objects.count() == 0
    assert SignatureSlot.objects.exclude(status=SlotStatus.PENDING).count() == 0


def test_final_document_outside_cluster_not_found(open_version, principals):
    client = Client()
    client.force_login(principals["head_outside"])
    response = client.get(f"/giao-uoc/ban/{open_version.pk}/ban-da-ky.pdf")
    assert response.status_code == 404


def test_outsider_sees_no_pledge_in_overview(open_version, principals):
    client = Client()
    client.force_login(principals["head_outside"])
    body = client.get("/giao-uoc/", {"nam": 2026}).content.decode()
    assert "Cụm thi đua số 1" not in body
    client.force_login(principals["clerk_of_member"])
    body = client.get("/giao-uoc/", {"nam": 2026}).content.decode()
    assert "Cụm thi đua số 1" in body
