"""The pledge admin: clusters and drafts editable, signatures and history read-only."""

import pytest
from django.test import Client

from emulation.enums import Role
from emulation.models.pledges import PledgeEvent, Signature
from tests.emulation.pledges.conftest import client_for, sign_post
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(staff) -> Client:
    superuser = UserFactory(
        role=Role.ADMINISTRATOR, unit=staff.unit, is_staff=True, is_superuser=True
    )
    return client_for(superuser)


@pytest.mark.parametrize(
    "model", ["cluster", "pledgeversion", "signature", "pledgeevent", "delegation", "pledge"]
)
def test_admin_changelists_render(admin_client, open_version, model):
    response = admin_client.get(f"/quan-tri/emulation/{model}/")
    assert response.status_code == 200


def test_admin_history_and_signatures_cannot_change(admin_client, open_version, heads):
    sign_post(client_for(heads[0]), open_version)
    event = PledgeEvent.objects.filter(pledge=open_version.pledge).first()
    signature = Signature.objects.get()
    assert (
        admin_client.get(f"/quan-tri/emulation/pledgeevent/{event.pk}/delete/").status_code == 403
    )
    assert (
        admin_client.get(f"/quan-tri/emulation/signature/{signature.pk}/delete/").status_code == 403
    )
    assert admin_client.get("/quan-tri/emulation/pledgeevent/add/").status_code == 403


def test_admin_open_version_content_is_read_only(admin_client, open_version):
    page = admin_client.get(f"/quan-tri/emulation/pledgeversion/{open_version.pk}/change/")
    assert page.status_code == 200
    response = admin_client.post(
        f"/quan-tri/emulation/pledgeversion/{open_version.pk}/change/", {"title": "Đổi tiêu đề"}
    )
    assert response.status_code == 403
    open_version.refresh_from_db()
    assert open_version.title == "Giao ước thi đua Cụm 1 năm 2026"
