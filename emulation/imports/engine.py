"""The one import engine (nhập dữ liệu): every import of an authority's own data reads, checks
and compares its file here, and writes it through `emulation.imports.services`.

An import kind declares its columns (the exported file is its template), the key that finds an
existing record, how a row is parsed and how the checked rows are written in bulk. The engine
reads the file through `emulation.spreadsheet_reading` (container checks, formulas, merged
cells, the row limit), checks the header, parses every row, refuses duplicate keys and compares
each row with what is stored: rows to create, rows to change (before → after), rows unchanged.
Every problem is named by its row and column as the user sees them ("Dòng 7, cột D (Ngày
sinh): …"); one problem refuses the whole file. The kind's `load` reads everything the rows
refer to in a fixed number of queries, so checking costs the same queries for 10 rows or 10,000.
"""

from abc import ABC, abstractmethod
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, ClassVar

from django.utils.translation import gettext as _

from emulation.imports import cells
from emulation.models import Authority
from emulation.numbers import format_number
from emulation.spreadsheet_reading import (
    MAX_ISSUES_SHOWN,
    ImportIssue,
    ImportRejected,
    check_container,
    column_letter,
    file_issue,
    header_mismatches,
    read_rows,
)
from emulation.spreadsheets import Sheet, xlsx_bytes

# 10,000 people with three titles each fit in one history file; beyond, the file is split.
MAX_IMPORT_ROWS = 40_000


@dataclass(frozen=True)
class CellIssue(ImportIssue):
    """A refused cell, written as the user finds it: "Dòng 7, cột D (Ngày sinh): …"."""

    def __str__(self) -> str:
        if self.row is None:
            return self.message
        if self.column is None:
            return _("Dòng %(row)d: %(message)s") % {"row": self.row, "message": self.message}
        return _("Dòng %(row)d, cột %(column)s: %(message)s") % {
            "row": self.row,
            "column": self.column,
            "message": self.message,
        }


@dataclass(frozen=True)
class Column:
    """A column of an import's file: its key, its Vietnamese header (part of the file format,
    whatever the interface language) and, for a choice, its labels (code → label)."""

    key: str
    header: str
    required: bool = False
    labels: dict | None = None
    is_date: bool = False


class Row:
    """A data row: its number in the sheet and its cells by column key. Parsing a cell that
    cannot be applied records the problem at that cell and answers None."""

    def __init__(self, number: int, values: dict, columns: dict[str, tuple[int, Column]]):
        self.number = number
        self.values = values
        self._columns = columns
        self.issues: list[CellIssue] = []

    def error(self, key: str, message: str) -> None:
        index, column = self._columns[key]
        where = f"{column_letter(index)} ({column.header})"
        self.issues.append(CellIssue("", self.number, where, message))

    def read(self, key: str, parse, *args, **kwargs):
        """`parse(cell, …)` of the column's cell; a blank required cell is an error."""
        try:
            value = parse(self.values[key], *args, **kwargs)
        except cells.CellError as exc:
            self.error(key, exc.message)
            return None
        if self._columns[key][1].required and value in ("", None):
            self.error(key, _("Ô này không được để trống."))
            return None
        return value

    def text(self, key: str, max_length: int = 200) -> str | None:
        return self.read(key, cells.bounded_text, max_length)

    def date(self, key: str):
        return self.read(key, cells.date)

    def choice(self, key: str) -> str | None:
        return self.read(key, cells.choice, self._columns[key][1].labels)

    def whole_number(self, key: str, *, low: int, high: int) -> int | None:
        return self.read(key, cells.whole_number, low=low, high=high)


@dataclass
class PlannedRow:
    """A checked row: its key, its values, and what is stored for that key (None: new)."""

    number: int
    key: tuple
    values: dict
    before: dict | None = None

    @property
    def is_new(self) -> bool:
        return self.before is None

    def changed_keys(self) -> list[str]:
        if self.before is None:
            return list(self.values)
        return [key for key, value in self.values.items() if self.before.get(key) != value]


@dataclass
class Plan:
    """What a confirmation would write, and what the preview shows."""

    kind: "ImportKind"
    creates: list[PlannedRow] = field(default_factory=list)
    changes: list[PlannedRow] = field(default_factory=list)
    unchanged: int = 0
    context: Any = None

    @property
    def rows(self) -> int:
        return len(self.creates) + len(self.changes) + self.unchanged

    def shown(self, row: PlannedRow, side: str) -> list[tuple[str, str]]:
        """(header, value as the file writes it) of the row's changed cells, before or after;
        of a new row, its filled cells."""
        values = row.values if side == "after" else (row.before or {})
        columns = self.kind.columns_by_key
        shown = (
            (columns[key].header, cells.shown(values.get(key), columns[key].labels))
            for key in row.changed_keys()
        )
        listed = [(header, value) for header, value in shown if value or not row.is_new]
        if side == "after" and not row.is_new:
            listed += [
                (columns[key].header, cells.shown(row.values[key]))
                for key in self.kind.noted
                if row.values.get(key)
            ]
        return listed


