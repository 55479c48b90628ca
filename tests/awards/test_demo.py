"""The demo fixture: loaded after fixtures/demo.json, it gives the reviewer a submitted
nomination whose appraisal shows passing and failing rules."""

import pytest
from django.core.management import call_command

from awards.enums import NominationState, Verdict
from awards.models import Nomination, PersonYear
from awards.services import appraise_nomination
from emulation.models import User


@pytest.fixture
def demo(db):
    call_command("loaddata", "fixtures/demo.json", "fixtures/demo_awards.json", verbosity=0)


def test_demo_has_2025_records_and_two_nominations(demo):
    states = sorted(Nomination.objects.values_list("unit__code", "state"))
    assert states == [("GDDT", NominationState.DRAFT), ("VHTT", NominationState.SUBMITTED)]
    assert PersonYear.objects.filter(year=2025).count() == 20


def test_demo_submitted_nomination_appraises_from_the_records(demo):
    nomination = Nomination.objects.get(state=NominationState.SUBMITTED)
    appraise_nomination(nomination=nomination, user=User.objects.get(username="canbo.thidua"))
    results = [
        (line.award.code, line.eligible, [failure["rule"] for failure in line.failures])
        for line in nomination.lines.order_by("pk")
    ]
    assert nomination.verdict == Verdict.NOT_ELIGIBLE
    assert results == [
        ("cstdcs", True, []),
        ("ldtt", True, []),
        ("ldtt", True, []),
        ("ldtt", True, []),
        ("ldtt", False, ["E-01"]),
        ("ldtt", True, []),
        ("ldtt", False, ["E-02"]),
        ("ttldtt", True, []),
    ]
