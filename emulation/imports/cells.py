"""Reading one cell of an imported row: text, dates, choices and whole numbers, each refused
with a Vietnamese sentence that the engine places at its row and column.

Dates are read as civil servants write them: 05/09/1985, 5/9/1985, 1985-09-05, or a cell that
Excel keeps as a date. Choices are read by their Vietnamese label (as the export writes them)
or by their stored code.
"""

import datetime
import re
import unicodedata
from decimal import Decimal

from django.utils.translation import gettext as _

from emulation.numbers import format_number
from emulation.spreadsheets import FORMULA_TRIGGERS

DATE_FORMAT = "%d/%m/%Y"
_DAY_MONTH_YEAR = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")
_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")


class CellError(ValueError):
    """The cell cannot be applied; `message` says why, in Vietnamese."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def text(cell) -> str:
    """The cell as text, NFC, spaces collapsed; the export's neutralising apostrophe dropped."""
    if cell is None:
        return ""
    if type(cell) is not str:  # most cells are text: they skip these checks
        if isinstance(cell, float) and cell.is_integer():
            cell = int(cell)
        if isinstance(cell, datetime.datetime):
            cell = cell.date()
        if isinstance(cell, datetime.date):
            return cell.strftime(DATE_FORMAT)
    value = " ".join(str(cell).split())
    if not value.isascii():
        value = unicodedata.normalize("NFC", value)
    if value.startswith("'") and value[1:2] in FORMULA_TRIGGERS:
        value = value[1:]
    return value


def bounded_text(cell, max_length: int) -> str:
    value = text(cell)
    if len(value) > max_length:
        raise CellError(_("Dài quá %(max)d ký tự.") % {"max": max_length})
    return value


def date(cell) -> datetime.date | None:
    """A date from a date cell or from text in one of the three accepted forms; None if blank."""
    if isinstance(cell, datetime.datetime):
        return cell.date()
    if isinstance(cell, datetime.date):
        return cell
    if isinstance(cell, (int, float)) and not isinstance(cell, bool):
        raise CellError(
            _(
                "Ô này cần một ngày; hãy định dạng ô là ngày hoặc ghi ngày/tháng/năm, "
                "ví dụ 05/09/1985."
            )
        )
    value = text(cell)
    if not value:
        return None
    if match := _DAY_MONTH_YEAR.match(value):
        day, month, year = (int(part) for part in match.groups())
    elif match := _ISO.match(value):
        year, month, day = (int(part) for part in match.groups())
    else:
        raise CellError(
            _("“%(text)s” không phải ngày; hãy ghi ngày/tháng/năm, ví dụ 05/09/1985.")
            % {"text": value[:40]}
        )
    try:
        return datetime.date(year, month, day)
    except ValueError as exc:
        raise CellError(
            _("“%(text)s” không phải ngày có thật trên lịch.") % {"text": value[:40]}
        ) from exc


def choice(cell, labels: dict[str, str]) -> str:
    """The stored code of a choice written by its label (`labels`: code → label) or by its
    code, case-insensitive; "" if blank."""
    value = text(cell)
    if not value:
        return ""
    folded = value.casefold()
    for code, label in labels.items():
        if folded in (str(label).casefold(), code.casefold()):
            return code
    raise CellError(
        _("“%(text)s” không có trong danh sách; hãy ghi một trong: %(labels)s.")
        % {"text": value[:60], "labels": "; ".join(str(label) for label in labels.values())}
    )


def whole_number(cell, *, low: int, high: int) -> int | None:
    value = text(cell)
    if not value:
        return None
    if not value.isdigit() or not low <= int(value) <= high:
        raise CellError(
            _("Cần một số nguyên từ %(low)d đến %(high)d.") % {"low": low, "high": high}
        )
    return int(value)


def shown(value, labels: dict[str, str] | None = None) -> str:
    """A value as a person reads it: dates dd/mm/yyyy, decimals 16.728,5, choices by label."""
    if value is None:
        return ""
    if type(value) is str:
        return str(labels.get(value, value)) if labels and value else value
    if isinstance(value, datetime.date):
        return value.strftime(DATE_FORMAT)
    if isinstance(value, Decimal):
        return format_number(value)
    if labels is not None and value:
        return str(labels.get(value, value))
    return str(value)
