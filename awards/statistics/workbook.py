"""A statistical form as xlsx: the form's sheet (rows, columns, Tổng số) for the authority's
total, then the breakdown by represented authority (their totals, column by column), then one
sheet per represented authority with its own form. Every cell goes through the product's one
spreadsheet writer (`emulation.spreadsheets`)."""

from django.utils.translation import gettext as _

from awards.statistics.province import Statistics
from awards.statistics.tables import Table
from emulation.spreadsheets import Sheet, xlsx_bytes

HEADER_ROWS = 4


def _heading(statistics: Statistics, title: str) -> list[list]:
    period = statistics.period
    return [
        [f"{_('Biểu')} {statistics.spec.code}", str(statistics.spec.title)],
        [
            title,
            _("Năm %(year)s, số liệu tính đến ngày %(day)s")
            % {"year": period.year, "day": period.day.strftime("%d/%m/%Y")},
        ],
        [],
    ]


def _form_rows(table: Table) -> list[list]:
    header = [_("Nội dung"), *(str(column.label) for column in table.spec.columns)]
    return [
        header,
        *([str(row.label), *values] for row, values in table.rows_with_values()),
        [_("Tổng số"), *table.total_values()],
    ]


def _sheet_title(number: int, name: str) -> str:
    # Sheet titles: at most 31 characters, none of []:*?/\ and unique in the workbook.
    cleaned = "".join(" " if char in "[]:*?/\\" else char for char in name)
    return f"{number}. {cleaned}"[:31]


def statistics_xlsx(statistics: Statistics) -> bytes:
    name = str(statistics.authority)
    sheets = [
        Sheet(
            _("Tổng hợp"), [*_heading(statistics, name), *_form_rows(statistics.total)], HEADER_ROWS
        )
    ]
    if statistics.parts:
        columns = statistics.spec.columns
        breakdown = [
            [_("Cơ quan, đơn vị"), *(str(column.label) for column in columns)],
            [_("Số liệu của %(name)s") % {"name": name}, *statistics.own.total_values()],
            *([part.unit.name, *part.table.total_values()] for part in statistics.parts),
            [_("Tổng số"), *statistics.total.total_values()],
        ]
        sheets.append(
            Sheet(_("Theo đơn vị"), [*_heading(statistics, name), *breakdown], HEADER_ROWS)
        )
        for number, part in enumerate(statistics.parts, start=1):
            rows = [*_heading(statistics, part.unit.name), *_form_rows(part.table)]
            sheets.append(Sheet(_sheet_title(number, part.unit.name), rows, HEADER_ROWS))
    return xlsx_bytes(sheets)
