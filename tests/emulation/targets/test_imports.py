"""The Excel round trip: export → import is the identity; every bad file is refused with a
Vietnamese message naming sheet, row and column, and writes nothing."""

import io
import itertools
import random
import unicodedata
import zipfile
from decimal import Decimal as D

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from emulation.enums import Role
from emulation.models import Actual, ActualChange, TargetImport
from emulation.spreadsheet_reading import MAX_BYTES, ImportRejected
from emulation.targets.enums import ChangeSource, ImportState, PeriodKind, ValueKind
from emulation.targets.import_rows import check_file
from emulation.targets.imports import commit_file
from emulation.targets.resources import HEADERS, SHEET_TITLE, export_xlsx
from emulation.targets.selectors import export_rows, find_period
from emulation.targets.services import ActualEntry, close_period, get_period, save_actuals
from tests.emulation.targets.factories import TargetFactory

HEADER = list(HEADERS.values())


@pytest.fixture
def world(authority, unit, other_unit):
    unit.code = "BN"
    unit.save()
    other_unit.code = "BT"
    other_unit.save()
    return {
        "kn": TargetFactory(authority=authority, unit=unit, code="KN", plan_value=D("200")),
        "hs": TargetFactory(authority=authority, unit=unit, code="HS", plan_value=D("98")),
        "other": TargetFactory(authority=authority, unit=other_unit, code="KN"),
        "common": TargetFactory(authority=authority, code="KT02", plan_value=D("15931")),
    }


def row(unit="BN", code="KN", value=202, period="Cả năm", kind="Chính thức", reason=""):
    return [unit, "", 2023, period, kind, code, "", "", None, value, reason]


def xlsx(*rows, header=HEADER, title=SHEET_TITLE) -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = title
    sheet.append(header)
    for values in rows:
        sheet.append(values)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def rejected(user, content: bytes, filename="so-lieu.xlsx") -> list[str]:
    with pytest.raises(ImportRejected) as caught:
        commit_file(user=user, filename=filename, content=content)
    assert Actual.objects.count() == 0
    return [str(issue) for issue in caught.value.issues]


def test_import_valid_file_writes_all_rows_with_history(world, staff):
    content = xlsx(row(), row(code="HS", value="99,6"), row(unit="", code="KT02", value=16728))
    result = commit_file(user=staff, filename="so-lieu.xlsx", content=content)
    assert (result.created, result.changed, result.unchanged) == (3, 0, 0)
    values = dict(Actual.objects.values_list("target__code", "value"))
    assert values == {"KN": D("202"), "HS": D("99.6"), "KT02": D("16728")}
    assert set(ActualChange.objects.values_list("source", flat=True)) == {ChangeSource.IMPORT}


def test_export_then_import_is_identity(world, staff, authority):
    period = get_period(authority=authority, year=2023, kind=PeriodKind.YEAR)
    save_actuals(
        user=staff,
        period=period,
        value_kind=ValueKind.OFFICIAL,
        entries=[
            ActualEntry(target=world["kn"], value=D("202")),
            ActualEntry(target=world["hs"], value=D("97.46")),
            ActualEntry(target=world["common"], value=D("16728.5")),
        ],
    )
    before = sorted(Actual.objects.values_list("target_id", "value"))
    targets = export_rows(
        authority_id=authority.pk,
        unit_ids=[None, world["kn"].unit_id, world["other"].unit_id],
        year=2023,
        period=period,
        value_kind=ValueKind.OFFICIAL,
    )
    content = export_xlsx(targets, period=PeriodKind.YEAR, value_kind=ValueKind.OFFICIAL)
    sheet = openpyxl.load_workbook(io.BytesIO(content)).active
    assert [c.value for c in sheet[1]] == HEADER
    Actual.objects.all().delete()
    result = commit_file(user=staff, filename="chi-tieu.xlsx", content=content)
    assert (result.created, result.changed) == (3, 0)
    assert sorted(Actual.objects.values_list("target_id", "value")) == before
    again = commit_file(user=staff, filename="chi-tieu.xlsx", content=content)
    assert (again.created, again.changed, again.unchanged) == (0, 0, 3)


def _exported(world, authority) -> openpyxl.Workbook:
    period = get_period(authority=authority, year=2023, kind=PeriodKind.YEAR)
    targets = export_rows(
        authority_id=authority.pk,
        unit_ids=[world["kn"].unit_id],
        year=2023,
        period=period,
        value_kind=ValueKind.OFFICIAL,
    )
    content = export_xlsx(targets, period=PeriodKind.YEAR, value_kind=ValueKind.OFFICIAL)
    return openpyxl.load_workbook(io.BytesIO(content))


