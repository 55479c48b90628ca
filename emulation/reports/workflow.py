"""The year-end report's workflow: a draft that staff write is issued when the chairperson
signs it (number from the register's report series, E-15). Applied by `config.workflow` as a
compare-and-set on the status and the version, so a signature on a copy that staff saved again
meanwhile is refused."""

from django.utils.translation import gettext_lazy as _

from config.workflow import Transition, Workflow
from emulation.models.reports import AnnualReport
from emulation.reports.enums import ReportStatus

REPORT_WORKFLOW = Workflow(
    model=AnnualReport,
    transitions=[
        Transition(
            ReportStatus.DRAFT,
            ReportStatus.ISSUED,
            "sign",
            _("Ký ban hành báo cáo"),
            "reports.sign_year_end_report",
            denied=_("Chỉ Chủ tịch ký ban hành báo cáo tổng kết."),
        ),
    ],
    state_field="status",
    version_field="version",
    history="events",
    conflict_message=_("Báo cáo vừa được thay đổi. Hãy xem lại và ký lại."),
)
