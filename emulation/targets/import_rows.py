"""Checking an imported file of actual values, row by row, before anything is written.

Every row is checked; one bad row rejects the whole file, with messages naming sheet, row and
column in Vietnamese (RELIABILITY R-g, STYLE 9). The file writes actual values only: a unit
name, target name, unit of measure or plan changed in it is refused by name, never ignored
(plans change in the catalogue, with a reason). The result is an `ImportPlan`: what a
confirmation would write, counted for the preview. Reading and checking take a fixed number
of queries whatever the rows.
"""

import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field

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


class _Lookups:
    """Everything the rows refer to, read once (a fixed number of queries)."""

    def __init__(self, user: User, years: set[int], periods: set[str]):
        authority_id = user.unit.authority_id
        self.wide = user.role in AUTHORITY_WIDE_ROLES
        units = units_in_scope(user)
        self.units, self.unit_names = {}, {}
        for pk, code, name in units.values_list("pk", "code", "name"):
            self.units[code] = pk
            self.unit_names[pk] = name
        targets = Target.objects.filter(authority_id=authority_id, year__in=years).only(
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
        raise file_issue(_("Tệp không có dữ liệu (cần dòng tiêu đề như tệp mẫu)."))
    header_number, header = rows[0]
    _check_header(sheet, header_number, header)
    data = rows[1:]
    if not data:
        raise file_issue(_("Tệp chỉ có dòng tiêu đề, không có dòng số liệu nào."))
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
    if not _kept_as_exported(number, values, target, lookups.unit_names.get(unit_id), issue):
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
            _("Số liệu đã gửi (%(old)s): cần ghi lý do thay đổi.") % {"old": format_number(old)},
        )
        return
    else:
        plan.changed += 1
    plan.entries[(year, period, value_kind)].append(
        ActualEntry(target=target, value=value, reason=reason)
    )


def _same_text(found: str, kept: str) -> bool:
    return " ".join(found.split()).casefold() == " ".join(kept.split()).casefold()


def _kept_as_exported(number, values, target, unit_name, issue) -> bool:
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
                number,
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
            issue(number, Column.PLAN, exc.message)
            return False
        if plan != target.plan_value:
            kept = False
            issue(
                number,
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
