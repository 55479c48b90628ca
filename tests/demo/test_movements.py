"""fixtures/demo_movements.json loads after fixtures/demo.json: the seed article's movements,
the 2026 registration and two exemplary stories, seen by the demo accounts."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from demo.movements import DEMO_MOVEMENTS_PATH
from emulation.models import User
from emulation.models.movements import Exemplary, Movement, Registration
from tests.demo.conftest import demo_for_the_module

pytestmark = pytest.mark.django_db


demo_rows = demo_for_the_module("demo_movements")


@pytest.fixture
def demo(db, demo_rows):
    """The demo, loaded once for the module."""


def test_demo_movements_are_the_seed_articles(demo):
    movements = Movement.objects.order_by("launch_date")
    assert [(m.name, m.kind, m.milestones.count()) for m in movements] == [
        ("Dân vận khéo", "regular", 2),
        ("Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh", "thematic", 2),
    ]
    assert sorted(movements[1].units.values_list("code", flat=True)) == [
        "GDDT",
        "NV",
        "VHTT",
        "YT",
    ]


def test_demo_registration_and_stories(demo):
    states = dict(Registration.objects.values_list("unit__code", "state"))
    assert states == {"VHTT": "submitted", "GDDT": "draft"}
    assert sorted(Exemplary.objects.values_list("kind", flat=True)) == ["collective", "person"]


def test_demo_head_sees_both_movements(client, demo):
    client.force_login(User.objects.get(username="thutruong.vhtt"))
    response = client.get(reverse("movements:list"))
    assert [m.name for m in response.context["movements"]] == [
        "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
        "Dân vận khéo",
    ]


def test_demo_fixture_loaded_twice_keeps_counts(demo):
    call_command("loaddata", str(DEMO_MOVEMENTS_PATH), verbosity=0)
    assert (Movement.objects.count(), Exemplary.objects.count()) == (2, 2)