def _saved(workbook: openpyxl.Workbook) -> bytes:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_a_plan_changed_in_the_exported_file_is_refused_by_name(world, staff, authority):
    """The file writes actual values only: a plan typed over (200 → 50) is not ignored."""
    workbook = _exported(world, authority)
    sheet = workbook.active
    kn_row = next(r for r in sheet.iter_rows(min_row=2) if r[5].value == "KN")
    kn_row[8].value = 50  # Kế hoạch
    kn_row[9].value = 210  # Thực hiện
    assert rejected(staff, _saved(workbook)) == [
        f"Trang “So lieu chi tieu”, dòng {kn_row[0].row}, cột “I – Kế hoạch”: Kế hoạch không "
        "sửa được bằng tệp số liệu: tệp ghi 50, kế hoạch đang là 200. Hãy sửa kế hoạch trong "
        "danh mục chỉ tiêu, kèm lý do."
    ]
    world["kn"].refresh_from_db()
    assert world["kn"].plan_value == D("200")


def test_names_and_unit_of_measure_changed_in_the_file_are_refused_by_column(
    world, staff, authority
):
    workbook = _exported(world, authority)
    sheet = workbook.active
    first = next(sheet.iter_rows(min_row=2))
    first[1].value = "Đơn vị khác"
    first[6].value = "Chỉ tiêu đổi tên"
    first[7].value = "tấn"
    first[9].value = 1
    issues = rejected(staff, _saved(workbook))
    assert [issue.split(": ", 1)[0] for issue in issues] == [
        f"Trang “So lieu chi tieu”, dòng {first[0].row}, cột “B – Tên đơn vị”",
        f"Trang “So lieu chi tieu”, dòng {first[0].row}, cột “G – Tên chỉ tiêu”",
        f"Trang “So lieu chi tieu”, dòng {first[0].row}, cột “H – Đơn vị tính”",
    ]
    assert "tệp ghi “Chỉ tiêu đổi tên”" in issues[1]
    assert issues[1].endswith("Hãy để nguyên như tệp đã tải về.")


def test_blank_or_respaced_fixed_cells_claim_nothing(world, staff, authority):
    workbook = _exported(world, authority)
    sheet = workbook.active
    for line in sheet.iter_rows(min_row=2):
        line[1].value = None
        line[6].value = f"  {line[6].value.upper()} "
        line[8].value = None
        line[9].value = 7
    result = commit_file(user=staff, filename="so-lieu.xlsx", content=_saved(workbook))
    assert result.created == 2


def test_export_neutralises_formula_like_text(world, staff, authority):
    world["kn"].name = '=HYPERLINK("http://x")'
    world["kn"].save()
    world["hs"].name = "-1+2"
    world["hs"].save()
    period = find_period(authority_id=authority.pk, year=2023, kind=PeriodKind.YEAR)
    targets = export_rows(
        authority_id=authority.pk,
        unit_ids=[world["kn"].unit_id],
        year=2023,
        period=period,
        value_kind=ValueKind.OFFICIAL,
    )
    content = export_xlsx(targets, period=PeriodKind.YEAR, value_kind=ValueKind.OFFICIAL)
    sheet = openpyxl.load_workbook(io.BytesIO(content)).active
    cells = [cell for line in sheet.iter_rows(min_row=2) for cell in line]
    assert all(cell.data_type != "f" for cell in cells)
    names = sorted(line[6].value for line in sheet.iter_rows(min_row=2))
    assert names == ["'-1+2", '\'=HYPERLINK("http://x")']


def test_import_changed_value_needs_reason_column(world, staff):
    commit_file(user=staff, filename="a.xlsx", content=xlsx(row(value=202)))
    issues = []
    with pytest.raises(ImportRejected) as caught:
        commit_file(user=staff, filename="a.xlsx", content=xlsx(row(value=203)))
    issues = [str(i) for i in caught.value.issues]
    assert issues == [
        "Trang “So lieu chi tieu”, dòng 2, cột “K – Lý do thay đổi”: "
        "Số liệu đã gửi (202): cần ghi lý do thay đổi."
    ]
    result = commit_file(
        user=staff, filename="a.xlsx", content=xlsx(row(value=203, reason="Quyết toán"))
    )
    assert result.changed == 1
    assert Actual.objects.get().value == D("203")


