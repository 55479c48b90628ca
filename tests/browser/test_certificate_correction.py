"""Correcting a certificate in the browser (1366 px and 390 px): staff reach the form from the
decision, fill it with the keyboard and issue the new version; a person who scans the old
paper reads that it was replaced and follows the link to the version in force. axe-core finds
no serious WCAG A/AA violation on any of these pages."""

import os

import pytest
from django.urls import reverse

from awards.certificates.services import request_certificates
from awards.models import Certificate
from documents.enums import JobStatus
from documents.models import Job
from documents.services import run_job
from tests.awards.conftest import (  # noqa: F401 (fixtures)
    award,
    chair,
    head,
    make_person,
    nomination,
    signed_decision,
    staff,
)
from tests.browser.axe import assert_accessible
from tests.browser.conftest import PHONE

pytestmark = [
    pytest.mark.browser,
    pytest.mark.xdist_group("browser-year"),
    pytest.mark.django_db(transaction=True),
]

WIDE = {"width": 1366, "height": 900}
CORRECTED = "Lê Văn Tám Hùng"


def page_width(tab) -> int:
    return tab.page.evaluate("() => document.documentElement.scrollWidth")


@pytest.mark.parametrize("viewport", [WIDE, PHONE], ids=["1366", "390"])
def test_staff_correct_a_certificate_and_the_old_code_names_the_new(
    settings, tmp_path, journey, signed_decision, staff, viewport
):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    job = request_certificates(decision=signed_decision, user=staff)
    assert run_job(job_id=job.pk, worker_pid=os.getpid()).status == JobStatus.DONE
    old = Certificate.objects.get()
    width = viewport["width"]

    tab = journey(f"certificate-correction-{width}", viewport=viewport)
    tab.sign_in(staff)
    tab.open(reverse("awards:decision_detail", args=[signed_decision.pk]))
    tab.shot("decision")
    assert page_width(tab) <= width
    assert_accessible(tab.page, f"the decision page with its certificates at {width} px")
    with tab.page.expect_navigation():
        tab.page.click(f"a[href='{reverse('awards:certificate_correct', args=[old.pk])}']")
    holder = tab.page.locator("#id_holder")
    assert holder.input_value() == "Lê Văn Tám"
    tab.shot("form")
    assert page_width(tab) <= width
    assert_accessible(tab.page, f"the certificate correction form at {width} px")
    tab.submit("main form button[type=submit]")  # no reason: refused, nothing issued
    assert "Hãy ghi lý do đính chính." in tab.page.inner_text("main")
    assert Certificate.objects.count() == 1
    tab.shot("refused")
    assert_accessible(tab.page, f"the refused certificate correction at {width} px")
    holder.fill(CORRECTED)
    tab.page.focus("#id_reason")
    tab.page.keyboard.type("Thiếu tên đệm so với hồ sơ")
    with tab.page.expect_navigation():
        tab.page.keyboard.press("Tab")
        tab.page.keyboard.press("Enter")  # the submit button, reached from the reason
    new = Certificate.objects.get(replaces=old)
    assert f"Đã cấp giấy khen đính chính mã {new.code}" in tab.page.inner_text("main")
    new_job = Job.objects.get(params__certificates=[new.pk])
    assert tab.page.url.endswith(reverse("documents:job_detail", args=[new_job.pk]))
    assert run_job(job_id=new_job.pk, worker_pid=os.getpid()).status == JobStatus.DONE

    scan = journey(f"certificate-replaced-{width}", viewport=viewport)
    scan.open(reverse("awards:certificate_verify", args=[old.code]))
    status = scan.page.inner_text("#certificate-status")
    assert f"đã được thay thế bởi giấy khen mã {new.code}" in status
    scan.shot("old-code")
    assert page_width(scan) <= width
    assert_accessible(scan.page, f"a replaced certificate's public page at {width} px")
    with scan.page.expect_navigation():
        scan.page.click(f"#certificate-status a:has-text('{new.code}')")
    assert scan.page.inner_text("#certificate-status") == "Còn hiệu lực"
    assert CORRECTED in scan.page.inner_text("main")
    scan.shot("new-code")
    assert page_width(scan) <= width
    assert_accessible(scan.page, f"a corrected certificate's public page at {width} px")
