"""A ward moves in from its spreadsheets in a real browser: the thi đua staff import the units,
the staff roll and the title history from the templates (each previewed, then confirmed);
the head of an imported unit proposes one of the imported people for Chiến sĩ thi đua cấp
tỉnh, and the appraisal reads the imported district years (E-06). No admin page is used.
Screenshots at 1280 px and 390 px go to var/artefacts/browser/ (BROWSER_SCREENSHOTS=1).

The ward's first account (thi đua staff) and the unit head's account exist, as the
administrator creates them; the person's provincial initiative is recorded as the records
pages would (the initiative import is not built yet)."""

import datetime

import pytest
from django.urls import reverse

from awards.enums import InitiativeLevel
from awards.models import Nomination, TitleHeld
from emulation.enums import Role
from emulation.imports.registry import kind_or_404
from emulation.models import Person, Unit
from tests.awards.factories import InitiativeFactory
from tests.browser.axe import assert_accessible
from tests.browser.conftest import PHONE
from tests.emulation.imports.conftest import xlsx
from tests.factories import UserFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.xdist_group("browser"),
    pytest.mark.django_db(transaction=True),
]

DISTRICT = "Quận, huyện, thị xã, thành phố thuộc tỉnh"


def unit_row(code, name, kind, parent, order):
    return [code, name, kind, parent, "", "", "", "", order]


def person_row(code, name, gender, born, unit_code, position, category, start, end=""):
    return [code, name, gender, born, "", unit_code, position, category, start, end]


def title_row(code, year, award, number, day, level=DISTRICT):
    return [code, "", "Trần Thị Lan", year, award, number, day, level]


def files(unit) -> dict[str, bytes]:
    units, people, history = (kind_or_404(s) for s in ("don-vi", "can-bo", "lich-su-danh-hieu"))
    office, cstdcs = "Cơ quan chuyên môn", "Chiến sĩ thi đua cơ sở"
    return {
        "don-vi": xlsx(
            [
                units.headers,
                unit_row(unit.code, unit.name, office, "", 1),
                unit_row("PVH", "Phòng Văn hóa – Xã hội", office, unit.code, 2),
                unit_row("KP1", "Khu phố 1", "Khu phố, tổ dân phố", unit.code, 3),
            ]
        ),
        "can-bo": xlsx(
            [
                people.headers,
                person_row(
                    "NV01", "Trần Thị Lan", "Nữ", "05/09/1985", "PVH", "Chuyên viên",
                    "Công chức", "01/01/2018", "30/06/2025",
                ),
                person_row(
                    "NV01", "Trần Thị Lan", "Nữ", "05/09/1985", "PVH", "Phó Trưởng phòng",
                    "Công chức", "01/07/2025",
                ),
                person_row(
                    "NV02", "Trần Thị Lan", "Nữ", "1990-02-14", "PVH", "Chuyên viên",
                    "Viên chức", "1/3/2020",
                ),
                person_row(
                    "NV03", "Lê Văn Hùng", "Nam", datetime.date(1979, 12, 2), "KP1", "Tổ trưởng",
                    "Người hoạt động không chuyên trách", "01/07/2025",
                ),
            ]
        ),
        "lich-su-danh-hieu": xlsx(
            [
                history.headers,
                title_row("NV01", 2023, cstdcs, "101/QĐ-UBND", "15/01/2024"),
                title_row("NV01", 2024, cstdcs, "96/QĐ-UBND", "20/01/2025"),
                title_row("NV01", 2025, cstdcs, "12/QĐ-UBND", "10/01/2026", "Phường"),
                title_row("NV02", 2024, "Lao động tiên tiến", "95/QĐ-UBND", "20/01/2025"),
            ]
        ),
    }  # fmt: skip


def import_file(tab, slug: str, content: bytes, label: str) -> None:
    tab.open(reverse("emulation:import_upload", args=[slug]))
    tab.page.set_input_files(
        "input[type=file]",
        files=[{"name": f"{slug}.xlsx", "mimeType": "application/octet-stream", "buffer": content}],
    )
    tab.submit("form.form-stack button[type=submit]")
    assert "Xem trước: tệp hợp lệ, chưa ghi" in tab.page.inner_text("main"), tab.page.inner_text(
        "main"
    )
    tab.shot(f"{label}-preview")
    assert_accessible(tab.page, f"{slug} import preview")
    tab.submit("button:has-text('Xác nhận ghi')")
    assert "Đã ghi:" in tab.page.inner_text("main")
    tab.shot(f"{label}-written")
    assert_accessible(tab.page, f"{slug} import history")


