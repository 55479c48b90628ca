"""Spreadsheets the product writes (`emulation.spreadsheet_reading` reads them): every export
goes through `xlsx_bytes`, which neutralises each text cell where it is written, so that no
column (a new one included) can reach the file as a live formula.

A text cell that a spreadsheet could run as a formula (it starts with = + - @, a tab or a
carriage return) gets a leading apostrophe; the text itself is kept. Numbers, dates and empty
cells stay what they are. Awards imports this module (awards → emulation).
"""

import datetime
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
_KEPT_TYPES = (bool, int, float, Decimal, datetime.date, datetime.datetime, datetime.time)


def neutralise(value):
    """A text cell that starts like a formula gets a leading apostrophe; numbers stay numbers."""
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value


def cell_value(value):
    """What is written for `value`: None, a number or a date as is, anything else as
    neutralised text (lazy translations and other objects through `str`)."""
    if value is None or isinstance(value, _KEPT_TYPES):
        return value
    return neutralise(value if isinstance(value, str) else str(value))


@dataclass(frozen=True)
class Sheet:
    """One worksheet: its title and its rows; the first `header_rows` rows are bold and stay
    in view when scrolling."""

    title: str
    rows: Iterable[Sequence]
    header_rows: int = 1


def xlsx_bytes(sheets: Iterable[Sheet]) -> bytes:
    """The workbook of `sheets`, in order, as xlsx bytes; every cell through `cell_value`."""
    # openpyxl (about 20 MB with lxml) only where a workbook is written: every process imports
    # this module when the document kinds register, the Celery worker's processes included.
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    workbook.remove(workbook.active)
    bold = Font(bold=True)
    for spec in sheets:
        sheet = workbook.create_sheet(spec.title[:31])
        for number, row in enumerate(spec.rows, start=1):
            sheet.append([cell_value(value) for value in row])
            if number <= spec.header_rows:
                for cell in sheet[number]:
                    cell.font = bold
        if spec.header_rows:
            sheet.freeze_panes = sheet.cell(row=spec.header_rows + 1, column=1)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
