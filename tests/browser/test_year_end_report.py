"""The year-end report in the browser (issue 16): staff edit the proposed draft and save it,
the page fits 1366 px and a 390 px phone without sideways scroll, and the chairperson signs on
the signing page with the capacity, consent and password."""

import pytest

from emulation.models import User
from emulation.models.reports import AnnualReport
from emulation.reports.enums import ReportStatus
from tests.browser.axe import assert_accessible
from tests.browser.conftest import PHONE
from tests.factories import TEST_PASSWORD
from tests.fixture_loading import load_fixture_files

pytestmark = [
    pytest.mark.browser,
    pytest.mark.xdist_group("browser-year"),
    pytest.mark.django_db(transaction=True),
]

WIDE = {"width": 1366, "height": 900}
PAGE = "/bao-cao/tong-ket/2026/"


@pytest.fixture
def people(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    load_fixture_files("fixtures/demo.json", "fixtures/demo_targets.json")
    users = {name: User.objects.get(username=name) for name in ("canbo.thidua", "chutich")}
    for user in users.values():
        user.set_password(TEST_PASSWORD)
        user.save(update_fields=["password"])
    return users


def sideways_overflow(tab) -> int:
    return tab.page.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )


@pytest.mark.parametrize(("viewport", "name"), [(WIDE, "wide"), (PHONE, "phone")])
def test_staff_edit_the_proposed_draft_and_save_it(journey, people, viewport, name):
    tab = journey(f"year-end-report-{name}", viewport)
    tab.sign_in(people["canbo.thidua"])
    tab.open(PAGE)
    situation = tab.page.locator("textarea[name=situation]")
    assert situation.input_value().startswith("Thuận lợi: ")
    assert "Năm 2026, Phường Sài Gòn có 39 đơn vị" in tab.page.inner_text("main")
    assert tab.page.get_by_label("IV. Phương hướng, nhiệm vụ năm tới").count() == 1
    assert sideways_overflow(tab) <= 0
    assert_accessible(tab.page, f"the year-end report page ({name})")
    tab.shot("draft")
    tab.page.fill("textarea[name=lessons]", "Bám sát cơ sở, đôn đốc từng kỳ.")
    tab.submit("form.report-form button[type=submit]")
    assert "Đã lưu báo cáo tổng kết năm 2026." in tab.page.inner_text("main")
    assert tab.page.locator("textarea[name=lessons]").input_value() == (
        "Bám sát cơ sở, đôn đốc từng kỳ."
    )
    assert "III.3. Bài học kinh nghiệm" in tab.page.inner_text("table.data-table")
    assert sideways_overflow(tab) <= 0
    tab.shot("saved")
    report = AnnualReport.objects.get(year=2026)
    assert (report.version, report.lessons) == (1, "Bám sát cơ sở, đôn đốc từng kỳ.")


def test_chair_signs_on_a_phone(journey, people):
    staff_tab = journey("year-end-report-staff", WIDE)
    staff_tab.sign_in(people["canbo.thidua"])
    staff_tab.open(PAGE)
    staff_tab.submit("form.report-form button[type=submit]")
    tab = journey("year-end-report-sign-phone", PHONE)
    tab.sign_in(people["chutich"])
    tab.open(PAGE)
    tab.page.click("text=Ký ban hành báo cáo")
    tab.page.wait_for_url("**/ky/")
    assert "01/BC-UBND" in tab.page.inner_text("main")
    tab.page.select_option("select[name=capacity]", "deputy")
    tab.page.check("input[name=consent]")
    tab.page.fill("input[name=password]", TEST_PASSWORD)
    assert sideways_overflow(tab) <= 0
    assert_accessible(tab.page, "the year-end report signing page (phone)")
    tab.shot("sign")
    tab.submit("form.sign-form button[type=submit]")
    assert "Đã ký ban hành báo cáo số 01/BC-UBND." in tab.page.inner_text("main")
    tab.shot("signed")
    report = AnnualReport.objects.get(year=2026)
    assert (report.status, report.signer_capacity) == (ReportStatus.ISSUED, "deputy")
