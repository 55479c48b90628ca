"""The one import engine, through the people import: bad files each with a clear message and
nothing written, the three date forms and Excel date cells, all or nothing, the history of
every change, the round trip of an exported file, and queries constant in rows."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from emulation.imports.engine import MAX_IMPORT_ROWS, check_file
from emulation.imports.registry import kind_or_404
from emulation.imports.services import confirm_import, start_import
from emulation.models import DataImport, DataImportChange, Employment, Person
from emulation.spreadsheet_reading import ImportRejected
from tests.emulation.imports.conftest import csv_bytes, xlsx

PEOPLE = kind_or_404("can-bo")


def person_row(code, name="Nguyễn Văn An", born="05/09/1985", unit="", start="", **extra):
    category = extra.get("category", "Công chức" if unit else "")
    return [code, name, "Nam", born, "", unit, extra.get("position", ""), category, start, ""]


def rejected(authority, content, filename="tep.xlsx") -> list[str]:
    with pytest.raises(ImportRejected) as caught:
        check_file(PEOPLE, authority=authority, filename=filename, content=content)
    return [str(issue) for issue in caught.value.issues]


def test_a_cell_error_names_row_and_column_as_the_user_sees_them(authority):
    content = xlsx([PEOPLE.headers, person_row("NV1"), person_row("NV2", born="31/02/1985")])

    assert rejected(authority, content) == [
        "Dòng 3, cột D (Ngày sinh): “31/02/1985” không phải ngày có thật trên lịch."
    ]


@pytest.mark.parametrize(
    "born",
    ["05/09/1985", "5/9/1985", "1985-09-05", datetime.date(1985, 9, 5)],
    ids=["dd/mm/yyyy", "d/m/yyyy", "yyyy-mm-dd", "excel-date-cell"],
)
def test_dates_are_read_in_the_three_forms_and_from_date_cells(authority, staff, run_import, born):
    run_import("can-bo", staff, xlsx([PEOPLE.headers, person_row("NV1", born=born)]))

    assert Person.objects.get(staff_code="NV1").date_of_birth == datetime.date(1985, 9, 5)


def test_a_date_in_another_form_is_refused(authority):
    content = xlsx([PEOPLE.headers, person_row("NV1", born="09.05.1985")])

    assert rejected(authority, content) == [
        "Dòng 2, cột D (Ngày sinh): “09.05.1985” không phải ngày; hãy ghi ngày/tháng/năm, "
        "ví dụ 05/09/1985."
    ]


def test_a_file_of_another_template_is_refused_by_name(authority):
    content = xlsx([["Mã chỉ tiêu", "Tên chỉ tiêu", "Kế hoạch"], ["CT1", "Thu ngân sách", 100]])

    assert rejected(authority, content) == [
        "Tệp không đúng mẫu “Cán bộ và quá trình công tác”: dòng tiêu đề phải là: "
        + ", ".join(PEOPLE.headers)
        + "."
    ]


def test_missing_columns_are_named(authority):
    headers = [h for h in PEOPLE.headers if h not in ("Giới tính", "Ngày sinh")]
    issues = rejected(authority, xlsx([headers, ["NV1", "Nguyễn Văn An"]]))

    assert issues[0] == (
        "Dòng 1: Thiếu cột: Giới tính, Ngày sinh. Hãy dùng tệp mẫu tải từ trang này."
    )


def test_a_duplicate_key_is_refused_at_its_second_row(authority):
    content = xlsx([PEOPLE.headers, person_row("NV1"), person_row("NV1")])

    assert rejected(authority, content) == [
        "Dòng 3, cột A (Mã cán bộ): Trùng với dòng 2 (cùng NV1)."
    ]


def test_merged_cells_are_refused(authority):
    content = xlsx([PEOPLE.headers, person_row("NV1"), person_row("NV2")], merge="B2:B3")

    assert rejected(authority, content) == [
        "Trang “Sheet”, dòng 2: Tệp có ô gộp (B2:B3); hãy bỏ gộp ô."
    ]


def test_formulas_are_refused(authority):
    content = xlsx([PEOPLE.headers, person_row("NV1")], formula_at="E2")

    assert rejected(authority, content) == [
        "Ô E2 chứa công thức; hãy dán giá trị (Paste Values) thay cho công thức."
    ]


def test_a_50000_row_file_is_refused_with_the_limit(authority):
    rows = [PEOPLE.headers] + [person_row(f"NV{n}") for n in range(50_000)]

    assert rejected(authority, csv_bytes(rows), filename="tep.csv") == [
        "Tệp có quá 40.000 dòng số liệu; hãy chia nhỏ tệp."
    ]
    assert MAX_IMPORT_ROWS == 40_000


def test_one_bad_row_writes_nothing(authority, staff, run_import):
    rows = [PEOPLE.headers] + [person_row(f"NV{n}", name=f"Trần Thị Lan {n}") for n in range(30)]
    rows[17][2] = "Không rõ"

    with pytest.raises(ImportRejected) as caught:
        run_import("can-bo", staff, xlsx(rows))

    assert [str(i) for i in caught.value.issues] == [
        "Dòng 18, cột C (Giới tính): “Không rõ” không có trong danh sách; hãy ghi một trong: "
        "Nữ; Nam."
    ]
    assert Person.objects.count() == 0
    assert DataImport.objects.count() == 0


def test_every_change_is_in_the_history_with_who_and_when(authority, unit, staff, run_import):
    run_import("can-bo", staff, xlsx([PEOPLE.headers, person_row("NV1", born="05/09/1985")]))
    plan = run_import("can-bo", staff, xlsx([PEOPLE.headers, person_row("NV1", born="06/09/1985")]))

    assert (len(plan.creates), len(plan.changes), plan.unchanged) == (0, 1, 0)
    written = DataImport.objects.filter(committed_at__isnull=False).order_by("pk")
    assert [(w.uploaded_by, w.created, w.changed, w.content) for w in written] == [
        (staff, 1, 0, b""),
        (staff, 0, 1, b""),
    ]
    change = DataImportChange.objects.get(data_import=written[1])
    assert (change.row, change.key, change.created, change.before, change.after) == (
        2,
        "NV1",
        False,
        {"Ngày sinh": "05/09/1985"},
        {"Ngày sinh": "06/09/1985"},
    )


def test_a_file_exported_from_the_page_changes_nothing(authority, unit, staff, run_import):
    rows = [PEOPLE.headers] + [
        person_row(f"NV{n}", name=f"Lê Thị Mai {n}", unit=unit.code, start="01/07/2025")
        for n in range(5)
    ]
    run_import("can-bo", staff, xlsx(rows))
    exported = PEOPLE.export_xlsx(authority)

    plan = run_import("can-bo", staff, exported)

    assert (len(plan.creates), len(plan.changes), plan.unchanged) == (0, 0, 5)
    assert Employment.objects.count() == 5


def test_a_file_written_once_cannot_be_confirmed_again(authority, staff):
    stored, _plan = start_import(
        kind=PEOPLE, user=staff, filename="a.xlsx", content=xlsx([PEOPLE.headers, person_row("A")])
    )
    confirm_import(kind=PEOPLE, user=staff, upload=stored, sha256=stored.sha256)
    stored.refresh_from_db()

    with pytest.raises(ImportRejected) as caught:
        confirm_import(kind=PEOPLE, user=staff, upload=stored, sha256=stored.sha256)

    assert str(caught.value.issues[0]) == "Tệp này đã được ghi rồi."
    assert Person.objects.count() == 1


def _queries(run_import, staff, unit, count: int, offset: int) -> int:
    rows = [PEOPLE.headers] + [
        person_row(f"Q{offset + n}", name=f"Phạm Văn Bình {n}", unit=unit.code, start="01/01/2024")
        for n in range(count)
    ]
    content = xlsx(rows)
    with CaptureQueriesContext(connection) as captured:
        run_import("can-bo", staff, content)
    return len(captured)


def test_queries_stay_the_same_for_10_and_100_rows(authority, unit, staff, run_import):
    assert _queries(run_import, staff, unit, 10, 0) == _queries(run_import, staff, unit, 100, 1000)
