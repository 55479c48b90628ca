"""The people import: matched by staff code, never by name; two people of one name in one
unit; a transfer as two periods; the personal cells of one person agree across rows."""

import datetime

import pytest

from emulation.imports.engine import check_file
from emulation.imports.registry import kind_or_404
from emulation.models import Employment, Person
from emulation.spreadsheet_reading import ImportRejected
from tests.emulation.imports.conftest import xlsx
from tests.factories import UnitFactory

PEOPLE = kind_or_404("can-bo")


def row(code, name, unit_code="", start="", end="", born="05/09/1985", position="Chuyên viên"):
    category = "Công chức" if unit_code else ""
    return [
        code,
        name,
        "Nữ",
        born,
        "",
        unit_code,
        position if unit_code else "",
        category,
        start,
        end,
    ]


def test_two_people_of_the_same_name_in_one_unit_are_two_people(authority, unit, staff, run_import):
    run_import(
        "can-bo",
        staff,
        xlsx(
            [
                PEOPLE.headers,
                row("NV1", "Nguyễn Thị Lan", unit.code, "01/07/2025", born="01/01/1980"),
                row("NV2", "Nguyễn Thị Lan", unit.code, "01/07/2025", born="02/02/1992"),
            ]
        ),
    )

    people = Person.objects.filter(full_name="Nguyễn Thị Lan").order_by("staff_code")
    assert [(p.staff_code, p.date_of_birth.year) for p in people] == [("NV1", 1980), ("NV2", 1992)]
    assert Employment.objects.filter(unit=unit).count() == 2


def test_a_renamed_person_is_found_by_code_not_by_name(authority, unit, staff, run_import):
    run_import("can-bo", staff, xlsx([PEOPLE.headers, row("NV1", "Nguyễn Thị Lan")]))

    plan = run_import("can-bo", staff, xlsx([PEOPLE.headers, row("NV1", "Nguyễn Thị Lan Anh")]))

    assert (len(plan.creates), len(plan.changes)) == (0, 1)
    assert list(Person.objects.values_list("staff_code", "full_name")) == [
        ("NV1", "Nguyễn Thị Lan Anh")
    ]


def test_a_transfer_is_two_periods_of_one_person(authority, unit, staff, run_import):
    ward = UnitFactory(authority=authority, code="PHUONG")
    run_import(
        "can-bo",
        staff,
        xlsx(
            [
                PEOPLE.headers,
                row("NV1", "Trần Văn Hùng", unit.code, "01/01/2020", "30/06/2025"),
                row("NV1", "Trần Văn Hùng", "PHUONG", "01/07/2025"),
            ]
        ),
    )

    periods = Employment.objects.filter(person__staff_code="NV1").order_by("start_date")
    assert [(p.unit, p.start_date, p.end_date) for p in periods] == [
        (unit, datetime.date(2020, 1, 1), datetime.date(2025, 6, 30)),
        (ward, datetime.date(2025, 7, 1), None),
    ]
    assert Person.objects.count() == 1


def test_an_end_date_closes_the_same_period(authority, unit, staff, run_import):
    run_import(
        "can-bo", staff, xlsx([PEOPLE.headers, row("NV1", "Lý Văn Tư", unit.code, "1/1/2020")])
    )

    plan = run_import(
        "can-bo",
        staff,
        xlsx([PEOPLE.headers, row("NV1", "Lý Văn Tư", unit.code, "2020-01-01", "31/12/2025")]),
    )

    assert [(r.key, plan.shown(r, "before"), plan.shown(r, "after")) for r in plan.changes] == [
        (
            ("NV1", unit.code, datetime.date(2020, 1, 1)),
            [("Đến ngày", "")],
            [("Đến ngày", "31/12/2025")],
        )
    ]
    assert Employment.objects.get().end_date == datetime.date(2025, 12, 31)


def test_one_persons_rows_must_agree(authority, unit):
    content = xlsx(
        [
            PEOPLE.headers,
            row("NV1", "Đặng Thị Hoa", unit.code, "01/01/2020", "30/06/2025"),
            row("NV1", "Đặng Thị Hoà", unit.code, "01/07/2025"),
        ]
    )

    with pytest.raises(ImportRejected) as caught:
        check_file(PEOPLE, authority=authority, filename="a.xlsx", content=content)

    assert [str(i) for i in caught.value.issues] == [
        "Dòng 3, cột B (Họ và tên): Khác với dòng 2 của cùng mã cán bộ; một người chỉ có một "
        "họ và tên."
    ]


def test_a_period_needs_its_unit_start_and_category(authority, unit):
    content = xlsx(
        [
            PEOPLE.headers,
            ["NV1", "Bùi Văn Nam", "Nam", "", "", "", "Chuyên viên", "", "", ""],
            ["NV2", "Bùi Văn Bắc", "Nam", "", "", unit.code, "", "", "", ""],
            [
                "NV3",
                "Bùi Văn Đông",
                "Nam",
                "",
                "",
                unit.code,
                "",
                "Công chức",
                "01/07/2025",
                "01/01/2025",
            ],
        ]
    )

    with pytest.raises(ImportRejected) as caught:
        check_file(PEOPLE, authority=authority, filename="a.xlsx", content=content)

    assert [str(i) for i in caught.value.issues] == [
        "Dòng 2, cột G (Chức vụ): Cần mã đơn vị cho giai đoạn công tác này.",
        "Dòng 3, cột H (Ngạch, loại): Ô này không được để trống khi có mã đơn vị.",
        "Dòng 3, cột I (Từ ngày): Ô này không được để trống khi có mã đơn vị.",
        "Dòng 4, cột J (Đến ngày): Đến ngày phải sau từ ngày.",
    ]
