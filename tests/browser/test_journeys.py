"""The journeys in a real browser: staff enter a quarter's actuals in the targets grid; the
council's tally approves a nomination and the chairperson signs the decision on its signing
page (the summary, the consent, the password); staff print a document. Screenshots go to
var/artefacts/browser/ (BROWSER_SCREENSHOTS=1).

Printing goes through the job page: the test stands in for the worker by running the queued
job in-process (the worker itself is covered by tests/reliability)."""

import datetime
import hashlib
import os
from decimal import Decimal
from pathlib import Path

import pytest
from django.urls import reverse

from awards.council.services import cast_ballot, create_session, set_attendance
from awards.decisions.services import draft_decision
from awards.enums import NominationState
from awards.models import Decision, Nomination
from documents.enums import JobStatus
from documents.models import Job
from documents.services import run_job
from emulation.enums import Role
from emulation.models import Actual
from tests.awards.conftest import (  # noqa: F401 (fixtures)
    award,
    chair,
    head,
    make_person,
    nomination,
    staff,
)
from tests.browser.conftest import PHONE
from tests.emulation.targets.factories import ReportingPeriodFactory, TargetFactory
from tests.factories import TEST_PASSWORD, UserFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.xdist_group("browser-year"),
    pytest.mark.django_db(transaction=True),
]


def test_staff_enter_a_quarters_actuals_in_the_targets_grid(journey, authority, unit):
    clerk = UserFactory(role=Role.UNIT_CLERK, unit=unit)
    ReportingPeriodFactory(authority=authority)
    targets = [
        TargetFactory(authority=authority, unit=unit, code=f"Q{n}", plan_value=Decimal(200 * n))
        for n in (1, 2, 3)
    ]
    tab = journey("targets-grid")
    tab.sign_in(clerk)
    grid = reverse("targets:grid", args=[unit.pk, 2023, "q1", "official"])
    tab.open(grid)
    tab.shot("empty")
    entered = {"Q1": "16.728,5", "Q2": "1.200", "Q3": "75"}
    for target in targets:
        tab.page.fill(f"input[name=value-{target.pk}]", entered[target.code])
    tab.shot("filled")
    tab.submit("form[data-grid] button[type=submit]")
    tab.shot("saved")

    saved = {a.target.code: a.value for a in Actual.objects.select_related("target")}
    print(f"grid_rows_written: {len(saved)}")
    assert saved == {"Q1": Decimal("16728.5"), "Q2": Decimal("1200"), "Q3": Decimal("75")}
    assert tab.page.input_value(f"input[name=value-{targets[0].pk}]") == "16.728,5"


def test_council_approves_chair_signs_and_staff_print_the_decision(
    journey, staff, chair, unit, nomination, settings, tmp_path
):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    member = UserFactory(role=Role.COUNCIL_MEMBER, unit=unit)
    session = create_session(
        user=staff, title="Phiên họp Hội đồng", held_on=datetime.date(2026, 1, 8), members=[member]
    )
    set_attendance(session=session, member=member, present=True)
    Nomination.objects.filter(pk=nomination.pk).update(
        state=NominationState.IN_COUNCIL, council_session=session, verdict="eligible"
    )
    nomination.refresh_from_db()
    line = nomination.lines.get()
    cast_ballot(nomination=nomination, member=member, choices={line.pk: "yes"})

    council = journey("council-decision")
    council.sign_in(staff)
    council.open(reverse("awards:session_detail", args=[session.pk]))
    council.shot("session")
    council.submit("text=Kiểm phiếu và kết thúc")
    council.shot("tallied")
    nomination.refresh_from_db()
    line.refresh_from_db()
    assert (nomination.state, line.approved) == (NominationState.APPROVED, True)

    decision = draft_decision(
        user=staff, year=2025, title="Về việc công nhận danh hiệu thi đua năm 2025", lines=[line]
    )
    signing = journey("chair-signs")
    signing.sign_in(chair)
    signing.open(reverse("awards:decision_detail", args=[decision.pk]))
    signing.shot("draft")
    with signing.page.expect_navigation():
        signing.page.click("main a:text-is('Ký quyết định')")
    summary = signing.page.inner_text("main")
    assert ["01/QĐ-UBND" in summary, "Lê Văn Tám" in summary] == [True, True]
    signing.shot("summary")
    phone = journey("chair-signs-phone", PHONE)
    phone.sign_in(chair)
    phone.open(reverse("awards:decision_sign", args=[decision.pk]))
    phone.shot("summary")
    assert phone.page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    # Without the consent ticked the browser does not send the form (the server refuses too).
    signing.page.click("text=Tôi đồng ý ký quyết định")
    consent = signing.page.locator("input[name=consent]")
    assert consent.evaluate("box => box.validity.valueMissing") is True
    decision.refresh_from_db()
    assert decision.number is None
    signing.page.check("input[name=consent]")
    signing.page.fill("input[name=password]", TEST_PASSWORD)
    signing.shot("confirmed")
    signing.submit("text=Tôi đồng ý ký quyết định")
    signing.shot("signed")
    decision.refresh_from_db()
    assert decision.number == 1
    assert decision.reference in signing.page.content()
    assert "Nhập lại mật khẩu khi ký" in signing.page.inner_text("main")

    print_document(
        council, reverse("awards:decision_detail", args=[decision.pk]), "Tải quyết định (PDF)"
    )
    print(f"decisions_signed: {Decision.objects.exclude(number=None).count()}")


def print_document(tab, page_path: str, button: str) -> Job:
    """Click a print button on `page_path`, let the job run, download the PDF from the job page
    and check it is the stored file. Other documents (year-end report, certificates) use it
    with their own page and button."""
    tab.open(page_path)
    tab.submit(f"text={button}")
    job = Job.objects.order_by("-pk").first()
    assert tab.page.url.endswith(reverse("documents:job_detail", args=[job.pk]))
    tab.shot(f"{job.kind}-queued")
    job = run_job(job_id=job.pk, worker_pid=os.getpid())
    assert job.status == JobStatus.DONE, job.error
    tab.page.reload()
    tab.shot(f"{job.kind}-done")
    with tab.page.expect_download() as download:
        tab.page.click(f"a[href='{reverse('documents:job_download', args=[job.pk])}']")
    content = Path(download.value.path()).read_bytes()
    print(f"printed {job.kind}: {len(content)} bytes, {job.page_count} pages")
    assert hashlib.sha256(content).hexdigest() == job.result_sha256
    return job
