"""The ranking of a round as an xlsx workbook. Text that a spreadsheet could run as a formula
is neutralised exactly as the targets export does (`emulation.targets.resources.neutralise`)."""

from io import BytesIO

from django.utils.translation import gettext as _
from openpyxl import Workbook

from emulation.scoring.selectors import RankedUnit
from emulation.targets.resources import neutralise


def ranking_xlsx(scoring_round, rows: list[RankedUnit]) -> bytes:
    cluster = scoring_round.table.cluster
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Xếp hạng")[:31]
    sheet.append(
        [
            neutralise(
                _("%(cluster)s – %(round)s năm %(year)s")
                % {
                    "cluster": cluster.name,
                    "round": scoring_round.get_kind_display(),
                    "year": cluster.year,
                }
            )
        ]
    )
    sheet.append(
        [
            _("Hạng"),
            _("Mã đơn vị"),
            _("Đơn vị"),
            _("Tổng điểm"),
            _("Điểm nhóm 1"),
            _("Xếp loại"),
            _("Đề nghị"),
        ]
    )
    for row in rows:
        proposal = _("Cờ thi đua") if row.leader else _("Bằng khen") if row.merit else ""
        sheet.append(
            [
                row.rank,
                neutralise(row.unit.code),
                neutralise(row.unit.name),
                float(row.total),
                float(row.first_group),
                str(row.classification.label),
                str(proposal),
            ]
        )
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
