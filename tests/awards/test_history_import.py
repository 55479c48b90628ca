"""The title and award history import (lịch sử danh hiệu): the titles the rules of later years
read. One person's CSTĐCS years span the 2025 reorganisation: the district's 2024 and 2025
titles, imported into the ward that succeeded it, count for E-06 in 2026 (docs/imports.md)."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from awards.eligibility import RuleValues, cstd_tinh_failures, ttldxs_failures
from awards.enums import DutyRating, InitiativeLevel
from awards.models import TitleHeld
from awards.records.selectors import people_facts, unit_facts
from emulation.enums import Role
from emulation.imports.engine import check_file
from emulation.imports.registry import kind_or_404
from emulation.imports.services import confirm_import, start_import
from emulation.spreadsheet_reading import ImportRejected
from tests.awards.factories import InitiativeFactory, PersonYearFactory, UnitYearFactory
from tests.emulation.imports.conftest import xlsx
from tests.factories import EmploymentFactory, PersonFactory, UserFactory

HISTORY = kind_or_404("lich-su-danh-hieu")
DISTRICT = "Quận, huyện, thị xã, thành phố thuộc tỉnh"
WARD = "Phường"
CSTDCS = "Chiến sĩ thi đua cơ sở"


@pytest.fixture
def staff(unit):
    return UserFactory(role=Role.AUTHORITY_STAFF, unit=unit, username="can_bo_thi_dua")


@pytest.fixture
def lan(authority, unit):
    person = PersonFactory(authority=authority, staff_code="NV01", full_name="Trần Thị Lan")
    EmploymentFactory(person=person, unit=unit, start_date=datetime.date(2025, 7, 1))
    return person


def title_row(year, award=CSTDCS, code="NV01", name="Trần Thị Lan", level=DISTRICT, number=""):
    day = f"15/01/{year + 1}" if number else ""
    return [code, "", name, year, award, number, day, level]


def write(user, rows):
    stored, _plan = start_import(
        kind=HISTORY, user=user, filename="lich-su.xlsx", content=xlsx([HISTORY.headers, *rows])
    )
    return confirm_import(kind=HISTORY, user=user, upload=stored, sha256=stored.sha256)


def test_district_years_imported_into_the_ward_count_for_three_years_in_a_row(staff, lan):
    write(
        staff,
        [
            title_row(2024, number="125/QĐ-UBND"),
            title_row(2025, number="88/QĐ-UBND"),
            title_row(2026, level=WARD, number="12/QĐ-UBND"),
        ],
    )
    InitiativeFactory(person=lan, level=InitiativeLevel.PROVINCE)

    facts = people_facts([lan.pk], 2026)[lan.pk]

    assert cstd_tinh_failures(facts, RuleValues(consecutive_years=3)) == []
    held = TitleHeld.objects.filter(person=lan).order_by("year")
    assert [(t.year, t.issuer_level, t.decision_reference, t.decided_on) for t in held] == [
        (2024, "district", "125/QĐ-UBND", datetime.date(2025, 1, 15)),
        (2025, "district", "88/QĐ-UBND", datetime.date(2026, 1, 15)),
        (2026, "ward", "12/QĐ-UBND", datetime.date(2027, 1, 15)),
    ]


def test_without_the_district_year_the_rule_names_the_missing_year(staff, lan):
    write(staff, [title_row(2025), title_row(2026, level=WARD)])
    InitiativeFactory(person=lan, level=InitiativeLevel.PROVINCE)

    failures = cstd_tinh_failures(
        people_facts([lan.pk], 2026)[lan.pk], RuleValues(consecutive_years=3)
    )

    assert [(f.rule, f.message) for f in failures] == [
        ("E-06", "Chưa đạt Chiến sĩ thi đua cơ sở 3 năm liên tục (thiếu năm 2024).")
    ]


def test_an_imported_member_title_meets_the_one_cstdcs_of_e08(staff, lan, unit):
    UnitYearFactory(unit=unit, year=2025, duty_rating=DutyRating.EXCELLENT)
    PersonYearFactory(person=lan, unit=unit, year=2025, duty_rating=DutyRating.EXCELLENT)
    before = ttldxs_failures(unit_facts(unit, 2025), RuleValues(), RuleValues())

    write(staff, [title_row(2025), title_row(2025, award="Lao động tiên tiến")])

    after = ttldxs_failures(unit_facts(unit, 2025), RuleValues(), RuleValues())
    assert [f.message for f in before] == ["Không có thành viên đạt Chiến sĩ thi đua cơ sở."]
    assert after == []


def test_a_collective_title_is_matched_by_unit_code(staff, unit):
    write(staff, [["", unit.code, unit.name, 2024, "Tập thể lao động xuất sắc", "", "", DISTRICT]])

    assert list(TitleHeld.objects.values_list("unit", "award__code", "year")) == [
        (unit.pk, "ttldxs", 2024)
    ]


def test_a_name_that_is_not_the_codes_name_is_refused(authority, lan):
    content = xlsx([HISTORY.headers, title_row(2024, name="Trần Thị Lanh")])

    with pytest.raises(ImportRejected) as caught:
        check_file(HISTORY, authority=authority, filename="a.xlsx", content=content)

    assert [str(i) for i in caught.value.issues] == [
        "Dòng 2, cột C (Họ tên hoặc tên tập thể): Mã “NV01” là của “Trần Thị Lan”, "
        "không phải “Trần Thị Lanh”."
    ]


def test_subject_and_title_mistakes_are_refused_per_cell(authority, unit, lan):
    content = xlsx(
        [
            HISTORY.headers,
            ["NV01", unit.code, "", 2024, CSTDCS, "", "", ""],
            ["NV99", "", "", 2024, CSTDCS, "", "", ""],
            ["", unit.code, "", 2024, CSTDCS, "", "", ""],
            ["NV01", "", "", 1980, "Huân chương", "", "", ""],
        ]
    )

    with pytest.raises(ImportRejected) as caught:
        check_file(HISTORY, authority=authority, filename="a.xlsx", content=content)

    issues = [str(i) for i in caught.value.issues]
    assert issues[:3] == [
        "Dòng 2, cột A (Mã cán bộ): Ghi mã cán bộ (danh hiệu cá nhân) hoặc mã đơn vị (tập "
        "thể), chỉ một trong hai.",
        "Dòng 3, cột A (Mã cán bộ): Không có mã “NV99” trong dữ liệu của cơ quan; hãy nhập trước.",
        "Dòng 4, cột E (Danh hiệu, hình thức): “Chiến sĩ thi đua cơ sở” không tặng cho tập thể.",
    ]
    assert issues[3].startswith("Dòng 5, cột D (Năm): Cần một số nguyên từ 1990 đến ")
    assert issues[4].startswith("Dòng 5, cột E (Danh hiệu, hình thức): “Huân chương” không có")
    assert TitleHeld.objects.count() == 0


def test_the_exported_history_imports_with_no_change(authority, staff, lan):
    write(staff, [title_row(2024, number="125/QĐ-UBND"), title_row(2025)])

    plan = check_file(
        HISTORY, authority=authority, filename="a.xlsx", content=HISTORY.export_xlsx(authority)
    )

    assert (len(plan.creates), len(plan.changes), plan.unchanged) == (0, 0, 2)


def test_a_changed_decision_number_is_a_change_with_before_and_after(authority, staff, lan):
    write(staff, [title_row(2024, number="125/QĐ-UBND")])

    plan = write(staff, [title_row(2024, number="126/QĐ-UBND")])

    assert [(plan.shown(r, "before"), plan.shown(r, "after")) for r in plan.changes] == [
        ([("Số quyết định", "125/QĐ-UBND")], [("Số quyết định", "126/QĐ-UBND")])
    ]
    assert TitleHeld.objects.get().decision_reference == "126/QĐ-UBND"


def _history_queries(user, authority, count: int, first_year: int) -> int:
    people = [
        PersonFactory(authority=authority, staff_code=f"Q{first_year}{n}", full_name=f"Lê Văn {n}")
        for n in range(count)
    ]
    rows = [[p.staff_code, "", "", first_year, CSTDCS, "", "", DISTRICT] for p in people]
    with CaptureQueriesContext(connection) as captured:
        write(user, rows)
    return len(captured)


def test_history_import_queries_stay_the_same_for_10_and_100_rows(authority, staff):
    assert _history_queries(staff, authority, 10, 2023) == _history_queries(
        staff, authority, 100, 2024
    )