def patched(content: bytes, *, sheet=None, extra: dict | None = None) -> bytes:
    """The xlsx `content` with its first sheet's XML passed through `sheet` and `extra`
    entries added to the archive."""
    source = zipfile.ZipFile(io.BytesIO(content))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if sheet and item.filename == "xl/worksheets/sheet1.xml":
                data = sheet(data)
            target.writestr(item, data)
        for name, data in (extra or {}).items():
            target.writestr(name, data)
    return out.getvalue()


def big_blank_rows() -> bytes:
    """A template whose sheet declares a cell in row 1,048,576, as LibreOffice may save."""
    return patched(
        xlsx(row()),
        sheet=lambda xml: xml.replace(
            b"</sheetData>", b'<row r="1048576"><c r="A1048576" s="0"/></row></sheetData>'
        ),
    )


def test_import_ignores_2_pow_20_blank_rows(world, staff):
    result = commit_file(user=staff, filename="libreoffice.xlsx", content=big_blank_rows())
    assert result.created == 1


def workbook_bytes(build) -> bytes:
    workbook = openpyxl.Workbook()
    build(workbook)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def with_formula() -> bytes:
    def build(workbook):
        workbook.active.append(HEADER)
        workbook.active.append(row(value="=200+2"))

    return workbook_bytes(build)


def with_error_value() -> bytes:
    return patched(
        xlsx(row(value=1)),
        sheet=lambda xml: xml.replace(
            b'<c r="J2" t="n"><v>1</v></c>', b'<c r="J2" t="e"><v>#DIV/0!</v></c>'
        ),
    )


def with_merged_cells() -> bytes:
    def build(workbook):
        workbook.active.append(HEADER)
        workbook.active.append(row())
        workbook.active.merge_cells("A2:B2")

    return workbook_bytes(build)


def with_two_sheets() -> bytes:
    def build(workbook):
        workbook.active.sheet_state = "hidden"
        sheet = workbook.create_sheet("Số liệu")
        sheet.append(HEADER)
        sheet.append(row())

    return workbook_bytes(build)


def macro_enabled() -> bytes:
    return patched(xlsx(row()), extra={"xl/vbaProject.bin": b"\0" * 64})


def csv_bytes(lines: list[str], encoding="utf-8") -> bytes:
    # Windows-1258 writes Vietnamese with combining tone marks (decomposed).
    text = "\n".join(lines)
    if encoding != "cp1258":
        return text.encode(encoding)
    return b"".join(_cp1258(char) for char in text)


def _cp1258(char: str) -> bytes:
    """One character as Windows-1258 writes it: a precomposed base letter plus tone marks."""
    base, *marks = unicodedata.normalize("NFD", char)
    for order in itertools.permutations(marks):
        for size in range(len(order), -1, -1):
            text = unicodedata.normalize("NFC", base + "".join(order[:size])) + "".join(
                order[size:]
            )
            try:
                return text.encode("cp1258")
            except UnicodeEncodeError:
                continue
    raise ValueError(char)


CSV_HEADER = ",".join(HEADER)

