"""Import of actual values from the Excel template (or a CSV with the same columns).

Every row is checked before anything is written; one bad row rejects the whole file, with
messages naming sheet, row and column in Vietnamese (RELIABILITY R-g, STYLE 9). The file is
checked as a container first (size, zip entries and ratio, macros, encryption: D15–D17), and
read with python-calamine, which neither runs formulas nor expands XML entities. The write is
one transaction through `services.save_actuals`, so imported values keep the same history as
typed ones. Reading, checking and writing take a fixed number of queries whatever the rows.
"""

import csv
import hashlib
import io
import re
import unicodedata
import zipfile
import zlib
from collections import defaultdict
from dataclasses import dataclass, field

import python_calamine
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from config.permissions import authorize
from config.workflow import Transition, TransitionRefused, Workflow
from documents import uploads
from documents.models import Job
from documents.registry import ProgressCallback
from documents.services import request_document
from emulation.enums import AUTHORITY_WIDE_ROLES
from emulation.models import Actual, ReportingPeriod, Target, TargetImport, User
from emulation.selectors import units_in_scope
from emulation.spreadsheets import FORMULA_TRIGGERS
from emulation.targets.enums import ChangeSource, ImportState, PeriodState
from emulation.targets.numbers import NumberFormatError, number_from_cell
from emulation.targets.resources import (
    COLUMN_LABELS,
    HEADERS,
    KIND_LABELS,
    PERIOD_LABELS,
    Column,
)
from emulation.targets.services import (
    ActualEntry,
    SaveResult,
    TargetsError,
    get_period,
    save_actuals,
)

MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 20_000
MAX_ZIP_ENTRIES = 1_000
MAX_UNCOMPRESSED = 50 * 1024 * 1024
MAX_RATIO = 100
MAX_TEXT = 500
MAX_ISSUES_SHOWN = 200
# Files with more rows than this are written by a background job.
SYNC_ROW_LIMIT = 2_000

# An upload is previewed, then written at once or queued for a worker, which writes it or
# marks it failed with the file's messages. Every move is the system's: the user's right was
# checked when the file was previewed.
IMPORT_WORKFLOW = Workflow(
    model=TargetImport,
    transitions=[
        Transition(ImportState.PREVIEWED, ImportState.QUEUED, "queue"),
        Transition(ImportState.PREVIEWED, ImportState.COMMITTED, "commit"),
        Transition(ImportState.QUEUED, ImportState.COMMITTED, "commit"),
        Transition(ImportState.QUEUED, ImportState.FAILED, "fail"),
    ],
)
IMPORT_DOCUMENT_KIND = "targets_import"
CSV_SHEET = "CSV"
EXCEL_ERRORS = ("#DIV/0!", "#REF!", "#VALUE!", "#NAME?", "#N/A", "#NUM!", "#NULL!")
_CELL = re.compile(rb"<c\b([^>]*?)(?:/>|>(.*?)</c>)", re.S)
_CELL_REF = re.compile(rb'\br="([A-Z]+[0-9]+)"')
_ERROR_TYPE = re.compile(rb'\bt="e"')
COLUMNS = list(HEADERS)


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


@dataclass
class ImportPlan:
    """A checked file: what a confirmation would write."""

    entries: dict = field(default_factory=lambda: defaultdict(list))
    rows: int = 0
    new: int = 0
    changed: int = 0
    unchanged: int = 0
    blank: int = 0


def _file_issue(message: str) -> ImportRejected:
    return ImportRejected([ImportIssue("", None, None, message)])


def column_letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


# ---- Container ---------------------------------------------------------------------------


