"""Checking an imported file of actual values, row by row, before anything is written.

Every row is checked; one bad row rejects the whole file, with messages naming sheet, row and
column in Vietnamese (RELIABILITY R-g, STYLE 9). The file writes actual values only: a unit
name, target name, unit of measure or plan changed in it is refused by name, never ignored
(plans change in the catalogue, with a reason). The result is an `ImportPlan`: what a
confirmation would write, counted for the preview. Reading and checking take a fixed number
of queries whatever the rows.

The check is in two steps so that the rows of a large file can be checked in slices by several
worker processes (`emulation.targets.imports`): each row is checked alone (`check_rows`, one
`RowFinding` a row), then the findings are put together in row order (`plan_from_findings`),
where a row repeating an earlier one is refused. The preview and the write at once run both
steps over the whole file (`check_file`); the background job runs the first step in chunks.
"""

import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _

from config.permissions import authorize
from emulation.enums import AUTHORITY_WIDE_ROLES
from emulation.models import Actual, ReportingPeriod, Target, User
from emulation.numbers import format_number
from emulation.selectors import units_in_scope
from emulation.spreadsheet_reading import (
    MAX_ISSUES_SHOWN,
    ImportIssue,
    ImportRejected,
    check_container,
    column_letter,
    file_issue,
    read_rows,
)
from emulation.spreadsheets import FORMULA_TRIGGERS
from emulation.targets.enums import PeriodState
from emulation.targets.numbers import NumberFormatError, number_from_cell
from emulation.targets.resources import (
    COLUMN_LABELS,
    HEADERS,
    KIND_LABELS,
    PERIOD_LABELS,
    Column,
)
from emulation.targets.services import ActualEntry

MAX_TEXT = 500
COLUMNS = list(HEADERS)


@dataclass
class ImportPlan:
    """A checked file: what a confirmation would write."""

    entries: dict = field(default_factory=lambda: defaultdict(list))
    rows: int = 0
    new: int = 0
    changed: int = 0
    unchanged: int = 0
    blank: int = 0


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


# What a target row carries for the check and for `save_actuals`.
TARGET_FIELDS = (
    "id",
    "authority_id",
    "unit_id",
    "year",
    "code",
    "parent_id",
    "name",
    "unit_of_measure",
    "plan_value",
)