# file name, content, expected messages (each complete)
CORPUS = [
    ("empty", "a.xlsx", lambda: b"", ["Tệp rỗng."]),
    (
        "header only",
        "a.xlsx",
        lambda: xlsx(),
        ["Tệp chỉ có dòng tiêu đề, không có dòng số liệu nào."],
    ),
    (
        "no header",
        "a.xlsx",
        lambda: xlsx(header=[]),
        ["Tệp không có dữ liệu (cần dòng tiêu đề như tệp mẫu)."],
    ),
    (
        "renamed column",
        "a.xlsx",
        lambda: xlsx(row(), header=[*HEADER[:9], "Giá trị", HEADER[10]]),
        [
            "Trang “So lieu chi tieu”, dòng 1, cột “J”: Cột này phải là “Thực hiện” "
            "(tệp ghi “Giá trị”). Hãy dùng tệp mẫu."
        ],
    ),
    (
        "missing column",
        "a.xlsx",
        lambda: xlsx(row()[:10], header=HEADER[:10]),
        [
            "Trang “So lieu chi tieu”, dòng 1, cột “K”: Cột này phải là “Lý do thay đổi” "
            "(tệp ghi “”). Hãy dùng tệp mẫu."
        ],
    ),
    (
        "extra column",
        "a.xlsx",
        lambda: xlsx([*row(), "x"], header=[*HEADER, "Ghi chú"]),
        ["Trang “So lieu chi tieu”, dòng 1, cột “L”: Cột “Ghi chú” không có trong tệp mẫu."],
    ),
    (
        "text in number",
        "a.xlsx",
        lambda: xlsx(row(value="hai trăm")),
        [
            "Trang “So lieu chi tieu”, dòng 2, cột “J – Thực hiện”: “hai trăm” không phải số "
            "hợp lệ (ví dụ đúng: 16.728 hoặc 10,17)."
        ],
    ),
    (
        "two decimal points",
        "a.xlsx",
        lambda: xlsx(row(value="1.2.3")),
        [
            "Trang “So lieu chi tieu”, dòng 2, cột “J – Thực hiện”: “1.2.3” không phải số "
            "hợp lệ (ví dụ đúng: 16.728 hoặc 10,17)."
        ],
    ),
    (
        "unknown unit",
        "a.xlsx",
        lambda: xlsx(row(unit="XX")),
        [
            "Trang “So lieu chi tieu”, dòng 2, cột “A – Mã đơn vị”: Không có đơn vị mã “XX” "
            "trong phạm vi của bạn."
        ],
    ),
    (
        "unknown target",
        "a.xlsx",
        lambda: xlsx(row(code="ZZ")),
        [
            "Trang “So lieu chi tieu”, dòng 2, cột “F – Mã chỉ tiêu”: Không có chỉ tiêu mã "
            "“ZZ” năm 2023 của đơn vị này."
        ],
    ),
    (
        "duplicate rows",
        "a.xlsx",
        lambda: xlsx(row(), row(value=203)),
        [
            "Trang “So lieu chi tieu”, dòng 3, cột “F – Mã chỉ tiêu”: Trùng với dòng 2 (cùng "
            "đơn vị, chỉ tiêu, kỳ, loại số liệu)."
        ],
    ),
    (
        "wrong period",
        "a.xlsx",
        lambda: xlsx(row(period="Quý V")),
        [
            "Trang “So lieu chi tieu”, dòng 2, cột “D – Kỳ”: Kỳ phải là một trong: Quý I, "
            "Quý II, 6 tháng, Quý III, 9 tháng, Quý IV, Cả năm."
        ],
    ),
    (
        "wrong year",
        "a.xlsx",
        lambda: xlsx([*row()[:2], "năm nay", *row()[3:]]),
        [
            "Trang “So lieu chi tieu”, dòng 2, cột “C – Năm”: Năm phải là số có bốn chữ số, "
            "ví dụ 2023."
        ],
    ),
    (
        "formula",
        "a.xlsx",
        with_formula,
        ["Ô J2 chứa công thức; hãy dán giá trị (Paste Values) thay cho công thức."],
    ),
    (
        "excel error value",
        "a.xlsx",
        with_error_value,
        ["Ô J2 chứa giá trị lỗi của Excel (như #DIV/0!, #REF!)."],
    ),
    (
        "merged cells",
        "a.xlsx",
        with_merged_cells,
        ["Trang “Sheet”, dòng 2: Tệp có ô gộp (A2:B2); hãy bỏ gộp ô."],
    ),
    (
        "hidden first sheet",
        "a.xlsx",
        with_two_sheets,
        ["Tệp phải có đúng một trang tính như tệp mẫu (tệp này có 2 trang)."],
    ),
    (
        "macro enabled by name",
        "a.xlsm",
        lambda: xlsx(row()),
        ["Không nhận tệp có macro (.xlsm); hãy lưu lại thành .xlsx."],
    ),
    (
        "macro inside xlsx",
        "a.xlsx",
        macro_enabled,
        ["Không nhận tệp có macro (.xlsm); hãy lưu lại thành .xlsx."],
    ),
    (
        "encrypted",
        "a.xlsx",
        lambda: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600,
        [
            "Tệp được đặt mật khẩu hoặc là định dạng .xls cũ; hãy bỏ mật khẩu và lưu lại "
            "thành .xlsx."
        ],
    ),
    (
        "csv renamed xlsx",
        "a.xlsx",
        lambda: csv_bytes([CSV_HEADER, "BN,,2023,Cả năm,Chính thức,KN,,,,202,"]),
        ["Tệp không phải tệp Excel .xlsx thật (có thể chỉ bị đổi đuôi)."],
    ),
    (
        "oversized",
        "a.xlsx",
        lambda: b"PK\x03\x04" + b"\0" * MAX_BYTES,
        ["Tệp lớn hơn 5 MB; hãy chia nhỏ tệp."],
    ),
    (
        "csv wrong encoding",
        "a.csv",
        lambda: csv_bytes([CSV_HEADER, "BN,Bến Nghé,2023,Cả năm,Chính thức,KN,,,,202,"], "cp1258"),
        ["Tệp CSV phải lưu bằng bảng mã UTF-8 (trong Excel: CSV UTF-8)."],
    ),
    ("unsupported type", "a.pdf", lambda: b"%PDF-1.4", ["Chỉ nhận tệp Excel .xlsx hoặc .csv."]),
]


