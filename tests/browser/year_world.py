"""The world and the walk of tests/browser/test_year_in_the_life.py.

`build_world` makes the authority as it stands on the first day of the year (factories: the
only writes of the test). `Walk` holds each person's signed-in tab and looks at every page of
the walk: a screenshot numbered in walk order, axe-core, and no sideways scrolling on a phone.
The small helpers click and read as a person does: by the names of links and buttons.
"""

import datetime
import re
import subprocess
import time
from decimal import Decimal
from pathlib import Path

from playwright.sync_api import expect

from emulation.enums import Role, UnitKind
from emulation.models.clusters import Cluster, ClusterMembership
from emulation.pledges.clusters import set_cluster_term
from emulation.pledges.enums import ClusterKind
from tests.awards.factories import PersonYearFactory
from tests.browser.axe import assert_accessible
from tests.browser.conftest import ARTEFACTS, PHONE, keep_screenshot
from tests.emulation.pledges.conftest import draft_pledge
from tests.emulation.targets.factories import TargetFactory
from tests.factories import (
    EmploymentFactory,
    PersonFactory,
    UnitFactory,
    UserFactory,
    rename_district_to_ward,
)

# A rendered document reaches the job page within this many milliseconds (a cold worker
# imports WeasyPrint first).
DOCUMENT_WAIT_MS = 90_000
# The screen the issue was tried on.
LAPTOP = {"width": 1366, "height": 768}
# Five working days of public notice (the rule sets' default) end within two weeks.
NOTICE_OFFSET_DAYS = 14

# code, name, head, clerk, the person the unit nominates
UNITS = [
    (
        "VHTT",
        "Phòng Văn hóa, Khoa học và Thông tin",
        "Nguyễn Thị Thu Hà",
        "Lý Minh Khoa",
        "Phạm Quốc Bảo",
    ),
    ("YT", "Phòng Y tế", "Trần Minh Đức", "Phan Thị Mỹ", "Lê Thị Ngọc Ánh"),
    ("KT", "Phòng Kinh tế", "Võ Thanh Tùng", "Hồ Thị Kim", "Đặng Thị Hồng Nhung"),
]

AUTHORITY_TARGETS = [
    ("KT-01", "Tổng thu ngân sách nhà nước trên địa bàn", "tỷ đồng", Decimal("16728.5")),
    ("XH-01", "Tỷ lệ hộ nghèo giảm so với đầu năm", "%", Decimal("1.5")),
    ("CCHC-01", "Tỷ lệ hồ sơ thủ tục hành chính giải quyết trực tuyến", "%", Decimal("85")),
]
ACTUALS = {"KT-01": "17.102,3", "XH-01": "1,6", "CCHC-01": "88"}


def account(role, unit, username: str, full_name: str, *, person=None):
    """A user whose name reads as people see it ("Trần Thị Hạnh"), with their person record."""
    family, _space, given = full_name.rpartition(" ")
    return UserFactory(
        role=role,
        unit=unit,
        username=username,
        last_name=family,
        first_name=given,
        person=person or PersonFactory(authority=unit.authority, full_name=full_name),
    )


def build_world(authority, year: int) -> dict:
    """The authority as it stands on the first day: offices with a head and a clerk each,
    last year's targets, this year's records of the people, a bloc and its drafted pledge."""
    rename_district_to_ward(authority)
    office = UnitFactory(authority=authority, code="VP", name="Văn phòng HĐND và UBND")
    world = {
        "staff": account(Role.AUTHORITY_STAFF, office, "canbo", "Trần Thị Hạnh"),
        "chair": account(Role.CHAIRPERSON, office, "chutich", "Huỳnh Văn Chủ"),
        "members": [
            account(Role.COUNCIL_MEMBER, office, f"hoidong{n}", name)
            for n, name in enumerate(("Mai Thị Lan", "Đỗ Văn Hùng", "Bùi Thị Yến"), start=1)
        ],
        "units": [],
    }
    for code, name, unit_of_measure, plan in AUTHORITY_TARGETS:
        TargetFactory(
            authority=authority,
            year=year - 1,
            code=code,
            name=name,
            unit_of_measure=unit_of_measure,
            plan_value=plan,
        )
    for code, name, head_name, clerk_name, worker_name in UNITS:
        unit = UnitFactory(
            authority=authority, code=code, name=name, kind=UnitKind.SPECIALIST_OFFICE
        )
        head_person = PersonFactory(authority=authority, full_name=head_name)
        nominee = PersonFactory(authority=authority, full_name=worker_name)
        for person in (head_person, nominee):
            EmploymentFactory(person=person, unit=unit)
            PersonYearFactory(person=person, unit=unit, year=year)
        TargetFactory(
            authority=authority,
            unit=unit,
            year=year - 1,
            code=f"{code}-1",
            name=f"Tỷ lệ hồ sơ của {name} giải quyết đúng hạn",
            unit_of_measure="%",
            plan_value=Decimal("98"),
        )
        world["units"].append(
            {
                "unit": unit,
                "nominee": nominee,
                "head": account(
                    Role.UNIT_HEAD, unit, f"truong_{code}".lower(), head_name, person=head_person
                ),
                "clerk": account(Role.UNIT_CLERK, unit, f"vanthu_{code}".lower(), clerk_name),
            }
        )
    bloc = Cluster.objects.create(
        authority=authority,
        kind=ClusterKind.BLOC,
        year=year,
        code="KHOI-PCM",
        name="Khối các phòng chuyên môn",
    )
    for index, row in enumerate(world["units"]):
        ClusterMembership.objects.create(cluster=bloc, unit=row["unit"], sort_order=index)
    set_cluster_term(
        cluster=bloc,
        head_unit=world["units"][0]["unit"],
        deputy_unit=world["units"][1]["unit"],
        valid_from=datetime.date(year, 1, 1),
        elected_at_meeting=f"Tổng kết năm {year - 1}",
    )
    world["pledge_title"] = f"Giao ước thi đua Khối các phòng chuyên môn năm {year}"
    world["pledge"] = draft_pledge(
        cluster=bloc,
        staff=world["staff"],
        title=world["pledge_title"],
        section="Cải cách hành chính",
        text="Giải quyết đúng hạn 100 % hồ sơ thủ tục hành chính",
        place="Hội trường UBND phường",
    )
    return world


