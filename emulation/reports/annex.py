"""The statistics annex of the year-end report (phụ lục số liệu) as xlsx: one sheet per table,
the same figures as the PDF plus the per-unit detail the PDF leaves out. Text that a spreadsheet
could run as a formula is neutralised by the one spreadsheet writer (`emulation.spreadsheets`)."""

from django.utils.translation import gettext as _

from emulation.reports.selectors import YearEndReport
from emulation.spreadsheets import Sheet, xlsx_bytes

SHEET_TARGETS = "Chi tieu"
SHEET_UNITS = "Chi tieu don vi"
SHEET_CLUSTERS = "Cum khoi"
SHEET_AWARDS = "Khen thuong"
SHEET_AWARD_UNITS = "Khen thuong don vi"
SHEETS = (SHEET_TARGETS, SHEET_UNITS, SHEET_CLUSTERS, SHEET_AWARDS, SHEET_AWARD_UNITS)


def _number(value):
    """Decimals as floats (a spreadsheet number), missing values as empty cells."""
    return None if value is None else float(value)


def _sheet(sheets: list[Sheet], title: str, headers: list[str], rows) -> None:
    sheets.append(Sheet(title, [headers, *rows]))


def annex_xlsx(report: YearEndReport) -> bytes:
    """The annex of `report` as xlsx bytes."""
    sheets: list[Sheet] = []
    summary = report.targets.summary
    _sheet(
        sheets,
        SHEET_TARGETS,
        [
            _("Mã"),
            _("Chỉ tiêu"),
            _("Nhóm"),
            _("ĐVT"),
            _("Kế hoạch"),
            _("Thực hiện"),
            _("Tỷ lệ (%)"),
            _("Đánh giá"),
        ],
        [
            *(
                [
                    row.code,
                    row.name,
                    row.group_label,
                    row.unit_of_measure,
                    _number(row.plan_value),
                    _number(row.value),
                    _number(row.evaluation.percent),
                    str(row.status.label),
                ]
                for row in report.targets.rows
            ),
            [],
            [
                _("Tổng hợp"),
                _("%(k)s/%(n)s chỉ tiêu đạt và vượt, %(v)s vượt kế hoạch")
                % {"k": summary.met_or_exceeded, "n": summary.total, "v": summary.exceeded},
            ],
        ],
    )
    _sheet(
        sheets,
        SHEET_UNITS,
        [
            _("Đơn vị"),
            _("Số chỉ tiêu"),
            _("Đạt và vượt"),
            _("Vượt"),
            _("Đạt"),
            _("Không đạt"),
            _("Chưa có số liệu"),
        ],
        (
            [name, s.total, s.met_or_exceeded, s.exceeded, s.met, s.not_met, s.no_data]
            for _unit_id, name, s in report.targets.by_unit
        ),
    )
    _sheet(
        sheets,
        SHEET_CLUSTERS,
        [
            _("Mã"),
            _("Cụm, khối"),
            _("Loại"),
            _("Số đơn vị"),
            _("Giao ước"),
            _("Đã ký"),
            _("Số bên ký"),
            _("Đơn vị dẫn đầu"),
        ],
        (
            [
                row.cluster.code,
                row.cluster.name,
                row.cluster.get_kind_display(),
                row.member_count,
                row.pledge_status,
                row.signed,
                row.slots,
                "; ".join(score.unit_name for score in row.leaders),
            ]
            for row in report.clusters
        ),
    )
    _sheet(
        sheets,
        SHEET_AWARDS,
        [
            _("Danh hiệu, hình thức"),
            _("Tập thể"),
            _("Cá nhân"),
            _("Hộ gia đình"),
            _("Tổng"),
            _("Tiền thưởng (đồng)"),
        ],
        (
            [t.title, t.collectives, t.individuals, t.households, t.total, _number(t.amount)]
            for t in report.awards
        ),
    )
    _sheet(
        sheets,
        SHEET_AWARD_UNITS,
        [_("Đơn vị"), _("Số lượt"), _("Tiền thưởng (đồng)")],
        ([name, count, _number(amount)] for name, count, amount in report.awards_by_unit),
    )
    return xlsx_bytes(sheets)