@pytest.mark.parametrize(
    ("case", "filename", "make", "messages"), CORPUS, ids=[c[0] for c in CORPUS]
)
def test_import_bad_input_rejected_with_message_and_nothing_written(
    world, staff, case, filename, make, messages
):
    assert rejected(staff, make(), filename) == messages


def test_import_other_units_rows_refused_for_unit_clerk(world, clerk):
    issues = rejected(clerk, xlsx(row(), row(unit="BT")))
    assert issues == [
        "Trang “So lieu chi tieu”, dòng 3, cột “A – Mã đơn vị”: Không có đơn vị mã “BT” "
        "trong phạm vi của bạn."
    ]


def test_import_authority_rows_refused_for_unit_clerk(world, clerk):
    issues = rejected(clerk, xlsx(row(unit="", code="KT02")))
    assert issues == [
        "Trang “So lieu chi tieu”, dòng 2, cột “A – Mã đơn vị”: Chỉ tiêu chung của cơ quan do "
        "cán bộ thi đua nhập."
    ]


def test_import_closed_period_refused_for_unit_clerk(world, clerk, staff, authority):
    close_period(period=get_period(authority=authority, year=2023, kind="year"), user=staff)
    issues = rejected(clerk, xlsx(row()))
    assert issues == [
        "Trang “So lieu chi tieu”, dòng 2, cột “J – Thực hiện”: Kỳ báo cáo này đã khóa; không "
        "sửa được số liệu."
    ]


def test_import_csv_with_semicolons_and_vietnamese_numbers(world, staff):
    unit = world["kn"].unit
    unit.name = "Bến Nghé"
    unit.save(update_fields=["name"])
    content = csv_bytes(
        [
            ";".join(HEADER),
            "BN;Bến Nghé;2023;Cả năm;Chính thức;KN;;;;202;",
            "BN;;2023;year;official;HS;;;;99,6;",
        ],
        "utf-8-sig",
    )
    result = commit_file(user=staff, filename="so-lieu.csv", content=content)
    assert result.created == 2
    assert dict(Actual.objects.values_list("target__code", "value")) == {
        "KN": D("202"),
        "HS": D("99.6"),
    }


def test_import_one_bad_row_among_many_writes_nothing(world, staff):
    rows = [row(code="KN"), row(code="HS"), row(code="KN", kind="Ước thực hiện")]
    rows.insert(1, row(code="HS", period="6 tháng", value="#N/A?"))
    issues = rejected(staff, xlsx(*rows))
    assert issues == [
        "Trang “So lieu chi tieu”, dòng 3, cột “J – Thực hiện”: “#N/A?” không phải số hợp lệ "
        "(ví dụ đúng: 16.728 hoặc 10,17)."
    ]
    assert check_file(user=staff, filename="a.xlsx", content=xlsx(*rows[:1], *rows[2:])).new == 3


# ---- Views: preview, confirmation bound to the user, the session and the file -------------


def upload(client, content, name="so-lieu.xlsx"):
    return client.post(reverse("targets:import"), {"file": SimpleUploadedFile(name, content)})


def test_import_view_preview_then_confirm(client, world, staff):
    client.force_login(staff)
    preview = upload(client, xlsx(row()))
    assert preview.status_code == 200
    stored = preview.context["preview"]
    assert (preview.context["plan"].new, Actual.objects.count()) == (1, 0)
    response = client.post(
        reverse("targets:import_confirm"), {"import_id": stored.pk, "sha256": stored.sha256}
    )
    assert response.status_code == 302
    assert Actual.objects.get().value == D("202")
    stored.refresh_from_db()
    assert (stored.state, bytes(stored.content)) == (ImportState.COMMITTED, b"")
    again = client.post(
        reverse("targets:import_confirm"), {"import_id": stored.pk, "sha256": stored.sha256}
    )
    assert again.status_code == 302
    assert ActualChange.objects.count() == 1


