"""The ranking of a round as an xlsx workbook. Text that a spreadsheet could run as a formula
is neutralised by the one spreadsheet writer (`emulation.spreadsheets`)."""

from django.utils.translation import gettext as _

from emulation.scoring.selectors import RankedUnit
from emulation.spreadsheets import Sheet, xlsx_bytes


def ranking_xlsx(scoring_round, rows: list[RankedUnit]) -> bytes:
    cluster = scoring_round.table.cluster
    title = _("%(cluster)s – %(round)s năm %(year)s") % {
        "cluster": cluster.name,
        "round": scoring_round.get_kind_display(),
        "year": cluster.year,
    }
    lines = [
        [title],
        [
            _("Hạng"),
            _("Mã đơn vị"),
            _("Đơn vị"),
            _("Tổng điểm"),
            _("Điểm nhóm 1"),
            _("Xếp loại"),
            _("Đề nghị"),
        ],
    ]
    for row in rows:
        proposal = _("Cờ thi đua") if row.leader else _("Bằng khen") if row.merit else ""
        lines.append(
            [
                row.rank,
                row.unit.code,
                row.unit.name,
                float(row.total),
                float(row.first_group),
                row.classification.label,
                proposal,
            ]
        )
    return xlsx_bytes([Sheet(_("Xếp hạng"), lines, header_rows=2)])
