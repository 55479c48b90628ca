"""fixtures/demo_scoring.json loads after the other demo fixtures and gives the bloc a final,
published year-end ranking that the selector for year-end reports returns."""

from decimal import Decimal

import pytest

from emulation.models import Authority, User
from emulation.models.scoring import ScoreEntry
from emulation.scoring.enums import Stage
from emulation.scoring.selectors import cluster_results
from tests.demo.conftest import demo_for_the_module
from tests.emulation.scoring.test_views import client_for

pytestmark = pytest.mark.django_db


demo_rows = demo_for_the_module("demo_targets", "demo_awards", "demo_pledges", "demo_scoring")


@pytest.fixture
def demo(db, demo_rows):
    """The demo, loaded once for the module."""


def test_demo_bloc_has_a_final_ranking(demo):
    authority = Authority.objects.get()
    (result,) = cluster_results(authority, 2026)
    assert result.cluster.code == "KHOI-PHONG"
    assert result.complete is True
    assert [(row.unit.code, row.rank, row.total) for row in result.ranked] == [
        ("VHTT", 1, Decimal("99.00")),
        ("GDDT", 2, Decimal("97.00")),
        ("YT", 3, Decimal("89.00")),
        ("NV", 4, Decimal("81.00")),
    ]
    assert [row.unit.code for row in result.leaders] == ["VHTT"]
    cross = ScoreEntry.objects.get(stage=Stage.CROSS)
    assert (cross.criterion.code, cross.points, cross.author.username) == (
        "1.2",
        Decimal("18.00"),
        "thutruong.vhtt",
    )


def test_demo_member_sees_the_published_ranking(demo):
    head = User.objects.get(username="thutruong.yt")
    result = cluster_results(Authority.objects.get(), 2026)[0]
    page = client_for(head).get(f"/cham-diem/{result.round.pk}/").content.decode()
    assert result.ranked[0].unit.name in page
    assert "99,00" in page