class _Lookups:
    """Everything the rows refer to, read once (a fixed number of queries)."""

    def __init__(self, user: User, years: set[int], periods: set[str]):
        authority_id = user.unit.authority_id
        self.wide = user.role in AUTHORITY_WIDE_ROLES
        self.may_write_closed = authorize(user, "targets.write_closed_period")
        units = units_in_scope(user)
        self.units, self.unit_names = {}, {}
        for pk, code, name in units.values_list("pk", "code", "name"):
            self.units[code] = pk
            self.unit_names[pk] = name
        targets = Target.objects.filter(authority_id=authority_id, year__in=years).only(
            *TARGET_FIELDS
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

    @property
    def targets_by_id(self) -> dict[int, Target]:
        return {target.pk: target for target in self.targets.values()}


@dataclass(frozen=True)
class FileRows:
    """A file read and its header checked: its data rows `(row number, cells)`, and the years
    and periods they name, which decide what the lookups read."""

    sheet: str
    rows: list[tuple[int, list]]
    years: list[int]
    periods: list[str]


@dataclass
class RowFinding:
    """What checking one row alone found (JSON-able, so that a chunk of the background job
    can hand it to the job's process): everything but the duplicate check, which needs the
    rows before it and is made when the findings are put together (`plan_from_findings`).

    `bad_year`: the year is refused (these issues come first, as the years are read before
    anything else). `issues` are `[column, message]` pairs. `key` (target id, period, value
    kind) is set when the row got as far as the duplicate check; past it the row either has
    an issue or an `outcome`: the `ImportPlan` count it adds to (blank, unchanged, new,
    changed), with the value to write for the last two.
    """

    row: int
    issues: list = field(default_factory=list)
    bad_year: bool = False
    key: list | None = None
    year: int | None = None
    outcome: str = ""
    value: str | None = None
    reason: str = ""

    def as_json(self) -> list:
        """The fields in order: a list, as tens of thousands of them are stored at a time."""
        return list(vars(self).values())

    @classmethod
    def from_json(cls, fields: list) -> "RowFinding":
        return cls(*fields)


def read_file(*, filename: str, content: bytes) -> FileRows:
    """Read the file and check its container and header; `ImportRejected` when refused."""
    kind = check_container(filename, content)
    sheet, rows = read_rows(kind, content)
    if not rows:
        raise file_issue(_("Tệp không có dữ liệu (cần dòng tiêu đề như tệp mẫu)."))
    header_number, header = rows[0]
    _check_header(sheet, header_number, header)
    data = rows[1:]
    if not data:
        raise file_issue(_("Tệp chỉ có dòng tiêu đề, không có dòng số liệu nào."))
    years, periods = set(), set()
    # The two cells alone, not every cell (`_values`): a background job reads them alone.
    year_at, period_at = COLUMNS.index(Column.YEAR), COLUMNS.index(Column.PERIOD)
    for _number, cells in data:
        year = _year_of(cells[year_at] if year_at < len(cells) else "")
        if year is not None:
            years.add(year)
            periods.add(_period_of(cells[period_at] if period_at < len(cells) else ""))
    return FileRows(sheet=sheet, rows=data, years=sorted(years), periods=sorted(periods))


def lookups_for(user: User, years, periods) -> _Lookups:
    return _Lookups(user, set(years), set(periods))


def check_file(*, user: User, filename: str, content: bytes) -> ImportPlan:
    """Read and check the whole file for `user`; `ImportRejected` lists every problem found."""
    file = read_file(filename=filename, content=content)
    lookups = lookups_for(user, file.years, file.periods)
    findings = check_rows(file.rows, lookups)
    return plan_from_findings(file.sheet, findings, lookups.targets_by_id)


def check_rows(rows: list[tuple[int, list]], lookups: _Lookups) -> list[RowFinding]:
    """Check each row alone, in order: one finding a row."""
    return [_check_row(number, _values(cells), lookups) for number, cells in rows]


def plan_from_findings(
    sheet: str, findings: list[RowFinding], targets: dict[int, Target]
) -> ImportPlan:
    """Put the rows' findings together in row order, with the duplicate check, into what a
    confirmation would write; `ImportRejected` with the issues (the years' first, then the
    others until more than MAX_ISSUES_SHOWN) when any row is refused. `targets` holds by id
    every target a finding names."""
    issues: list[ImportIssue] = []

    def issue(number: int, column: str | None, message: str) -> None:
        letter = column_letter(COLUMNS.index(column)) if column else None
        label = f"{letter} – {COLUMN_LABELS[column]}" if column else None
        issues.append(ImportIssue(sheet, number, label, message))

    for finding in findings:
        if finding.bad_year:
            for column, message in finding.issues:
                issue(finding.row, column, message)
    plan = ImportPlan()
    seen: dict[tuple, int] = {}
    for finding in findings:
        if finding.bad_year:
            continue
        key = tuple(finding.key) if finding.key is not None else None
        if key is not None and key in seen:
            issue(
                finding.row,
                Column.TARGET_CODE,
                _("Trùng với dòng %(row)d (cùng đơn vị, chỉ tiêu, kỳ, loại số liệu).")
                % {"row": seen[key]},
            )
        else:
            if key is not None:
                seen[key] = finding.row
            for column, message in finding.issues:
                issue(finding.row, column, message)
            if finding.outcome:
                _count(plan, finding, targets)
        if len(issues) > MAX_ISSUES_SHOWN:
            break
    if issues:
        raise ImportRejected(issues)
    return plan


def _count(plan: ImportPlan, finding: RowFinding, targets: dict[int, Target]) -> None:
    plan.rows += 1
    setattr(plan, finding.outcome, getattr(plan, finding.outcome) + 1)
    if finding.outcome in ("new", "changed"):
        target_id, period, value_kind = finding.key
        plan.entries[(finding.year, period, value_kind)].append(
            ActualEntry(
                target=targets[target_id], value=Decimal(finding.value), reason=finding.reason
            )
        )


def _values(cells: list) -> dict:
    width = len(COLUMNS)
    return dict(zip(COLUMNS, (list(cells) + [""] * width)[:width], strict=True))


def _year_of(cell) -> int | None:
    year_text = _text(cell)
    if not year_text.isdigit() or not 2000 <= int(year_text) <= 2100:
        return None
    return int(year_text)


def _period_of(cell) -> str:
    return PERIOD_LABELS.get(_text(cell), _text(cell))


def _check_row(number: int, values: dict, lookups: _Lookups) -> RowFinding:
    finding = RowFinding(row=number)

    def refuse(column: str | None, message: str) -> RowFinding:
        finding.issues.append([column, message])
        return finding

    year = _year_of(values[Column.YEAR])
    if year is None:
        finding.bad_year = True
        return refuse(Column.YEAR, _("Năm phải là số có bốn chữ số, ví dụ 2023."))
    unit_code = _text(values[Column.UNIT_CODE])
    unit_id = None
    if unit_code:
        unit_id = lookups.units.get(unit_code)
        if unit_id is None:
            return refuse(
                Column.UNIT_CODE,
                _("Không có đơn vị mã “%(code)s” trong phạm vi của bạn.") % {"code": unit_code},
            )
    elif not lookups.wide:
        return refuse(Column.UNIT_CODE, _("Chỉ tiêu chung của cơ quan do cán bộ thi đua nhập."))
    period = _period_of(values[Column.PERIOD])
    if period not in PERIOD_LABELS.values():
        return refuse(
            Column.PERIOD,
            _("Kỳ phải là một trong: %(list)s.") % {"list": ", ".join(PERIOD_LABELS)},
        )
    value_kind = KIND_LABELS.get(_text(values[Column.VALUE_KIND]), _text(values[Column.VALUE_KIND]))
    if value_kind not in KIND_LABELS.values():
        return refuse(
            Column.VALUE_KIND, _("Loại số liệu phải là “Ước thực hiện” hoặc “Chính thức”.")
        )
    code = _text(values[Column.TARGET_CODE])
    target = lookups.targets.get((unit_id, year, code))
    if target is None or target.pk in lookups.heading_ids:
        return refuse(
            Column.TARGET_CODE,
            _("Không có chỉ tiêu mã “%(code)s” năm %(year)d của đơn vị này.")
            % {"code": code, "year": year},
        )
    if not _kept_as_exported(values, target, lookups.unit_names.get(unit_id), refuse):
        return finding
    # From here on the row takes part in the duplicate check (`plan_from_findings`).
    finding.key = [target.pk, period, value_kind]
    finding.year = year
    try:
        value = number_from_cell(values[Column.VALUE])
    except NumberFormatError as exc:
        return refuse(Column.VALUE, exc.message)
    reason = _text(values[Column.REASON])
    if len(reason) > MAX_TEXT:
        return refuse(Column.REASON, _("Lý do dài quá %(max)d ký tự.") % {"max": MAX_TEXT})
    if value is None:
        finding.outcome = "blank"
        return finding
    if (year, period) in lookups.closed and not lookups.may_write_closed:
        return refuse(Column.VALUE, _("Kỳ báo cáo này đã khóa; không sửa được số liệu."))
    old = lookups.existing.get((target.pk, year, period, value_kind))
    if old is not None and old == value:
        finding.outcome = "unchanged"
        return finding
    if old is not None and not reason:
        return refuse(
            Column.REASON,
            _("Số liệu đã gửi (%(old)s): cần ghi lý do thay đổi.") % {"old": format_number(old)},
        )
    finding.outcome = "new" if old is None else "changed"
    finding.value = str(value)
    finding.reason = reason
    return finding


def _same_text(found: str, kept: str) -> bool:
    return " ".join(found.split()).casefold() == " ".join(kept.split()).casefold()


def _kept_as_exported(values, target, unit_name, issue) -> bool:
    """The columns the import does not write hold what the export put in them (a blank cell
    claims nothing); each changed one is an issue naming its column."""
    kept = True
    texts = (
        (Column.UNIT_NAME, unit_name or ""),
        (Column.TARGET_NAME, target.name),
        (Column.UNIT_OF_MEASURE, target.unit_of_measure),
    )
    for column, current in texts:
        found = _text(values[column])
        if found and not _same_text(found, current):
            kept = False
            issue(
                column,
                _(
                    "Tệp số liệu không sửa được cột này: tệp ghi “%(found)s”, hệ thống ghi "
                    "“%(current)s”. Hãy để nguyên như tệp đã tải về."
                )
                % {"found": found[:80], "current": current},
            )
    cell = values[Column.PLAN]
    if _text(cell):
        try:
            plan = number_from_cell(cell)
        except NumberFormatError as exc:
            issue(Column.PLAN, exc.message)
            return False
        if plan != target.plan_value:
            kept = False
            issue(
                Column.PLAN,
                _(
                    "Kế hoạch không sửa được bằng tệp số liệu: tệp ghi %(found)s, kế hoạch đang "
                    "là %(current)s. Hãy sửa kế hoạch trong danh mục chỉ tiêu, kèm lý do."
                )
                % {
                    "found": format_number(plan),
                    "current": format_number(target.plan_value, empty=_("(chưa có)")),
                },
            )
    return kept
