"""Excel round trip of a unit's year records (kết quả năm): export the roll as a template,
import it back. The container checks and the cell reader are the targets import's (size,
macros, formulas, merged cells, encryption); every row is checked before anything is written,
and one bad row rejects the whole file with sheet, row and column named in Vietnamese."""

from django.utils.translation import gettext as _

from awards.enums import DutyRating
from awards.records.selectors import year_roll
from emulation.models import Person, Unit
from emulation.spreadsheet_reading import (
    MAX_ISSUES_SHOWN,
    ImportIssue,
    ImportRejected,
    check_container,
    column_letter,
    read_rows,
)
from emulation.spreadsheets import Sheet, xlsx_bytes

HEADERS = ["Mã cán bộ", "Họ và tên", "Xếp loại", "Số tháng công tác"]
SHEET_TITLE = "Ket qua nam"
RATING_BY_LABEL = {str(label): value for value, label in DutyRating.choices}


def _text(cell) -> str:
    if cell is None:
        return ""
    if isinstance(cell, float) and cell.is_integer():
        cell = int(cell)
    text = " ".join(str(cell).split())
    return text[1:] if text.startswith("'") else text


def export_records(unit: Unit, year: int) -> bytes:
    """The unit's roll for `year` with what is recorded, as the import template (.xlsx)."""
    rows = [HEADERS]
    for row in year_roll(unit, year):
        record = row["record"]
        rows.append(
            [
                row["person"].staff_code,
                row["person"].full_name,
                DutyRating(record.duty_rating).label if record else "",
                record.months_worked if record else 12,
            ]
        )
    return xlsx_bytes([Sheet(SHEET_TITLE, rows)])


def check_records_file(
    *, unit: Unit, year: int, filename: str, content: bytes
) -> list[tuple[Person, str, int]]:
    """The entries of a records file, or ImportRejected listing every problem.

    A person is found by staff code, or by full name when the code is blank; they must be on
    the unit's roll at the end of `year`. A row without a rating is skipped.
    """
    kind = check_container(filename, content)
    sheet, rows = read_rows(kind, content)
    if not rows or [_text(cell) for cell in rows[0][1][: len(HEADERS)]] != HEADERS:
        raise ImportRejected(
            [
                ImportIssue(
                    sheet,
                    rows[0][0] if rows else 1,
                    None,
                    _("Dòng tiêu đề phải là: %(headers)s.") % {"headers": ", ".join(HEADERS)},
                )
            ]
        )
    roll = [row["person"] for row in year_roll(unit, year)]
    by_code = {person.staff_code: person for person in roll if person.staff_code}
    by_name = {person.full_name: person for person in roll}
    entries, issues, seen = [], [], set()
    for number, cells in rows[1:]:
        values = [_text(cell) for cell in (list(cells) + [""] * len(HEADERS))[: len(HEADERS)]]
        code, name, rating_label, months_text = values

        def issue(column: int, message: str, number=number) -> None:
            issues.append(
                ImportIssue(sheet, number, f"{column_letter(column)} – {HEADERS[column]}", message)
            )

        person = by_code.get(code) if code else by_name.get(name)
        if person is None:
            issue(0 if code else 1, _("Không có người này trong danh sách cán bộ của đơn vị."))
            continue
        if person.pk in seen:
            issue(1, _("Người này đã có ở một dòng trước."))
            continue
        seen.add(person.pk)
        if not rating_label:
            continue
        rating = RATING_BY_LABEL.get(rating_label)
        if rating is None:
            issue(
                2,
                _("Xếp loại phải là một trong: %(labels)s.")
                % {"labels": "; ".join(RATING_BY_LABEL)},
            )
            continue
        if not months_text.isdigit() or not 0 <= int(months_text) <= 12:
            issue(3, _("Số tháng công tác phải là số nguyên từ 0 đến 12."))
            continue
        entries.append((person, rating, int(months_text)))
    if issues:
        raise ImportRejected(issues[:MAX_ISSUES_SHOWN])
    return entries
