"""Phone-width pages (390 × 844): the header folds behind its menu button, and the signing, status
and verification pages, where a QR scan lands, never scroll sideways."""

import os

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from awards.certificates.services import request_certificates
from awards.models import Certificate
from documents.enums import JobStatus
from documents.services import run_job
from tests.awards.conftest import (  # noqa: F401 (fixtures)
    award,
    chair,
    head,
    make_person,
    nomination,
    signed_decision,
)
from tests.browser.conftest import PHONE
from tests.emulation.pledges.conftest import (  # noqa: F401 (fixtures)
    cluster,
    heads,
    open_version,
    pledge,
    staff,
    wards,
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.xdist_group("browser"),
    pytest.mark.django_db(transaction=True),
]

FOLDED_HEADER_PX = 120


@pytest.fixture
def certificate_job(signed_decision, staff):
    """The certificate of the signed decision, printed."""
    job = run_job(
        job_id=request_certificates(decision=signed_decision, user=staff).pk,
        worker_pid=os.getpid(),
    )
    assert job.status == JobStatus.DONE, job.error
    return job


def measure(tab, label: str) -> dict:
    """The header's height, the page's width and where the main action ends, in CSS px."""
    tab.shot(label)
    figures = tab.page.evaluate(
        """() => {
          const action = document.querySelector("main .button-primary");
          return {
            header: Math.round(
              document.querySelector(".site-header").getBoundingClientRect().height
            ),
            width: document.documentElement.scrollWidth,
            action: action ? Math.round(action.getBoundingClientRect().bottom) : null,
          };
        }"""
    )
    print(f"phone_{label}: {figures}")
    assert figures["header"] < FOLDED_HEADER_PX, figures
    assert figures["width"] <= PHONE["width"], figures
    return figures


def test_phone_pages_fold_the_header_and_never_scroll_sideways(
    settings, tmp_path, journey, open_version, heads, staff, certificate_job
):
    settings.MEDIA_ROOT = os.environ.get("PLEDGE_TEST_MEDIA") or str(tmp_path / "media")
    certificate = Certificate.objects.get()
    decision = certificate.decision_line.decision

    signer = journey("phone-layout-head", viewport=PHONE)
    signer.sign_in(heads[0])
    signer.open(reverse("pledges:sign", args=[open_version.pk]))
    sign_page = measure(signer, "pledge-sign")
    assert sign_page["action"] <= PHONE["height"], "the sign button is below the fold"

    toggle = signer.page.locator(".menu-toggle")
    assert toggle.get_attribute("aria-expanded") == "false"
    expect(signer.page.locator(".main-nav")).to_be_hidden()
    toggle.focus()
    signer.page.keyboard.press("Enter")
    assert toggle.get_attribute("aria-expanded") == "true"
    expect(signer.page.locator(".main-nav")).to_be_visible()
    expect(signer.page.locator("text=Đăng xuất")).to_be_visible()
    signer.shot("menu-open")
    signer.page.keyboard.press("Escape")
    assert toggle.get_attribute("aria-expanded") == "false"
    expect(signer.page.locator(".main-nav")).to_be_hidden()

    signer.open(reverse("pledges:detail", args=[open_version.pledge_id]))
    measure(signer, "pledge-detail")
    signer.open(reverse("pledges:verify") + f"?ma={open_version.verification_code}")
    assert open_version.document_sha256 in signer.page.content()
    measure(signer, "pledge-verify")

    scan = journey("phone-layout-public", viewport=PHONE)
    scan.open(reverse("awards:certificate_verify", args=[certificate.code]))
    assert certificate.sha256 in scan.page.content()
    assert scan.page.inner_text("#certificate-status") == "Còn hiệu lực"
    measure(scan, "certificate-verify")
    scan.open(
        reverse("awards:decision_verify") + f"?so={decision.reference}&nam={decision.number_year}"
    )
    assert "đang có hiệu lực" in scan.page.inner_text("main")
    measure(scan, "decision-verify")

    printer = journey("phone-layout-staff", viewport=PHONE)
    printer.sign_in(staff)
    printer.open(reverse("documents:job_detail", args=[certificate_job.pk]))
    assert certificate_job.result_sha256 in printer.page.content()
    measure(printer, "job")
    printer.page.set_viewport_size({"width": 1366, "height": 768})
    # The header refits when the media query's change event arrives, a task after the resize:
    # wait for it (up to Playwright's 5 s) instead of reading the page at once.
    expect(printer.page.locator(".menu-toggle")).to_be_hidden()
    expect(printer.page.locator(".main-nav")).to_be_visible()