def test_import_view_rejected_file_shows_messages(client, world, staff):
    client.force_login(staff)
    response = upload(client, xlsx(row(unit="XX")))
    assert response.status_code == 400
    assert response.context["issues"] == [
        "Trang “So lieu chi tieu”, dòng 2, cột “A – Mã đơn vị”: Không có đơn vị mã “XX” "
        "trong phạm vi của bạn."
    ]
    assert TargetImport.objects.count() == 0
    assert "Chưa ghi dòng nào" in response.content.decode()


def test_import_confirm_by_another_user_is_404(client, world, staff, make_user, unit):
    client.force_login(staff)
    stored = upload(client, xlsx(row())).context["preview"]
    intruder = make_user(Role.AUTHORITY_STAFF, unit)
    client.force_login(intruder)
    response = client.post(
        reverse("targets:import_confirm"), {"import_id": stored.pk, "sha256": stored.sha256}
    )
    assert response.status_code == 404
    assert Actual.objects.count() == 0


def test_import_confirm_of_another_file_is_refused(client, world, staff):
    client.force_login(staff)
    first = upload(client, xlsx(row())).context["preview"]
    upload(client, xlsx(row(code="HS")))
    response = client.post(
        reverse("targets:import_confirm"), {"import_id": first.pk, "sha256": first.sha256}
    )
    assert response.status_code == 404
    assert Actual.objects.count() == 0
    second = TargetImport.objects.get()
    assert second.pk != first.pk
    wrong_digest = client.post(
        reverse("targets:import_confirm"), {"import_id": second.pk, "sha256": first.sha256}
    )
    assert wrong_digest.status_code == 302
    assert Actual.objects.count() == 0


@pytest.mark.parametrize("role", [Role.COUNCIL_MEMBER, Role.CHAIRPERSON])
def test_import_forbidden_for_read_only_roles(client, world, make_user, unit, role):
    client.force_login(make_user(role, unit))
    assert client.get(reverse("targets:import")).status_code == 403
    assert upload(client, xlsx(row())).status_code == 403
    assert Actual.objects.count() == 0


def test_export_view_scoped_for_unit_clerk(client, world, clerk, other_unit):
    client.force_login(clerk)
    response = client.get(reverse("targets:export"), {"year": 2023})
    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    assert [(r[0].value, r[5].value) for r in sheet.iter_rows(min_row=2)] == [
        ("BN", "HS"),
        ("BN", "KN"),
    ]
    assert client.get(reverse("targets:export"), {"unit": other_unit.pk}).status_code == 404


def test_import_confirm_from_another_session_of_the_same_user_is_refused(client, world, staff):
    client.force_login(staff)
    stored = upload(client, xlsx(row())).context["preview"]
    other_session = Client()
    other_session.force_login(staff)
    response = other_session.post(
        reverse("targets:import_confirm"), {"import_id": stored.pk, "sha256": stored.sha256}
    )
    assert response.status_code == 302
    assert response.url == reverse("targets:import")
    assert Actual.objects.count() == 0
    stored.refresh_from_db()
    assert stored.state == ImportState.PREVIEWED


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_import_500_rows_with_one_bad_row_then_fixed(world, staff, authority, seed):
    unit = world["kn"].unit
    for n in range(248):
        TargetFactory(authority=authority, unit=unit, code=f"T{n:03d}", plan_value=D("10"))
    codes = ["KN", "HS", *(f"T{n:03d}" for n in range(248))]
    rows = [
        row(code=code, period=period, value=n)
        for n, code in enumerate(codes)
        for period in ("Quý I", "Quý II")
    ]
    assert len(rows) == 500
    position = random.Random(seed).randrange(500)  # noqa: S311  (a test position, not a secret)
    bad = list(rows)
    bad[position] = [*rows[position][:9], "bốn", ""]
    issues = rejected(staff, xlsx(*bad))
    assert issues == [
        f"Trang “So lieu chi tieu”, dòng {position + 2}, cột “J – Thực hiện”: “bốn” không "
        "phải số hợp lệ (ví dụ đúng: 16.728 hoặc 10,17)."
    ]
    result = commit_file(user=staff, filename="a.xlsx", content=xlsx(*rows))
    assert (result.created, Actual.objects.count()) == (500, 500)
