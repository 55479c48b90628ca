"""A year in the life of an authority, walked through the browser by every role.

The starting world (authority, units, people, accounts, last year's targets, this year's
records and a drafted pledge) is built with factories; after that no step touches the
database: staff, heads, clerks, council members and the chairperson sign in and do their
part in chromium, and a real Celery worker renders every document. The public notice ends
because the test moves the product's clock (`settings.CLOCK_OFFSET_DAYS`, config/clock.py),
not the data. Each step's pages are photographed under var/artefacts/browser/ when
BROWSER_SCREENSHOTS=1 (tests/browser/conftest.py).

Needs PostgreSQL and redis-server, like the other worker tests:
DATABASE_URL=postgresql://postgres@127.0.0.1:5432/thidua pytest -m browser tests/browser/...
"""

import datetime
import re

import pytest
import zxingcpp
from django.urls import reverse
from playwright.sync_api import expect

from config import clock
from tests.awards.test_certificates import page_image
from tests.browser.conftest import PHONE
from tests.browser.year_world import (
    ACTUALS,
    DOCUMENT_WAIT_MS,
    LAPTOP,
    NOTICE_OFFSET_DAYS,
    UNITS,
    Walk,
    build_world,
    click,
    download_from_job_page,
    flash,
    follow,
    name_of_unit,
    owed_signatures,
)
from tests.documents.test_worker_integration import (  # noqa: F401 (fixtures)
    worker,
    worker_redis,
)
from tests.factories import TEST_PASSWORD

pytestmark = [
    pytest.mark.browser,
    pytest.mark.worker,
    pytest.mark.xdist_group("browser-year"),
    pytest.mark.django_db(transaction=True),
]


@pytest.fixture
def public_address(live_server, monkeypatch, settings):
    """The address printed in QR codes is the live server's, for this process and for the
    worker started after this fixture (it reads the variable of the same name)."""
    monkeypatch.setenv("PUBLIC_BASE_URL", live_server.url)
    settings.PUBLIC_BASE_URL = live_server.url
    return live_server.url


@pytest.fixture
def printing_worker(public_address, request):
    """The Celery worker, started once the public address is in its environment."""
    return request.getfixturevalue("worker")


