"""A unit head signs a pledge in a real browser, on a phone-width screen (390 × 844)."""

import pytest
from django.urls import reverse

from emulation.models.pledges import Signature
from tests.browser.conftest import PHONE
from tests.emulation.pledges.conftest import (  # noqa: F401 (fixtures)
    cluster,
    heads,
    open_version,
    pledge,
    staff,
    wards,
)
from tests.factories import TEST_PASSWORD

pytestmark = [
    pytest.mark.browser,
    pytest.mark.xdist_group("browser-year"),
    pytest.mark.django_db(transaction=True),
]


def test_unit_head_signs_a_pledge_on_a_phone(journey, open_version, heads):
    tab = journey("pledge-sign-phone", viewport=PHONE)
    tab.sign_in(heads[0])
    tab.open(reverse("pledges:sign", args=[open_version.pk]))
    tab.shot("sign-page")
    assert open_version.document_sha256 in tab.page.content()
    width = tab.page.evaluate("document.documentElement.scrollWidth")
    print(f"pledge_sign_page_width_px: {width}")
    assert width <= PHONE["width"]

    tab.page.check("input[name=consent]")
    tab.page.fill("input[name=password]", TEST_PASSWORD)
    tab.shot("filled")
    tab.submit("text=Tôi đồng ý ký")
    tab.shot("signed")

    assert tab.page.url.endswith(reverse("pledges:detail", args=[open_version.pledge_id]))
    signature = Signature.objects.get(version=open_version)
    print(f"pledge_signatures_written: {Signature.objects.count()}")
    assert (signature.user_id, signature.unit_id) == (heads[0].pk, heads[0].unit_id)
