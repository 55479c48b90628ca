"""Spreadsheets the product reads: the uploaded file's container checks and the reading of its
rows (`emulation.spreadsheets` writes them).

The file is checked as a container first (size, zip entries and ratio, macros, encryption,
formulas and error cells: D15–D17), and read with python-calamine, which neither runs formulas
nor expands XML entities. Every problem is an `ImportIssue` naming sheet, row and column in
Vietnamese (RELIABILITY R-g, STYLE 9). Every import reads through it: the targets import
(`emulation.targets.import_rows`, `imports`) and the year-records import
(`awards.records.imports`).
"""

import csv
import io
import re
import zipfile
import zlib
from dataclasses import dataclass

from django.utils.translation import gettext as _

from documents import uploads
from emulation.numbers import format_number

MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 20_000
MAX_ZIP_ENTRIES = 1_000
MAX_UNCOMPRESSED = 50 * 1024 * 1024
MAX_RATIO = 100
MAX_ISSUES_SHOWN = 200
CSV_SHEET = "CSV"
EXCEL_ERRORS = ("#DIV/0!", "#REF!", "#VALUE!", "#NAME?", "#N/A", "#NUM!", "#NULL!")
_CELL = re.compile(rb"<c\b([^>]*?)(?:/>|>(.*?)</c>)", re.S)
_CELL_REF = re.compile(rb'\br="([A-Z]+[0-9]+)"')
_ERROR_TYPE = re.compile(rb'\bt="e"')


@dataclass(frozen=True)
class ImportIssue:
    sheet: str
    row: int | None
    column: str | None
    message: str

    def __str__(self) -> str:
        place = [_("Trang “%(sheet)s”") % {"sheet": self.sheet}] if self.sheet else []
        if self.row is not None:
            place.append(_("dòng %(row)d") % {"row": self.row})
        if self.column:
            place.append(_("cột “%(column)s”") % {"column": self.column})
        return f"{', '.join(place)}: {self.message}" if place else self.message


class ImportRejected(Exception):
    def __init__(self, issues: list[ImportIssue]):
        super().__init__(issues)
        self.issues = issues


def file_issue(message: str) -> ImportRejected:
    return ImportRejected([ImportIssue("", None, None, message)])


def column_letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def header_mismatches(
    expected: list[str], found: list[str], *, skip: frozenset[str] = frozenset()
) -> list[tuple[int, str]]:
    """(column index, Vietnamese message) of each header cell of the file that is not the
    template's (case aside), then of each column the template does not have. Headers in
    `skip` are not reported at their place (the caller names them otherwise)."""
    mismatches = []
    for index, header in enumerate(expected):
        got = found[index] if index < len(found) else ""
        if got.casefold() != header.casefold() and header not in skip:
            mismatches.append(
                (
                    index,
                    _("Cột này phải là “%(expected)s” (tệp ghi “%(found)s”). Hãy dùng tệp mẫu.")
                    % {"expected": header, "found": got},
                )
            )
    for index in range(len(expected), len(found)):
        mismatches.append(
            (index, _("Cột “%(found)s” không có trong tệp mẫu.") % {"found": found[index]})
        )
    return mismatches


# ---- Container ---------------------------------------------------------------------------


