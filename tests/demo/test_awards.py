"""fixtures/demo_awards.json, loaded after fixtures/demo.json and the targets: the records of
2026 and a submitted nomination whose appraisal shows passing and failing rules; from it the
whole workflow runs through the pages (the other steps: tests/demo/test_year.py)."""

import datetime
import re

import pytest
from django.urls import reverse

from awards.decisions import policy
from awards.enums import NominationState, Verdict
from awards.models import CouncilSession, Decision, Nomination, PersonYear, TitleHeld
from awards.nominations.services import appraise_nomination
from demo.writers import DEMO_PASSWORD
from emulation.models import User
from tests.demo.conftest import demo_for_the_module

demo_rows = demo_for_the_module("demo_targets", "demo_awards")


@pytest.fixture
def demo(db, demo_rows):
    """The demo, loaded once for the module."""


def test_demo_has_2026_records_and_six_nominations(demo):
    assert Nomination.objects.filter(year=2026).count() == 6
    assert set(PersonYear.objects.values_list("unit__code", flat=True)) == {
        "GDDT",
        "KT",
        "TCKH",
        "TP",
        "VHTT",
        "YT",
    }
    assert set(PersonYear.objects.values_list("year", flat=True)) == {2026}
    assert TitleHeld.objects.filter(year__in=[2024, 2025]).count() == 48


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


def test_demo_walkthrough_from_appraisal_to_revocation(demo, client):
    """The whole workflow through the pages on the demo data, each page answering 200."""
    staff = User.objects.get(username="canbo.thidua")
    chair = User.objects.get(username="chutich")
    member = User.objects.get(username="hoidong")
    nomination = Nomination.objects.get(state=NominationState.SUBMITTED)
    detail = reverse("awards:nomination_detail", args=[nomination.pk])

    def act(action: str, data=None):
        return client.post(reverse("awards:nomination_review", args=[nomination.pk, action]), data)

    client.force_login(staff)
    act("appraise")
    page = client.get(detail).content.decode()
    assert "E-01" in page and "Khoản 1 Điều 24 Luật Thi đua, khen thưởng số 06/2022/QH15" in page
    act("override", {"verdict": "eligible", "reason": "Loại hai người không đạt khỏi danh sách"})
    act("publish")
    Nomination.objects.filter(pk=nomination.pk).update(notice_until=datetime.date(2020, 1, 1))
    client.post(
        reverse("awards:session_list"),
        {"title": "Phiên họp cuối năm", "held_on": "08/01/2027", "members": [member.pk, chair.pk]},
    )
    session = CouncilSession.objects.get(title="Phiên họp cuối năm")
    assert client.get(reverse("awards:session_detail", args=[session.pk])).status_code == 200
    client.post(
        reverse("awards:session_action", args=[session.pk, "agenda"]), {"nomination": nomination.pk}
    )
    for voter in (member, chair):
        client.force_login(voter)
        vote_url = reverse("awards:vote", args=[nomination.pk])
        assert client.get(vote_url).status_code == 200
        client.post(vote_url, {f"line_{line.pk}": "yes" for line in nomination.lines.all()})
    client.force_login(staff)
    client.post(reverse("awards:session_action", args=[session.pk, "close"]))
    drafted = act("draft-decision")
    decision = Decision.objects.latest("pk")
    assert drafted["Location"] == reverse("awards:decision_detail", args=[decision.pk])
    client.force_login(chair)
    sign_url = reverse("awards:decision_sign", args=[decision.pk])
    shown = re.search(r'name="document_sha256" value="([0-9a-f]{64})"', client.get(sign_url).text)
    client.post(
        sign_url,
        {
            "document_sha256": shown[1],
            "consent_version": policy.CONSENT_VERSION,
            "consent": "on",
            "password": DEMO_PASSWORD,
        },
    )
    decision.refresh_from_db()
    signed_page = client.get(reverse("awards:decision_detail", args=[decision.pk])).content.decode()
    # The demo's own decision took 01/QĐ-UBND; its drafted second waits for the chairperson.
    assert decision.reference == "02/QĐ-UBND" and "Quyết định số 02/QĐ-UBND" in signed_page
    client.post(reverse("awards:decision_revoke", args=[decision.pk]), {"reason": "Kê khai sai"})
    revoked_page = client.get(
        reverse("awards:decision_detail", args=[decision.pk])
    ).content.decode()
    nomination.refresh_from_db()
    assert (nomination.state, "Danh sách thu hồi" in revoked_page) == (
        NominationState.DECIDED,
        True,
    )
    history = client.get(reverse("awards:history"), {"year": "2026"}).content.decode()
    assert "02/QĐ-UBND · đã hủy bỏ" in history
