"""The decision signed with the chairperson's own token, in chromium: uploaded from the
decision's page at 390 px, then the public verification page at 1366 px reports both digital
signatures. No sideways scroll; axe-core finds no serious WCAG A/AA violation."""

import datetime
import os

import pytest
from django.urls import reverse

from awards.decisions.services import draft_decision, sign_decision
from documents.services import run_job
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
from tests.documents.signing_support import sign_externally
from tests.factories import JobFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.xdist_group("browser-year"),
    pytest.mark.django_db(transaction=True),
]

WIDE = {"width": 1366, "height": 900}


def test_chair_uploads_the_token_signed_copy_and_the_public_page_reports_it(
    journey, nomination, staff, chair, signing_on, settings, tmp_path
):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    in_state(nomination, "approved", verdict="eligible")
    nomination.lines.update(approved=True)
    decision = draft_decision(user=staff, year=2025, lines=nomination.lines.all())
    sign_decision(decision=decision, user=chair, day=datetime.date.today())
    decision.refresh_from_db()
    job = JobFactory(kind="award_decision", params={"decision": decision.pk}, requested_by=chair)
    job = run_job(job_id=job.pk, worker_pid=os.getpid())
    signed_copy = tmp_path / "quyet-dinh-da-ky.pdf"
    signed_copy.write_bytes(sign_externally(job.result.open("rb").read(), signing_on))

    phone = journey("decision-signed-copy-phone", PHONE)
    phone.sign_in(chair)
    phone.open(reverse("awards:decision_detail", args=[decision.pk]))
    assert_accessible(phone.page, "the decision's page with the signed-copy upload at 390 px")
    phone.page.set_input_files("input[name=file]", str(signed_copy))
    phone.submit("text=Kiểm tra và lưu bản đã ký")
    phone.shot("signed-copy-kept")
    assert phone.page.get_by_text(
        f"Đã kiểm tra chữ ký số và lưu bản gốc đã ký của quyết định {decision.reference}."
    ).is_visible()
    assert phone.page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert_accessible(phone.page, "the decision's page with its signed original at 390 px")

    wide = journey("decision-signed-copy-verify", WIDE)
    wide.open(f"{reverse('awards:decision_verify')}?so={decision.reference}&nam=2026")
    wide.shot("verification")
    assert wide.page.get_by_text("Nguyễn Văn Hùng").is_visible()
    assert wide.page.get_by_text("Toàn vẹn, không bị sửa đổi sau khi ký").count() == 2
    assert wide.page.evaluate("document.documentElement.scrollWidth") <= WIDE["width"]
    assert_accessible(wide.page, "the verification page with two signatures at 1366 px")