def too_large() -> ImportRejected:
    return file_issue(
        _("Tệp lớn hơn %(mb)d MB; hãy chia nhỏ tệp.") % {"mb": MAX_BYTES // (1024 * 1024)}
    )


def receive_spreadsheet(upload) -> uploads.ReceivedFile:
    """An uploaded spreadsheet through the user-file door: size, kind from the bytes (a zip
    container is read as .xlsx, plain text as .csv), a server name; then the container checks
    under the uploader's name, which may only refuse: a file whose bytes are not what its name
    says is refused. Raises `ImportRejected`."""
    try:
        received = uploads.receive(
            upload,
            kinds=uploads.SPREADSHEETS,
            max_bytes=MAX_BYTES,
            too_large=str(too_large().issues[0]),
            wrong_kind=_(
                "Chỉ nhận tệp Excel .xlsx hoặc .csv (tệp .xls cũ hay tệp đặt mật khẩu cũng "
                "không nhận; hãy lưu lại thành .xlsx)."
            ),
        )
    except uploads.UploadRefused as refused:
        raise file_issue(str(refused)) from refused
    if check_container(upload.name, received.content) != received.kind:
        raise file_issue(_("Tệp không phải tệp Excel .xlsx thật (có thể chỉ bị đổi đuôi)."))
    return received


def check_container(filename: str, content: bytes) -> str:
    """ "xlsx" or "csv" when the bytes may be read; `ImportRejected` with the reason otherwise."""
    name = (filename or "").lower()
    if not content:
        raise file_issue(_("Tệp rỗng."))
    if len(content) > MAX_BYTES:
        raise too_large()
    if name.endswith((".xlsm", ".xltm", ".xlsb")):
        raise file_issue(_("Không nhận tệp có macro (.xlsm); hãy lưu lại thành .xlsx."))
    if name.endswith(".csv"):
        return "csv"
    if not name.endswith(".xlsx"):
        raise file_issue(_("Chỉ nhận tệp Excel .xlsx hoặc .csv."))
    if content[:4] == b"\xd0\xcf\x11\xe0":
        raise file_issue(
            _(
                "Tệp được đặt mật khẩu hoặc là định dạng .xls cũ; hãy bỏ mật khẩu và lưu lại "
                "thành .xlsx."
            )
        )
    if content[:4] != b"PK\x03\x04":
        raise file_issue(_("Tệp không phải tệp Excel .xlsx thật (có thể chỉ bị đổi đuôi)."))
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
        _check_archive(archive)
    except (zipfile.BadZipFile, zlib.error, EOFError, ValueError) as exc:
        # A damaged entry (bad CRC, truncated stream) shows only when it is read.
        raise file_issue(_("Tệp .xlsx bị hỏng, không mở được.")) from exc
    return "xlsx"


def _check_archive(archive: zipfile.ZipFile) -> None:
    entries = archive.infolist()
    names = {entry.filename for entry in entries}
    if len(entries) > MAX_ZIP_ENTRIES or "xl/workbook.xml" not in names:
        raise file_issue(_("Tệp không phải tệp Excel .xlsx thật (có thể chỉ bị đổi đuôi)."))
    total = sum(entry.file_size for entry in entries)
    too_packed = any(
        entry.file_size > MAX_RATIO * max(entry.compress_size, 1) and entry.file_size > 1_000_000
        for entry in entries
    )
    if total > MAX_UNCOMPRESSED or too_packed:
        raise file_issue(_("Tệp giải nén ra quá lớn; không nhận."))
    if any(_declares_dtd(archive, entry) for entry in entries):
        raise file_issue(
            _("Tệp .xlsx có khai báo DOCTYPE/ENTITY (không có trong tệp Excel thật); không nhận.")
        )
    content_types = archive.read("[Content_Types].xml") if "[Content_Types].xml" in names else b""
    if b"macroEnabled" in content_types or any(n.endswith("vbaProject.bin") for n in names):
        raise file_issue(_("Không nhận tệp có macro (.xlsm); hãy lưu lại thành .xlsx."))
    _check_cells(
        archive, [n for n in names if n.startswith("xl/worksheets/") and n.endswith(".xml")]
    )


def _declares_dtd(archive: zipfile.ZipFile, entry: zipfile.ZipInfo) -> bool:
    """A DOCTYPE (the carrier of entity bombs and external entities, D15) sits in the prolog,
    before the root element: the first kilobyte of each XML part is enough to find it."""
    if not entry.filename.endswith((".xml", ".rels")):
        return False
    with archive.open(entry) as part:
        head = part.read(1024).upper()
    return b"<!DOCTYPE" in head or b"<!ENTITY" in head


def _check_cells(archive: zipfile.ZipFile, sheets: list[str]) -> None:
    """Formulas and Excel error values are refused, each named by its cell."""
    issues = []
    for sheet in sorted(sheets):
        data = archive.read(sheet)
        if b"<f" not in data and b't="e"' not in data:
            continue
        for match in _CELL.finditer(data):
            attributes, inner = match.group(1), match.group(2) or b""
            is_formula = b"<f>" in inner or b"<f " in inner or b"<f/>" in inner
            is_error = bool(_ERROR_TYPE.search(attributes))
            if not (is_formula or is_error):
                continue
            ref = _CELL_REF.search(attributes)
            where = ref.group(1).decode() if ref else "?"
            message = (
                _("Ô %(cell)s chứa công thức; hãy dán giá trị (Paste Values) thay cho công thức.")
                if is_formula
                else _("Ô %(cell)s chứa giá trị lỗi của Excel (như #DIV/0!, #REF!).")
            )
            issues.append(ImportIssue("", None, None, message % {"cell": where}))
            if len(issues) >= MAX_ISSUES_SHOWN:
                raise ImportRejected(issues)
    if issues:
        raise ImportRejected(issues)


# ---- Reading -----------------------------------------------------------------------------


def read_rows(
    kind: str, content: bytes, *, max_rows: int = MAX_ROWS
) -> tuple[str, list[tuple[int, list]]]:
    """(sheet name, [(row number, cells)]) of the non-blank rows, header first; a file with
    more than `max_rows` data rows is refused as soon as the reading passes them."""
    if kind == "csv":
        return CSV_SHEET, _csv_rows(content, max_rows)
    # Here: the models' start-up imports reach this module, and only a reading process needs it.
    import python_calamine

    try:
        workbook = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(content))
    except python_calamine.PasswordError as exc:
        raise file_issue(_("Tệp được đặt mật khẩu; hãy bỏ mật khẩu rồi tải lại.")) from exc
    except python_calamine.CalamineError as exc:
        raise file_issue(_("Tệp .xlsx bị hỏng, không mở được.")) from exc
    if len(workbook.sheet_names) != 1:
        raise file_issue(
            _("Tệp phải có đúng một trang tính như tệp mẫu (tệp này có %(n)d trang).")
            % {"n": len(workbook.sheet_names)}
        )
    sheet = workbook.get_sheet_by_index(0)
    if sheet.merged_cell_ranges:
        (r1, c1), (r2, c2) = sheet.merged_cell_ranges[0]
        raise ImportRejected(
            [
                ImportIssue(
                    sheet.name,
                    r1 + 1,
                    None,
                    _("Tệp có ô gộp (%(start)s:%(end)s); hãy bỏ gộp ô.")
                    % {
                        "start": f"{column_letter(c1)}{r1 + 1}",
                        "end": f"{column_letter(c2)}{r2 + 1}",
                    },
                )
            ]
        )
    start_row = sheet.start[0] if sheet.start else 0
    rows = []
    for index, cells in enumerate(sheet.iter_rows()):
        if any(cell not in ("", None) for cell in cells):
            rows.append((start_row + index + 1, list(cells)))
            if len(rows) > max_rows + 1:
                raise _too_many(max_rows)
    return sheet.name, rows


def _too_many(max_rows: int) -> ImportRejected:
    return file_issue(
        _("Tệp có quá %(max)s dòng số liệu; hãy chia nhỏ tệp.") % {"max": format_number(max_rows)}
    )


def _csv_rows(content: bytes, max_rows: int) -> list[tuple[int, list]]:
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise file_issue(
            _("Tệp CSV phải lưu bằng bảng mã UTF-8 (trong Excel: CSV UTF-8).")
        ) from exc
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    rows = []
    for number, cells in enumerate(csv.reader(io.StringIO(text), delimiter=delimiter), start=1):
        if any(cell.strip() for cell in cells):
            rows.append((number, cells))
            if len(rows) > max_rows + 1:
                raise _too_many(max_rows)
    return rows