class ImportKind(ABC):
    """One kind of data a ward brings in (units, people, title history…). Subclasses set the
    class attributes and implement `load`, `parse`, `write`, `export_rows` and `count`."""

    slug: ClassVar[str]
    title: ClassVar[str]
    help_text: ClassVar[str] = ""
    sheet_title: ClassVar[str]
    order: ClassVar[int] = 100
    columns: ClassVar[Sequence[Column]]
    # Columns that never make a change on their own but go with one into the history (the
    # reason of a changed plan).
    noted: ClassVar[tuple[str, ...]] = ()

    @abstractmethod
    def load(self, authority: Authority, rows: list[Row]) -> Any:
        """Everything the rows refer to and the stored records, in a fixed number of queries."""

    @abstractmethod
    def parse(self, row: Row, context) -> tuple[tuple, dict, dict | None] | None:
        """(key, values, stored values or None) of a row, or None when a cell was refused
        (recorded on `row`)."""

    def check_plan(self, plan: Plan, rows: dict[int, Row]) -> None:  # noqa: B027 (optional)
        """Checks across rows (a unit tree without cycles…); problems go on the rows. None
        unless a kind needs them."""

    @abstractmethod
    def write(self, *, authority: Authority, plan: Plan) -> None:
        """Write the plan's creates and changes with bulk operations."""

    @abstractmethod
    def export_rows(self, authority: Authority) -> Iterable[Sequence]:
        """The authority's records as rows of the template, in its column order."""

    @abstractmethod
    def count(self, authority: Authority) -> int:
        """How many records of this kind the authority holds (the guide shows it)."""

    def key_text(self, key: tuple) -> str:
        return " · ".join(cells.shown(part) for part in key if part not in ("", None))

    # ---- Shared by every kind -------------------------------------------------------------

    @property
    def headers(self) -> list[str]:
        return [column.header for column in self.columns]

    @property
    def has_dates(self) -> bool:
        return any(column.is_date for column in self.columns)

    @property
    def choice_columns(self) -> list[Column]:
        return [column for column in self.columns if column.labels]

    @cached_property
    def columns_by_key(self) -> dict[str, Column]:
        return {column.key: column for column in self.columns}

    def export_xlsx(self, authority: Authority) -> bytes:
        """The authority's records as the import's template: importing it changes nothing."""
        return xlsx_bytes([Sheet(self.sheet_title, [self.headers, *self.export_rows(authority)])])


def _check_header(kind: ImportKind, number: int, found_cells: list) -> None:
    found = [cells.text(cell) for cell in found_cells]
    while found and not found[-1]:
        found.pop()
    expected = kind.headers
    if [f.casefold() for f in found] == [e.casefold() for e in expected]:
        return
    folded = {f.casefold() for f in found}
    if not folded & {e.casefold() for e in expected}:
        raise file_issue(
            _("Tệp không đúng mẫu “%(title)s”: dòng tiêu đề phải là: %(headers)s.")
            % {"title": kind.title, "headers": ", ".join(expected)}
        )
    issues: list[ImportIssue] = []
    missing = [header for header in expected if header.casefold() not in folded]
    if missing:
        issues.append(
            CellIssue(
                "",
                number,
                None,
                _("Thiếu cột: %(missing)s. Hãy dùng tệp mẫu tải từ trang này.")
                % {"missing": ", ".join(missing)},
            )
        )
    issues += [
        CellIssue("", number, column_letter(index), message)
        for index, message in header_mismatches(expected, found, skip=frozenset(missing))
    ]
    raise ImportRejected(issues)


def check_file(kind: ImportKind, *, authority: Authority, filename: str, content: bytes) -> Plan:
    """The dry run: read and check the whole file, compare it with what is stored. Raises
    `ImportRejected` listing every problem (up to MAX_ISSUES_SHOWN); nothing is written."""
    container = check_container(filename, content)
    _sheet, raw = read_rows(container, content, max_rows=MAX_IMPORT_ROWS)
    if not raw:
        raise file_issue(_("Tệp không có dữ liệu (cần dòng tiêu đề như tệp mẫu)."))
    header_number, header = raw[0]
    _check_header(kind, header_number, header)
    if len(raw) == 1:
        raise file_issue(_("Tệp chỉ có dòng tiêu đề, không có dòng dữ liệu nào."))
    width = len(kind.columns)
    positions = {column.key: (index, column) for index, column in enumerate(kind.columns)}
    keys = [column.key for column in kind.columns]
    rows = [
        Row(
            number, dict(zip(keys, (list(values) + [None] * width)[:width], strict=True)), positions
        )
        for number, values in raw[1:]
    ]
    context = kind.load(authority, rows)
    plan = Plan(kind=kind, context=context)
    seen: dict[tuple, int] = {}
    first_key = kind.columns[0].key
    for row in rows:
        parsed = kind.parse(row, context)
        if parsed is None:
            continue
        key, values, before = parsed
        if key in seen:
            row.error(
                first_key,
                _("Trùng với dòng %(row)d (cùng %(key)s).")
                % {"row": seen[key], "key": kind.key_text(key)},
            )
            continue
        seen[key] = row.number
        planned = PlannedRow(row.number, key, values, before)
        if planned.is_new:
            plan.creates.append(planned)
        elif planned.changed_keys():
            plan.changes.append(planned)
        else:
            plan.unchanged += 1
    kind.check_plan(plan, {row.number: row for row in rows})
    issues = [issue for row in rows for issue in row.issues]
    if issues:
        shown = issues[:MAX_ISSUES_SHOWN]
        if len(issues) > len(shown):
            shown.append(
                CellIssue(
                    "",
                    None,
                    None,
                    _("… và %(count)s lỗi nữa.")
                    % {"count": format_number(len(issues) - len(shown))},
                )
            )
        raise ImportRejected(shown)
    return plan