class Walk:
    """The year's tabs: one per person, and the artefacts of every page looked at."""

    def __init__(self, journey):
        self.journey = journey
        self.tabs: dict[str, object] = {}
        self.pages_checked = 0
        # Violations axe rates minor or moderate (serious and critical ones fail the test).
        self.minor_violations = 0
        self.steps: list[tuple[str, float]] = []

    def step(self, number: int) -> None:
        """Mark the start of step `number`, for the seconds each step took."""
        self.steps.append((f"{number:02d}", time.monotonic()))

    def step_seconds(self) -> dict[str, float]:
        ends = [start for _number, start in self.steps[1:]] + [time.monotonic()]
        return {
            number: round(end - start, 1)
            for (number, start), end in zip(self.steps, ends, strict=True)
        }

    def tab(self, user, viewport=None):
        """The signed-in tab of `user`, opened on first use, on the home page. The walk's
        first person and anyone on a phone sign in through the form; the others are handed
        a session (Journey.sign_in_with_session): the same form a dozen times over cost a
        second each."""
        key = f"{user.username}-{'phone' if viewport else 'desktop'}"
        if key not in self.tabs:
            tab = self.journey(f"year-{key}", viewport or LAPTOP)
            if self.tabs and viewport is None:
                tab.sign_in_with_session(user)
            else:
                tab.sign_in(user)
            self.tabs[key] = tab
        return self.tabs[key]

    def look(self, tab, label: str) -> None:
        """Photograph the page (BROWSER_SCREENSHOTS=1, tests/browser/conftest.py), run
        axe-core on it (no serious or critical WCAG A/AA violation) and, on a phone, check
        that nothing scrolls sideways."""
        self.pages_checked += 1
        # Numbered in the order of the walk, whoever's tab it is.
        name = f"year-{self.pages_checked:02d}-{label}-{tab.name.removeprefix('year-')}.png"
        keep_screenshot(tab.page, name)
        result = assert_accessible(tab.page, f"{tab.name} {label}")
        self.minor_violations += len(result["violations"])
        if tab.page.viewport_size["width"] == PHONE["width"]:
            width = tab.page.evaluate("document.documentElement.scrollWidth")
            assert width <= PHONE["width"], f"{label}: {width} px wide on a phone"


def click(tab, name: str, role: str = "button") -> None:
    """Click the control named `name` and wait for the page it leads to."""
    with tab.page.expect_navigation():
        tab.page.get_by_role(role, name=name, exact=True).first.click()


def follow(tab, name: str) -> None:
    """Follow the first link named exactly `name`, as a person would click it."""
    click(tab, name, role="link")


def owed_signatures(tab) -> dict[str, str]:
    """On the page of what units still owe: each unit's count of pledge signatures owed, as
    read aloud too ("— không thiếu" where none is)."""
    rows = tab.page.locator("main table tbody tr")
    return {
        rows.nth(n).locator("th").inner_text(): " ".join(
            rows.nth(n).locator("td").first.inner_text().split()
        )
        for n in range(rows.count())
    }


def name_of_unit(world, nominee_name: str) -> str:
    """The nominating unit of a nominee, as the ballot list names it."""
    return next(
        row["unit"].name for row in world["units"] if row["nominee"].full_name == nominee_name
    )


def flash(tab) -> str:
    return (
        tab.page.locator(".messages").inner_text() if tab.page.locator(".messages").count() else ""
    )


def download_from_job_page(tab, name: str) -> tuple[Path, str]:
    """On a job page: wait for the worker's result, download it among the artefacts, return
    its path and its text."""
    link = tab.page.get_by_role("link", name=re.compile("Tải"))
    expect(link.first).to_be_visible(timeout=DOCUMENT_WAIT_MS)
    with tab.page.expect_download() as download:
        link.first.click()
    path = ARTEFACTS / f"year-{name}"
    download.value.save_as(path)
    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    return path, text
