"""The imports of initiatives, disciplinary measures and unit ratings: created and changed by
their keys, the exported file changes nothing, a wrong code or name is refused at its cell,
and the rules read what was imported."""

import datetime

import pytest

from awards.eligibility import RuleValues, cstd_tinh_failures
from awards.models import Discipline, Initiative, TitleHeld, UnitYear
from awards.records.selectors import people_facts
from emulation.enums import Role
from emulation.imports.engine import check_file
from emulation.imports.registry import kind_or_404
from emulation.imports.services import confirm_import, start_import
from emulation.spreadsheet_reading import ImportRejected
from tests.emulation.imports.conftest import xlsx
from tests.factories import PersonFactory, UserFactory

INITIATIVES = kind_or_404("sang-kien")
DISCIPLINES = kind_or_404("ky-luat")
RATINGS = kind_or_404("xep-loai-tap-the")


@pytest.fixture
def staff(unit):
    return UserFactory(role=Role.AUTHORITY_STAFF, unit=unit, username="can_bo_thi_dua")


@pytest.fixture
def lan(authority):
    return PersonFactory(authority=authority, staff_code="NV01", full_name="Trần Thị Lan")


def write(kind, user, rows):
    stored, _plan = start_import(
        kind=kind, user=user, filename="tep.xlsx", content=xlsx([kind.headers, *rows])
    )
    return confirm_import(kind=kind, user=user, upload=stored, sha256=stored.sha256)


def unchanged_after_export(kind, authority) -> tuple[int, int, int]:
    plan = check_file(
        kind, authority=authority, filename="a.xlsx", content=kind.export_xlsx(authority)
    )
    return len(plan.creates), len(plan.changes), plan.unchanged


def test_initiatives_are_matched_by_code_and_decision_and_read_by_e06(authority, staff, lan):
    row = ["NV01", "Trần Thị Lan", "15/QĐ-UBND", "Số hóa hồ sơ", "Cấp cơ sở", "02/10/2025"]
    write(INITIATIVES, staff, [row])
    plan = write(INITIATIVES, staff, [[*row[:4], "Cấp tỉnh, thành phố", row[5]]])

    assert [(plan.shown(r, "before"), plan.shown(r, "after")) for r in plan.changes] == [
        ([("Cấp công nhận", "Cấp cơ sở")], [("Cấp công nhận", "Cấp tỉnh, thành phố")])
    ]
    assert list(Initiative.objects.values_list("person", "level", "recognised_on")) == [
        (lan.pk, "province", datetime.date(2025, 10, 2))
    ]
    assert unchanged_after_export(INITIATIVES, authority) == (0, 0, 1)
    facts = people_facts([lan.pk], 2025)[lan.pk]
    assert [f.message for f in cstd_tinh_failures(facts, RuleValues(consecutive_years=3))] == [
        "Chưa đạt Chiến sĩ thi đua cơ sở 3 năm liên tục (thiếu năm 2023, 2024, 2025)."
    ]
    assert TitleHeld.objects.count() == 0


def test_disciplines_are_matched_by_code_and_date(authority, staff, lan):
    write(DISCIPLINES, staff, [["NV01", "", "20/05/2025", "Khiển trách", ""]])
    plan = write(DISCIPLINES, staff, [["NV01", "", "2025-05-20", "Cảnh cáo", "7/QĐ-UBND"]])

    assert (len(plan.creates), len(plan.changes)) == (0, 1)
    assert list(Discipline.objects.values_list("level", "decision_number")) == [
        ("warning", "7/QĐ-UBND")
    ]
    assert unchanged_after_export(DISCIPLINES, authority) == (0, 0, 1)


def test_unit_ratings_are_matched_by_unit_code_and_year(authority, staff, unit):
    write(RATINGS, staff, [[unit.code, unit.name, 2024, "Hoàn thành tốt nhiệm vụ"]])
    write(RATINGS, staff, [[unit.code, "", 2024, "Hoàn thành xuất sắc nhiệm vụ"]])

    assert list(UnitYear.objects.values_list("unit", "year", "duty_rating")) == [
        (unit.pk, 2024, "excellent")
    ]
    assert unchanged_after_export(RATINGS, authority) == (0, 0, 1)


def test_a_wrong_code_or_name_is_refused_at_its_cell(authority, lan, unit):
    content = xlsx(
        [
            DISCIPLINES.headers,
            ["NV09", "", "20/05/2025", "Khiển trách", ""],
            ["NV01", "Trần Văn Lân", "20/05/2025", "Khiển trách", ""],
            ["NV01", "", "20/05/2025", "Phê bình", ""],
        ]
    )

    with pytest.raises(ImportRejected) as caught:
        check_file(DISCIPLINES, authority=authority, filename="a.xlsx", content=content)

    assert [str(i) for i in caught.value.issues] == [
        "Dòng 2, cột A (Mã cán bộ): Không có mã “NV09” trong dữ liệu của cơ quan; hãy nhập trước.",
        "Dòng 3, cột B (Họ và tên): Mã “NV01” là của “Trần Thị Lan”, không phải “Trần Văn Lân”.",
        "Dòng 4, cột D (Hình thức kỷ luật): “Phê bình” không có trong danh sách; hãy ghi một "
        "trong: Khiển trách; Cảnh cáo; Hạ bậc lương, giáng chức; Cách chức; Buộc thôi việc.",
    ]
    assert Discipline.objects.count() == 0
