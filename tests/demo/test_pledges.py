"""fixtures/demo_pledges.json loads after fixtures/demo.json, with an intact history and the
demo heads able to open their signing page."""

import pytest

from emulation.models import User
from emulation.models.pledges import Pledge, SignatureSlot
from emulation.pledges.history import first_broken_event
from tests.demo.conftest import demo_for_the_module
from tests.emulation.pledges.conftest import client_for

pytestmark = pytest.mark.django_db


demo_rows = demo_for_the_module("demo_pledges")


@pytest.fixture
def demo(db, demo_rows):
    """The demo, loaded once for the module."""


def test_demo_pledges_open_with_intact_history(demo):
    pledges = list(Pledge.objects.select_related("cluster").order_by("cluster__code"))
    assert [(p.cluster.code, p.cluster.year) for p in pledges] == [
        ("CUM-PHUONG-1", 2026),
        ("KHOI-PHONG", 2026),
    ]
    assert [p.versions.get().status for p in pledges] == ["open", "open"]
    assert SignatureSlot.objects.count() == 9
    assert [first_broken_event(p.pk) for p in pledges] == [None, None]


def test_demo_bloc_head_reaches_signing_page(demo):
    head = User.objects.get(username="thutruong.vhtt")
    version = Pledge.objects.get(cluster__code="KHOI-PHONG").versions.get()
    response = client_for(head).get(f"/giao-uoc/ban/{version.pk}/ky/")
    assert response.status_code == 200
    assert "Văn bản ký đang được tạo" in response.content.decode()
