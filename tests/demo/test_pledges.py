"""fixtures/demo_pledges.json loads after fixtures/demo.json, with an intact history: the
schools' cluster signed by every member, the bloc awaiting its head office, whose head opens
the signing page."""

import pytest

from emulation.models import User
from emulation.models.pledges import Pledge
from emulation.pledges.enums import VersionStatus
from emulation.pledges.history import first_broken_event
from tests.demo.conftest import demo_for_the_module
from tests.emulation.pledges.conftest import client_for

pytestmark = pytest.mark.django_db


demo_rows = demo_for_the_module("demo_pledges")


@pytest.fixture
def demo(db, demo_rows):
    """The demo, loaded once for the module."""


def test_demo_pledges_are_signed_with_intact_history(demo):
    pledges = list(Pledge.objects.select_related("cluster").order_by("pk"))
    assert [(p.cluster.code, p.cluster.year) for p in pledges] == [
        ("CUM-THCS", 2026),
        ("KHOI-PHONG", 2026),
    ]
    versions = [p.versions.get() for p in pledges]
    assert [v.status for v in versions] == [VersionStatus.COMPLETE, VersionStatus.OPEN]
    assert [(v.slots.count(), v.signatures.count()) for v in versions] == [(6, 6), (4, 3)]
    # The head school signed last, as the pledge asks.
    last = versions[0].signatures.order_by("signed_at").last()
    assert (last.unit.code, last.signer_name) == ("THCS-MD", last.user.get_full_name())
    assert [first_broken_event(p.pk) for p in pledges] == [None, None]


def test_demo_bloc_head_reaches_signing_page(demo):
    head = User.objects.get(username="thutruong.vhtt")
    version = Pledge.objects.get(cluster__code="KHOI-PHONG").versions.get()
    response = client_for(head).get(f"/giao-uoc/ban/{version.pk}/ky/")
    assert response.status_code == 200
    assert "Văn bản ký đang được tạo" in response.content.decode()
