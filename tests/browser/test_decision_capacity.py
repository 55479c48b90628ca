"""The decision's signing page in chromium at 1366 and 390 px: the signer chooses the capacity
printed above the name (CHỦ TỊCH, or KT. CHỦ TỊCH / PHÓ CHỦ TỊCH) with the keyboard; the page
never scrolls sideways and axe-core finds no serious WCAG A/AA violation."""

import pytest
from django.urls import reverse

from awards.decisions.services import draft_decision
from tests.awards.conftest import (  # noqa: F401 (fixtures)
    award,
    chair,
    head,
    in_state,
    make_person,
    nomination,
    staff,
)
from tests.browser.axe import assert_accessible
from tests.browser.conftest import PHONE
from tests.factories import TEST_PASSWORD

pytestmark = [
    pytest.mark.browser,
    pytest.mark.xdist_group("browser-year"),
    pytest.mark.django_db(transaction=True),
]

WIDE = {"width": 1366, "height": 900}


def test_a_deputy_chooses_the_capacity_on_the_signing_page(journey, nomination, staff, chair):
    in_state(nomination, "approved", verdict="eligible")
    nomination.lines.update(approved=True)
    decision = draft_decision(user=staff, year=2025, lines=nomination.lines.all())
    url = reverse("awards:decision_sign", args=[decision.pk])

    phone = journey("decision-capacity-phone", PHONE)
    phone.sign_in(chair)
    phone.open(url)
    phone.shot("signing")
    assert phone.page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert_accessible(phone.page, "the decision's signing page at 390 px")

    wide = journey("decision-capacity-wide", WIDE)
    wide.sign_in(chair)
    wide.open(url)
    capacity = wide.page.get_by_label("Ký với thẩm quyền")
    assert capacity.input_value() == "chair"
    capacity.focus()
    wide.page.keyboard.press("ArrowDown")
    assert capacity.input_value() == "deputy"
    wide.page.check("input[name=consent]")
    wide.page.fill("input[name=password]", TEST_PASSWORD)
    wide.shot("deputy-chosen")
    assert wide.page.evaluate("document.documentElement.scrollWidth") <= WIDE["width"]
    assert_accessible(wide.page, "the decision's signing page at 1366 px")
    wide.submit("text=Tôi đồng ý ký quyết định")
    decision.refresh_from_db()
    assert (decision.number, decision.signer_capacity) == (1, "deputy")