def too_large() -> ImportRejected:
    return _file_issue(
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
        raise _file_issue(str(refused)) from refused
    if check_container(upload.name, received.content) != received.kind:
        raise _file_issue(_("Tệp không phải tệp Excel .xlsx thật (có thể chỉ bị đổi đuôi)."))
    return received


def check_container(filename: str, content: bytes) -> str:
    """ "xlsx" or "csv" when the bytes may be read; `ImportRejected` with the reason otherwise."""
    name = (filename or "").lower()
    if not content:
        raise _file_issue(_("Tệp rỗng."))
    if len(content) > MAX_BYTES:
        raise too_large()
    if name.endswith((".xlsm", ".xltm", ".xlsb")):
        raise _file_issue(_("Không nhận tệp có macro (.xlsm); hãy lưu lại thành .xlsx."))
    if name.endswith(".csv"):
        return "csv"
    if not name.endswith(".xlsx"):
        raise _file_issue(_("Chỉ nhận tệp Excel .xlsx hoặc .csv."))
    if content[:4] == b"\xd0\xcf\x11\xe0":
        raise _file_issue(
            _(
                "Tệp được đặt mật khẩu hoặc là định dạng .xls cũ; hãy bỏ mật khẩu và lưu lại "
                "thành .xlsx."
            )
        )
    if content[:4] != b"PK\x03\x04":
        raise _file_issue(_("Tệp không phải tệp Excel .xlsx thật (có thể chỉ bị đổi đuôi)."))
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
        _check_archive(archive)
    except (zipfile.BadZipFile, zlib.error, EOFError, ValueError) as exc:
        # A damaged entry (bad CRC, truncated stream) shows only when it is read.
        raise _file_issue(_("Tệp .xlsx bị hỏng, không mở được.")) from exc
    return "xlsx"


def _check_archive(archive: zipfile.ZipFile) -> None:
    entries = archive.infolist()
    names = {entry.filename for entry in entries}
    if len(entries) > MAX_ZIP_ENTRIES or "xl/workbook.xml" not in names:
        raise _file_issue(_("Tệp không phải tệp Excel .xlsx thật (có thể chỉ bị đổi đuôi)."))
    total = sum(entry.file_size for entry in entries)
    too_packed = any(
        entry.file_size > MAX_RATIO * max(entry.compress_size, 1) and entry.file_size > 1_000_000
        for entry in entries
    )
    if total > MAX_UNCOMPRESSED or too_packed:
        raise _file_issue(_("Tệp giải nén ra quá lớn; không nhận."))
    if any(_declares_dtd(archive, entry) for entry in entries):
        raise _file_issue(
            _("Tệp .xlsx có khai báo DOCTYPE/ENTITY (không có trong tệp Excel thật); không nhận.")
        )
    content_types = archive.read("[Content_Types].xml") if "[Content_Types].xml" in names else b""
    if b"macroEnabled" in content_types or any(n.endswith("vbaProject.bin") for n in names):
        raise _file_issue(_("Không nhận tệp có macro (.xlsm); hãy lưu lại thành .xlsx."))
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


def read_rows(kind: str, content: bytes) -> tuple[str, list[tuple[int, list]]]:
    """(sheet name, [(row number, cells)]) of the non-blank rows, header first."""
    if kind == "csv":
        return CSV_SHEET, _csv_rows(content)
    try:
        workbook = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(content))
    except python_calamine.PasswordError as exc:
        raise _file_issue(_("Tệp được đặt mật khẩu; hãy bỏ mật khẩu rồi tải lại.")) from exc
    except python_calamine.CalamineError as exc:
        raise _file_issue(_("Tệp .xlsx bị hỏng, không mở được.")) from exc
    if len(workbook.sheet_names) != 1:
        raise _file_issue(
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
            if len(rows) > MAX_ROWS + 1:
                raise _too_many()
    return sheet.name, rows


def _too_many() -> ImportRejected:
    return _file_issue(_("Tệp có quá %(max)d dòng số liệu; hãy chia nhỏ tệp.") % {"max": MAX_ROWS})


def _csv_rows(content: bytes) -> list[tuple[int, list]]:
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise _file_issue(
            _("Tệp CSV phải lưu bằng bảng mã UTF-8 (trong Excel: CSV UTF-8).")
        ) from exc
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    rows = []
    for number, cells in enumerate(csv.reader(io.StringIO(text), delimiter=delimiter), start=1):
        if any(cell.strip() for cell in cells):
            rows.append((number, cells))
            if len(rows) > MAX_ROWS + 1:
                raise _too_many()
    return rows


# ---- Checking ----------------------------------------------------------------------------


def _text(cell) -> str:
    if cell is None:
        return ""
    if isinstance(cell, float) and cell.is_integer():
        cell = int(cell)
    text = unicodedata.normalize("NFC", str(cell)).strip()
    # The export's neutralising apostrophe is not part of the value.
    if text.startswith("'") and text[1:2] in FORMULA_TRIGGERS:
        text = text[1:]
    return text


def _check_header(sheet: str, number: int, cells: list) -> None:
    found = [_text(c) for c in cells]
    while found and not found[-1]:
        found.pop()
    expected = list(HEADERS.values())
    if [f.casefold() for f in found] == [e.casefold() for e in expected]:
        return
    issues = []
    for index, header in enumerate(expected):
        got = found[index] if index < len(found) else ""
        if got.casefold() != header.casefold():
            issues.append(
                ImportIssue(
                    sheet,
                    number,
                    column_letter(index),
                    _("Cột này phải là “%(expected)s” (tệp ghi “%(found)s”). Hãy dùng tệp mẫu.")
                    % {"expected": header, "found": got},
                )
            )
    for index in range(len(expected), len(found)):
        issues.append(
            ImportIssue(
                sheet,
                number,
                column_letter(index),
                _("Cột “%(found)s” không có trong tệp mẫu.") % {"found": found[index]},
            )
        )
    raise ImportRejected(issues)


class _Lookups:
    """Everything the rows refer to, read once (a fixed number of queries)."""

    def __init__(self, user: User, years: set[int], periods: set[str]):
        authority_id = user.unit.authority_id
        self.wide = user.role in AUTHORITY_WIDE_ROLES
        units = units_in_scope(user)
        self.units = {code: pk for pk, code in units.values_list("pk", "code")}
        targets = Target.objects.filter(authority_id=authority_id, year__in=years).only(
            "id", "authority_id", "unit_id", "year", "code", "parent_id"
        )
        if not self.wide:
            targets = targets.filter(unit__in=units)
        self.targets = {(t.unit_id, t.year, t.code): t for t in targets}
        self.heading_ids = {t.parent_id for t in self.targets.values() if t.parent_id}
        self.closed = set(
            ReportingPeriod.objects.filter(
                authority_id=authority_id, year__in=years, state=PeriodState.CLOSED
            ).values_list("year", "kind")
        )
        self.existing = {
            (target_id, year, kind, value_kind): value
            for target_id, year, kind, value_kind, value in Actual.objects.filter(
                target__in=targets, period__kind__in=periods
            ).values_list("target_id", "period__year", "period__kind", "value_kind", "value")
        }


def check_file(*, user: User, filename: str, content: bytes) -> ImportPlan:
    """Read and check the whole file for `user`; `ImportRejected` lists every problem found."""
    kind = check_container(filename, content)
    sheet, rows = read_rows(kind, content)
    if not rows:
        raise _file_issue(_("Tệp không có dữ liệu (cần dòng tiêu đề như tệp mẫu)."))
    header_number, header = rows[0]
    _check_header(sheet, header_number, header)
    data = rows[1:]
    if not data:
        raise _file_issue(_("Tệp chỉ có dòng tiêu đề, không có dòng số liệu nào."))
    issues: list[ImportIssue] = []

    def issue(number: int, column: str | None, message: str) -> None:
        letter = column_letter(COLUMNS.index(column)) if column else None
        label = f"{letter} – {COLUMN_LABELS[column]}" if column else None
        issues.append(ImportIssue(sheet, number, label, message))

    width = len(COLUMNS)
    parsed = []
    years, periods = set(), set()
    for number, cells in data:
        cells = (cells + [""] * width)[:width]
        values = dict(zip(COLUMNS, cells, strict=True))
        year_text = _text(values[Column.YEAR])
        if not year_text.isdigit() or not 2000 <= int(year_text) <= 2100:
            issue(number, Column.YEAR, _("Năm phải là số có bốn chữ số, ví dụ 2023."))
            continue
        years.add(int(year_text))
        periods.add(PERIOD_LABELS.get(_text(values[Column.PERIOD]), _text(values[Column.PERIOD])))
        parsed.append((number, values, int(year_text)))
    lookups = _Lookups(user, years, periods)
    plan = ImportPlan()
    seen: dict[tuple, int] = {}
    may_write_closed = authorize(user, "targets.write_closed_period")
    for number, values, year in parsed:
        _check_row(number, values, year, lookups, plan, seen, issue, may_write_closed)
        if len(issues) > MAX_ISSUES_SHOWN:
            break
    if issues:
        raise ImportRejected(issues)
    return plan


def _check_row(number, values, year, lookups, plan, seen, issue, may_write_closed) -> None:
    unit_code = _text(values[Column.UNIT_CODE])
    unit_id = None
    if unit_code:
        unit_id = lookups.units.get(unit_code)
        if unit_id is None:
            issue(
                number,
                Column.UNIT_CODE,
                _("Không có đơn vị mã “%(code)s” trong phạm vi của bạn.") % {"code": unit_code},
            )
            return
    elif not lookups.wide:
        issue(number, Column.UNIT_CODE, _("Chỉ tiêu chung của cơ quan do cán bộ thi đua nhập."))
        return
    period = PERIOD_LABELS.get(_text(values[Column.PERIOD]), _text(values[Column.PERIOD]))
    if period not in PERIOD_LABELS.values():
        issue(
            number,
            Column.PERIOD,
            _("Kỳ phải là một trong: %(list)s.") % {"list": ", ".join(PERIOD_LABELS)},
        )
        return
    value_kind = KIND_LABELS.get(_text(values[Column.VALUE_KIND]), _text(values[Column.VALUE_KIND]))
    if value_kind not in KIND_LABELS.values():
        issue(
            number, Column.VALUE_KIND, _("Loại số liệu phải là “Ước thực hiện” hoặc “Chính thức”.")
        )
        return
    code = _text(values[Column.TARGET_CODE])
    target = lookups.targets.get((unit_id, year, code))
    if target is None or target.pk in lookups.heading_ids:
        issue(
            number,
            Column.TARGET_CODE,
            _("Không có chỉ tiêu mã “%(code)s” năm %(year)d của đơn vị này.")
            % {"code": code, "year": year},
        )
        return
    key = (target.pk, period, value_kind)
    if key in seen:
        issue(
            number,
            Column.TARGET_CODE,
            _("Trùng với dòng %(row)d (cùng đơn vị, chỉ tiêu, kỳ, loại số liệu).")
            % {"row": seen[key]},
        )
        return
    seen[key] = number
    try:
        value = number_from_cell(values[Column.VALUE])
    except NumberFormatError as exc:
        issue(number, Column.VALUE, exc.message)
        return
    reason = _text(values[Column.REASON])
    if len(reason) > MAX_TEXT:
        issue(number, Column.REASON, _("Lý do dài quá %(max)d ký tự.") % {"max": MAX_TEXT})
        return
    plan.rows += 1
    if value is None:
        plan.blank += 1
        return
    if (year, period) in lookups.closed and not may_write_closed:
        issue(number, Column.VALUE, _("Kỳ báo cáo này đã khóa; không sửa được số liệu."))
        return
    old = lookups.existing.get((target.pk, year, period, value_kind))
    if old is None:
        plan.new += 1
    elif old == value:
        plan.unchanged += 1
        return
    elif not reason:
        issue(
            number,
            Column.REASON,
            _("Số liệu đã gửi (%(old)s): cần ghi lý do thay đổi.") % {"old": old},
        )
        return
    else:
        plan.changed += 1
    plan.entries[(year, period, value_kind)].append(
        ActualEntry(target=target, value=value, reason=reason)
    )


def commit_file(
    *, user: User, filename: str, content: bytes, progress: ProgressCallback | None = None
) -> SaveResult:
    """Check the file again (the data may have changed since the preview) and write it in one
    transaction; `ImportRejected` and nothing written if any row is refused. `progress`, when
    given, hears 10 after the check and up to 70 as the groups of rows are written."""
    report = progress or (lambda percent: None)
    plan = check_file(user=user, filename=filename, content=content)
    report(10)
    created = changed = 0
    may_write_closed = authorize(user, "targets.write_closed_period")
    authority = user.unit.authority
    groups = list(plan.entries.items())
    try:
        with transaction.atomic():
            for index, ((year, period, value_kind), entries) in enumerate(groups, start=1):
                result = save_actuals(
                    user=user,
                    period=get_period(authority=authority, year=year, kind=period),
                    value_kind=value_kind,
                    entries=entries,
                    source=ChangeSource.IMPORT,
                    may_write_closed=may_write_closed,
                )
                created += result.created
                changed += result.changed
                report(10 + 60 * index // len(groups))
    except TargetsError as exc:
        raise ImportRejected(
            [ImportIssue("", None, None, m) for ms in exc.errors.values() for m in ms]
        ) from exc
    return SaveResult(created=created, changed=changed, unchanged=plan.unchanged)


# ---- Upload, preview, confirmation ---------------------------------------------------------


def start_import(*, user: User, filename: str, content: bytes) -> tuple[TargetImport, ImportPlan]:
    """Check an uploaded file and keep it, bound to `user`, for the confirmation; the user's
    earlier unconfirmed previews are dropped. Raises `ImportRejected` (nothing kept, nothing
    written) when the file is refused."""
    plan = check_file(user=user, filename=filename, content=content)
    # Only the latest preview can be confirmed (the session keeps its id): drop older ones.
    TargetImport.objects.filter(uploaded_by=user, state=ImportState.PREVIEWED).delete()
    upload = TargetImport.objects.create(
        authority_id=user.unit.authority_id,
        uploaded_by=user,
        filename=filename[:200],
        sha256=hashlib.sha256(content).hexdigest(),
        content=content,
        state=ImportState.PREVIEWED,
        row_count=plan.rows,
    )
    return upload, plan


def confirm_import(*, user: User, upload: TargetImport, sha256: str) -> SaveResult | Job:
    """Write a previewed file, at once when it is small, otherwise in a background document job
    (returned) whose PDF reports the result.

    Preconditions: `upload` was previewed by `user` (the view fetched it by the id kept in the
    user's session). The digest posted back must be the stored file's. Side effects: the
    actuals and their history, or one queued job; the upload marked committed or queued.
    """
    content = bytes(upload.content)
    if (
        upload.uploaded_by_id != user.pk
        or upload.state != ImportState.PREVIEWED
        or sha256 != upload.sha256
        or hashlib.sha256(content).hexdigest() != upload.sha256
    ):
        raise _file_issue(_("Tệp xác nhận không khớp tệp đã xem trước; hãy tải tệp lên lại."))
    if upload.row_count > SYNC_ROW_LIMIT:
        with transaction.atomic():
            if not _move(upload, ImportState.QUEUED):
                raise _file_issue(_("Tệp này đã được ghi rồi."))
            return request_document(
                kind=IMPORT_DOCUMENT_KIND, params={"import_id": upload.pk}, user=user
            )
    with transaction.atomic():
        if not _move(upload, ImportState.COMMITTED):
            raise _file_issue(_("Tệp này đã được ghi rồi."))
        result = commit_file(user=user, filename=upload.filename, content=content)
        _store_result(upload, result)
    return result


def run_queued_import(*, upload_id: int, progress: ProgressCallback) -> dict:
    """Write a queued upload (in a worker) and return its counts. Safe to run twice: a
    committed upload returns the counts stored the first time. A refused file marks the upload
    failed, with its messages, and raises `ImportRejected`; nothing is written."""
    upload = TargetImport.objects.select_related("uploaded_by__unit").get(pk=upload_id)
    if upload.state == ImportState.COMMITTED:
        return upload.result
    if upload.state != ImportState.QUEUED:
        raise _file_issue(_("Tệp này không ở trạng thái chờ ghi."))
    try:
        with transaction.atomic():
            locked = TargetImport.objects.select_for_update().get(pk=upload_id)
            if locked.state != ImportState.QUEUED:
                return locked.result
            result = commit_file(
                user=upload.uploaded_by,
                filename=upload.filename,
                content=bytes(upload.content),
                progress=progress,
            )
            _move(locked, ImportState.COMMITTED)
            return _store_result(locked, result)
    except ImportRejected as exc:
        # `upload` was read queued: the failure is recorded only if it still is.
        _move(
            upload,
            ImportState.FAILED,
            errors=[str(issue) for issue in exc.issues[:MAX_ISSUES_SHOWN]],
        )
        raise


def _move(upload: TargetImport, new: ImportState, **changes) -> bool:
    """IMPORT_WORKFLOW's compare-and-set from the state `upload` was read with; False when
    someone else moved it first."""
    try:
        IMPORT_WORKFLOW.apply(upload, new, check=False, **changes)
    except TransitionRefused as refused:
        if not refused.conflict:
            raise
        return False
    return True


def _store_result(upload: TargetImport, result: SaveResult) -> dict:
    counts = {"created": result.created, "changed": result.changed, "unchanged": result.unchanged}
    TargetImport.objects.filter(pk=upload.pk).update(
        result=counts, committed_at=timezone.now(), content=b""
    )
    return counts