def test_a_year_in_the_life(journey, printing_worker, live_server, settings, authority, tmp_path):
    settings.CLOCK_OFFSET_DAYS = 0
    year = clock.today().year
    world = build_world(authority, year)
    walk = Walk(journey)
    staff = walk.tab(world["staff"])

    # 1. Staff open the year (last year's targets copied into it) and enter the actuals.
    walk.step(1)
    walk.look(staff, "01-home")
    follow(staff, "Chỉ tiêu")
    follow(staff, "Danh mục chỉ tiêu")
    walk.look(staff, "01-catalogue-last-year")
    # The form proposes last year into this one.
    expect(staff.page.get_by_label("Từ năm")).to_have_value(str(year - 1))
    expect(staff.page.get_by_label("Sang năm")).to_have_value(str(year))
    click(staff, "Sao chép")
    assert "Đã sao chép 6 chỉ tiêu." in flash(staff)
    walk.look(staff, "01-year-opened")
    follow(staff, "Nhập số liệu")
    values = staff.page.locator("form[data-grid] input[name^=value-]")
    expect(values).to_have_count(3)
    for code, value in ACTUALS.items():
        staff.page.locator("form[data-grid] tr", has_text=code).locator("input[name^=value-]").fill(
            value
        )
    walk.look(staff, "01-actuals-typed")
    click(staff, "Lưu toàn bộ")
    assert "Đã lưu: 3 số liệu mới, 0 số liệu sửa." in flash(staff)
    walk.look(staff, "01-actuals-saved")
    grid_height = staff.page.evaluate("document.documentElement.scrollHeight")
    print(f"year_grid_page_height_px_at_1366: {grid_height} (3 rows)")

    # ... and open the bloc's pledge for signature; the worker renders the document to sign.
    pledge_url = reverse("pledges:detail", args=[world["pledge"].pk])
    follow(staff, "Giao ước")
    follow(staff, world["pledge_title"])
    click(staff, "Chốt nội dung và mở ký")
    assert "Đã mở ký." in flash(staff)
    # The page updates itself when the worker has rendered the document.
    expect(staff.page.get_by_role("link", name="Văn bản ký (PDF)")).to_be_visible(
        timeout=DOCUMENT_WAIT_MS
    )
    walk.look(staff, "01-pledge-open")

    # 2. Every head signs the pledge, the last one on a phone; staff watch what units owe.
    walk.step(2)
    staff.open(reverse("emulation:home"))
    follow(staff, "Xem đơn vị còn thiếu")
    walk.look(staff, "02-units-owe")
    assert owed_signatures(staff) == {row["unit"].name: "1" for row in world["units"]}
    for index, row in enumerate(world["units"]):
        phone = index == len(world["units"]) - 1
        head = walk.tab(row["head"], PHONE if phone else None)
        walk.look(head, "02-home")
        follow(head, "Xem và ký")
        # "Giao ước chờ bạn ký" heads the list and leads straight to the signing page.
        follow(head, world["pledge_title"])
        expect(head.page.locator("h1")).to_have_text("Ký giao ước thi đua")
        walk.look(head, "02-sign-page")
        if phone:
            # The main action is above the fold of a phone.
            button = head.page.get_by_role("button", name="Tôi đồng ý ký", exact=True)
            box = button.bounding_box()
            assert box["y"] + box["height"] <= PHONE["height"], box
        head.page.check("input[name=consent]")
        head.page.fill("input[name=password]", TEST_PASSWORD)
        click(head, "Tôi đồng ý ký")
        assert head.page.url.endswith(pledge_url), head.page.url
        expect(head.page.get_by_text("Đã ký lúc")).to_be_visible()
        walk.look(head, "02-signed")
    expect(head.page.get_by_role("link", name="Văn bản đã ký đủ (PDF)")).to_be_visible(
        timeout=DOCUMENT_WAIT_MS
    )
    walk.look(head, "02-pledge-complete")
    staff.page.reload()
    walk.look(staff, "02-units-owe-after")
    assert owed_signatures(staff) == {row["unit"].name: "— không thiếu" for row in world["units"]}

    # 3. Clerks draft nominations; heads submit them.
    walk.step(3)
    nominations = {}
    for row in world["units"][:2]:
        clerk = walk.tab(row["clerk"])
        follow(clerk, "Xem hồ sơ")
        walk.look(clerk, "03-nominations")
        follow(clerk, "Lập hồ sơ đề nghị")
        clerk.page.get_by_label("Năm thành tích").fill(str(year))
        title = f"Tờ trình đề nghị công nhận Lao động tiên tiến năm {year} ({row['unit'].code})"
        clerk.page.get_by_label("Trích yếu tờ trình").fill(title)
        clerk.page.get_by_label("Tóm tắt thành tích").fill(
            f"{row['unit'].name} hoàn thành xuất sắc nhiệm vụ năm {year}."
        )
        walk.look(clerk, "03-draft-form")
        click(clerk, "Tạo hồ sơ")
        clerk.page.get_by_label("Danh hiệu, hình thức").select_option(label="Lao động tiên tiến")
        clerk.page.get_by_label("Đối tượng").select_option(label="Cá nhân")
        if row is world["units"][0]:
            # Forgetting the person is refused in plain words, and nothing is added.
            click(clerk, "Thêm")
            walk.look(clerk, "03-person-missing")
            assert flash(clerk) == "Hãy chọn cá nhân được đề nghị."
            clerk.page.get_by_label("Danh hiệu, hình thức").select_option(
                label="Lao động tiên tiến"
            )
            clerk.page.get_by_label("Đối tượng").select_option(label="Cá nhân")
        clerk.page.get_by_label("Cá nhân", exact=True).select_option(label=row["nominee"].full_name)
        clerk.page.get_by_label("Thành tích", exact=True).fill(
            "Giải quyết 100 % hồ sơ đúng hạn; 2 sáng kiến."
        )
        click(clerk, "Thêm")
        assert "Đã thêm vào danh sách đề nghị." in flash(clerk)
        walk.look(clerk, "03-line-added")
        nominations[row["unit"].code] = clerk.page.url.removeprefix(clerk.base)

        head = walk.tab(row["head"])
        head.open(reverse("emulation:home"))
        follow(head, "Xem hồ sơ")
        follow(head, title)
        click(head, "Gửi hồ sơ")
        assert "Đã gửi hồ sơ để thẩm định." in flash(head)
        walk.look(head, "03-submitted")

    # 4. Staff appraise each nomination from the data and publish it.
    walk.step(4)
    for code in nominations:
        staff.open(reverse("emulation:home"))
        follow(staff, "Thẩm định")
        walk.look(staff, "04-review-queue")
        follow(staff, f"Tờ trình đề nghị công nhận Lao động tiên tiến năm {year} ({code})")
        click(staff, "Thẩm định theo dữ liệu")
        assert "Đã thẩm định hồ sơ." in flash(staff)
        walk.look(staff, "04-appraised")
        click(staff, "Công khai danh sách")
        assert "Đã công khai danh sách đề nghị." in flash(staff)
        walk.look(staff, "04-published")

    # 5. The notice ends: the product's clock moves on, the data stay as they are. Before,
    # the council's agenda offers nothing; after, both nominations.
    walk.step(5)
    staff.open(reverse("emulation:home"))
    follow(staff, "Xem phiên họp")
    staff.page.get_by_label("Tên phiên họp").fill(f"Phiên họp xét khen thưởng năm {year}")
    held_on = clock.today() + datetime.timedelta(days=NOTICE_OFFSET_DAYS)
    staff.page.get_by_label("Ngày họp").fill(held_on.strftime("%d/%m/%Y"))
    for member in world["members"]:
        staff.page.get_by_label(member.get_full_name()).check()
    walk.look(staff, "05-session-form")
    click(staff, "Tạo phiên họp")
    session_url = staff.page.url.removeprefix(staff.base)
    expect(
        staff.page.get_by_text("Chưa có hồ sơ nào hết thời hạn công khai để đưa vào phiên họp.")
    ).to_be_visible()
    walk.look(staff, "05-notice-running")
    # The same page on a phone: the header folds behind its menu, nothing scrolls sideways.
    staff.page.set_viewport_size(PHONE)
    expect(staff.page.locator(".menu-toggle")).to_be_visible()
    walk.look(staff, "05-notice-running-phone")
    staff.page.set_viewport_size(LAPTOP)
    expect(staff.page.locator(".menu-toggle")).to_be_hidden()
    settings.CLOCK_OFFSET_DAYS = NOTICE_OFFSET_DAYS
    staff.page.reload()
    options = staff.page.locator("#agenda-nomination option")
    expect(options).to_have_count(2)
    walk.look(staff, "05-notice-ended")

    # 6. The council votes: both nominations on the agenda, three secret ballots, the count.
    walk.step(6)
    for _nomination in nominations:
        click(staff, "Đưa vào phiên họp")
        assert "Đã đưa hồ sơ vào phiên họp." in flash(staff)
    walk.look(staff, "06-agenda")
    first, second = (row["nominee"].full_name for row in world["units"][:2])
    # Everyone approves the first nominee; only one member the second.
    choices = [("Đồng ý", "Đồng ý"), ("Đồng ý", "Không đồng ý"), ("Đồng ý", "Không đồng ý")]
    for member, (on_first, on_second) in zip(world["members"], choices, strict=True):
        tab = walk.tab(member)
        # Every member's ballots look alike: the first member's pages stand for them all.
        looks = member is world["members"][0]
        follow(tab, "Bỏ phiếu")
        for name, choice in ((first, on_first), (second, on_second)):
            if looks:
                walk.look(tab, "06-ballots")
            with tab.page.expect_navigation():
                tab.page.locator("li", has_text=name_of_unit(world, name)).get_by_role(
                    "link", name="Bỏ phiếu"
                ).click()
            tab.page.get_by_role("radio", name=choice, exact=True).check()
            if looks:
                walk.look(tab, "06-ballot")
            click(tab, "Gửi phiếu")
            assert "Đã ghi nhận phiếu của bạn." in flash(tab)
            tab.open(reverse("awards:ballot_list"))
        expect(tab.page.get_by_text("Đã bỏ phiếu")).to_have_count(2)
    staff.open(session_url)
    click(staff, "Kiểm phiếu và kết thúc")
    assert "Đã kiểm phiếu và kết thúc phiên họp." in flash(staff)
    result = staff.page.locator("main").inner_text()
    assert f"{first} · Lao động tiên tiến: Đạt" in result
    assert f"{second} · Lao động tiên tiến: Không đạt" in result
    walk.look(staff, "06-counted")

    # ... staff draft the decision from the approved nomination.
    follow(staff, f"Tờ trình đề nghị công nhận Lao động tiên tiến năm {year} ({UNITS[0][0]})")
    click(staff, "Lập dự thảo quyết định")
    assert "Đã lập dự thảo quyết định." in flash(staff)
    decision_url = staff.page.url.removeprefix(staff.base)
    walk.look(staff, "06-decision-drafted")

    # 7. The chairperson signs the decision with a password, from the home page.
    walk.step(7)
    chair = walk.tab(world["chair"])
    walk.look(chair, "07-home")
    follow(chair, "Xem quyết định")
    follow(chair, "Dự thảo")
    follow(chair, "Ký quyết định")
    summary = chair.page.locator("main").inner_text()
    assert first in summary and second not in summary
    walk.look(chair, "07-summary")
    # A mistyped password signs nothing.
    chair.page.check("input[name=consent]")
    chair.page.fill("input[name=password]", "sai-mat-khau")
    click(chair, "Tôi đồng ý ký quyết định")
    walk.look(chair, "07-wrong-password")
    expect(
        chair.page.get_by_text("Mật khẩu không đúng hoặc chưa nhập lại mật khẩu.")
    ).to_be_visible()
    expect(chair.page.locator("h1")).to_have_text("Ký quyết định khen thưởng")
    chair.page.check("input[name=consent]")
    chair.page.fill("input[name=password]", TEST_PASSWORD)
    click(chair, "Tôi đồng ý ký quyết định")
    heading = chair.page.locator("h1").inner_text()
    assert re.fullmatch(r"Quyết định số 01/QĐ-UBND", heading), heading
    walk.look(chair, "07-signed")

    # 8. Staff print the certificates; the worker renders them.
    walk.step(8)
    staff.open(decision_url)
    click(staff, "In giấy khen (PDF/A)")
    walk.look(staff, "08-certificates-queued")
    _path, certificates = download_from_job_page(staff, "giay-khen.pdf")
    printed = " ".join(certificates.split())
    assert first in printed and second not in printed
    assert "Quyết định số 01/QĐ-UBND" in printed and "Huỳnh Văn Chủ" in printed
    walk.look(staff, "08-certificates-printed")

    # 9. A phone scans the certificate's QR code and lands on the verification page.
    walk.step(9)
    image = page_image(_path.read_bytes(), dpi=150, folder=tmp_path)
    scanned = [found.text for found in zxingcpp.read_barcodes(image)]
    assert len(scanned) == 1 and scanned[0].startswith(live_server.url), scanned
    visitor = walk.journey("year-visitor-phone", PHONE)
    visitor.page.goto(scanned[0])
    expect(visitor.page.locator("#certificate-status")).to_have_text("Còn hiệu lực")
    assert first in visitor.page.locator("main").inner_text()
    walk.look(visitor, "09-verified")

    # 10. Staff print the year-end report.
    walk.step(10)
    staff.open(reverse("emulation:home"))
    follow(staff, "Tạo báo cáo")
    staff.page.get_by_label("Năm báo cáo").fill(str(year))
    walk.look(staff, "10-report-form")
    click(staff, "Tạo báo cáo")
    _report, report = download_from_job_page(staff, "bao-cao.pdf")
    told = " ".join(report.split())
    # Every part of the year is in the report: targets, the bloc's pledge, the awards.
    assert f"Tổng kết công tác thi đua, khen thưởng năm {year}" in told
    assert "3/3 chỉ tiêu đạt và vượt, 3 vượt kế hoạch." in told
    assert "Khối các phòng chuyên môn 3 Đã ký đủ 3/3" in told
    assert "Tổng số 1 lượt khen thưởng, tiền thưởng 760.000 đồng." in told
    walk.look(staff, "10-report-printed")
    print(f"year_pages_checked_by_axe: {walk.pages_checked}")
    print(f"year_axe_minor_or_moderate_violations: {walk.minor_violations}")
    print("year_axe_serious_or_critical_violations: 0")
    for number, seconds in walk.step_seconds().items():
        print(f"year_step_{number}_seconds: {seconds}")