def no_sideways_scroll(tab) -> bool:
    return tab.page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def test_a_new_ward_imports_its_data_and_the_appraisal_reads_the_district_years(
    journey,
    authority,
    unit,
):
    staff = UserFactory(role=Role.AUTHORITY_STAFF, unit=unit, username="thidua.phuong")
    tab = journey("imports")
    tab.sign_in(staff)
    tab.open(reverse("emulation:import_guide"))
    tab.shot("guide-empty")
    assert_accessible(tab.page, "import guide")
    for slug, content in files(unit).items():
        import_file(tab, slug, content, slug)

    tab.open(reverse("emulation:import_guide"))
    tab.shot("guide-done")
    main = tab.page.inner_text("main")
    # Units, people and history written; initiatives, disciplines, ratings, targets not yet.
    assert main.count("Chưa nhập") == 4
    assert Unit.objects.get(code="PVH").parent == unit
    assert Person.objects.filter(full_name="Trần Thị Lan").count() == 2
    assert TitleHeld.objects.filter(person__staff_code="NV01").count() == 3

    phone = journey("imports-phone", viewport=PHONE)
    phone.sign_in(staff)
    phone.open(reverse("emulation:import_upload", args=["can-bo"]))
    phone.page.set_input_files(
        "input[type=file]",
        files=[
            {"name": "sai.xlsx", "mimeType": "application/octet-stream", "buffer": xlsx([["x"]])}
        ],
    )
    phone.submit("form.form-stack button[type=submit]")
    assert "Tệp bị từ chối" in phone.page.inner_text("main")
    phone.shot("refused")
    assert no_sideways_scroll(phone)
    assert_accessible(phone.page, "refused import on a phone")
    phone.open(reverse("emulation:import_guide"))
    phone.shot("guide")
    assert no_sideways_scroll(phone)
    renamed = xlsx(
        [
            kind_or_404("don-vi").headers,
            unit_row(
                "PVH", "Phòng Văn hóa, Khoa học và Thông tin", "Cơ quan chuyên môn", unit.code, 2
            ),
        ]
    )
    phone.open(reverse("emulation:import_upload", args=["don-vi"]))
    phone.page.set_input_files(
        "input[type=file]",
        files=[{"name": "doi-ten.xlsx", "mimeType": "application/octet-stream", "buffer": renamed}],
    )
    phone.submit("form.form-stack button[type=submit]")
    changes = phone.page.inner_text("table")
    assert "Phòng Văn hóa – Xã hội" in changes and "Phòng Văn hóa, Khoa học và Thông tin" in changes
    phone.shot("change-preview")
    assert no_sideways_scroll(phone)
    assert_accessible(phone.page, "change preview on a phone")

    lan = Person.objects.get(staff_code="NV01")
    InitiativeFactory(
        person=lan, level=InitiativeLevel.PROVINCE, recognised_on=datetime.date(2025, 9, 1)
    )
    head = UserFactory(role=Role.UNIT_HEAD, unit=Unit.objects.get(code="PVH"), username="tp.pvh")
    unit_tab = journey("imports-nomination")
    unit_tab.sign_in_with_session(head)  # the form was walked by the staff, above
    unit_tab.open(reverse("awards:nomination_create"))
    unit_tab.page.fill("input[name=year]", "2025")
    unit_tab.page.fill("input[name=title]", "Đề nghị tặng danh hiệu Chiến sĩ thi đua cấp tỉnh")
    unit_tab.submit("main form button[type=submit]")
    unit_tab.page.select_option("select[name=award]", label="Chiến sĩ thi đua cấp tỉnh")
    unit_tab.page.select_option("select[name=subject_kind]", value="individual")
    unit_tab.page.select_option("select[name=person]", value=str(lan.pk))
    unit_tab.submit("form[action$='/them/'] button[type=submit]")
    unit_tab.submit("button:has-text('Gửi hồ sơ')")
    nomination = Nomination.objects.get()

    tab.open(reverse("awards:nomination_detail", args=[nomination.pk]))
    tab.submit("button:has-text('Thẩm định theo dữ liệu')")
    tab.page.click("details.dossier-line summary")
    tab.shot("appraised")
    main = tab.page.inner_text("main")
    assert f"2024 · Chiến sĩ thi đua cơ sở · 96/QĐ-UBND · {DISTRICT}" in main
    assert "2023 · Chiến sĩ thi đua cơ sở · 101/QĐ-UBND" in main
    line = nomination.lines.get()
    assert (line.eligible, line.failures) == (True, [])
