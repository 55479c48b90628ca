"""The target catalogue import: targets with their plans by (year, unit code, target code); a
changed plan applied with its reason (kept in the history) or refused at its cell by name;
the plan rules of each direction; one number parser (1,5 and 1.5); the export round trip."""

from decimal import Decimal as D

import pytest

from emulation.imports.engine import check_file
from emulation.imports.registry import kind_or_404
from emulation.imports.services import confirm_import, start_import
from emulation.models import DataImportChange, Target
from emulation.spreadsheet_reading import ImportRejected
from emulation.targets.enums import PeriodKind
from emulation.targets.services import ActualEntry, get_period, save_actuals
from tests.emulation.imports.conftest import xlsx

CATALOGUE = kind_or_404("chi-tieu")
HIGHER = "Càng cao càng tốt"


def row(code="KT01", plan=100, unit="", direction=HIGHER, reason="", weight="", parent=""):
    return [
        2026, unit, code, "Tổng thu ngân sách trên địa bàn", "Kinh tế", "tỷ đồng", direction,
        plan, "", "", "", weight, "Có", parent, 1, reason,
    ]  # fmt: skip


def write(user, *rows):
    stored, _plan = start_import(
        kind=CATALOGUE,
        user=user,
        filename="chi-tieu.xlsx",
        content=xlsx([CATALOGUE.headers, *rows]),
    )
    return confirm_import(kind=CATALOGUE, user=user, upload=stored, sha256=stored.sha256)


def refused(authority, *rows) -> list[str]:
    with pytest.raises(ImportRejected) as caught:
        check_file(
            CATALOGUE,
            authority=authority,
            filename="a.xlsx",
            content=xlsx([CATALOGUE.headers, *rows]),
        )
    return [str(issue) for issue in caught.value.issues]


def test_targets_and_plans_are_created_with_the_tree(authority, unit, staff):
    write(
        staff,
        row("KT", plan=None, direction="Hoàn thành / không hoàn thành"),
        row("KT01", plan="16.728,5", parent="KT"),
        row("KT02", plan="1.5", unit=unit.code, weight="1,5"),
    )

    targets = {t.code: t for t in Target.objects.filter(authority=authority)}
    assert (targets["KT01"].plan_value, targets["KT01"].parent, targets["KT01"].unit) == (
        D("16728.5"),
        targets["KT"],
        None,
    )
    assert (targets["KT02"].plan_value, targets["KT02"].weight, targets["KT02"].unit) == (
        D("1.5"),
        D("1.5"),
        unit,
    )


def test_a_changed_plan_without_a_reason_is_refused_by_name(authority, staff):
    write(staff, row(plan=100))

    assert refused(authority, row(plan=50)) == [
        "Dòng 2, cột H (Kế hoạch): Kế hoạch đã có (100) đổi thành 50: cần ghi lý do ở cột "
        "“Lý do thay đổi kế hoạch”, nếu không hãy để nguyên."
    ]
    assert Target.objects.get().plan_value == D("100")


def test_a_changed_plan_with_its_reason_is_applied_and_kept_in_the_history(authority, staff):
    write(staff, row(plan=100))

    plan = write(staff, row(plan=50, reason="Nghị quyết điều chỉnh số 12/NQ-HĐND"))

    assert Target.objects.get().plan_value == D("50")
    change = DataImportChange.objects.get(created=False)
    assert (change.key, change.before, change.after) == (
        "2026 · KT01",
        {"Kế hoạch": "100"},
        {"Kế hoạch": "50", "Lý do thay đổi kế hoạch": "Nghị quyết điều chỉnh số 12/NQ-HĐND"},
    )
    assert (len(plan.changes), plan.unchanged) == (1, 0)


def test_a_reason_alone_changes_nothing(authority, staff):
    write(staff, row(plan=100))

    plan = write(staff, row(plan=100, reason="Không đổi"))

    assert (len(plan.changes), plan.unchanged) == (0, 1)


def test_the_plan_rules_of_each_direction_are_checked_at_their_cells(authority):
    assert refused(
        authority,
        row("KT01", plan=None),
        row("KT02", plan=5, direction="Giảm X % so với mức gốc"),
        row("KT03", plan="1.2.3"),
    ) == [
        "Dòng 2, cột H (Kế hoạch): Cần nhập kế hoạch.",
        "Dòng 3, cột I (Mức gốc): Chỉ tiêu giảm X % cần mức gốc lớn hơn 0.",
        "Dòng 4, cột H (Kế hoạch): “1.2.3” không phải số hợp lệ (ví dụ đúng: 16.728 hoặc 10,17).",
    ]


def test_a_target_with_figures_keeps_its_direction(authority, staff):
    write(staff, row(plan=100))
    target = Target.objects.get()
    save_actuals(
        user=staff,
        period=get_period(authority=authority, year=2026, kind=PeriodKind.YEAR),
        value_kind="official",
        entries=[ActualEntry(target=target, value=D("90"))],
    )

    assert refused(authority, row(plan=100, direction="Càng thấp càng tốt")) == [
        "Dòng 2, cột G (Cách đánh giá): Chỉ tiêu đã có số liệu; không đổi cách đánh giá được."
    ]


def test_an_unknown_or_nested_parent_is_refused(authority, staff):
    write(staff, row("A", plan=None, direction="Hoàn thành / không hoàn thành"))
    write(staff, row("B", plan=1, parent="A"))

    assert refused(authority, row("C", plan=1, parent="B"), row("D", plan=1, parent="X")) == [
        "Dòng 2, cột N (Mã chỉ tiêu cha): Không có chỉ tiêu cấp trên cùng mã “B” trong cùng "
        "năm và đơn vị.",
        "Dòng 3, cột N (Mã chỉ tiêu cha): Không có chỉ tiêu cấp trên cùng mã “X” trong cùng "
        "năm và đơn vị.",
    ]


def test_the_exported_catalogue_imports_with_no_change(authority, unit, staff):
    write(
        staff,
        row("KT", plan=None, direction="Hoàn thành / không hoàn thành"),
        row("KT01", plan="16.728,5", parent="KT", weight="1,5"),
        row("KT02", plan=98, unit=unit.code),
    )

    plan = check_file(
        CATALOGUE, authority=authority, filename="a.xlsx", content=CATALOGUE.export_xlsx(authority)
    )

    assert (len(plan.creates), len(plan.changes), plan.unchanged) == (0, 0, 3)


def test_a_weight_with_more_decimals_than_the_catalogue_keeps_is_refused(authority):
    assert refused(authority, row(weight="1,125")) == [
        "Dòng 2, cột L (Trọng số): Hãy chắc chắn rằng không có nhiều hơn 2 chữ số thập phân."
    ]
