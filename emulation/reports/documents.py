"""The year-end report as a PDF document job (kind `year_end_report`): built in the worker
from `selectors.year_end_report`, charts drawn as inline SVG, issued as PDF/A."""

from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from documents.registry import BuiltDocument, ProgressCallback, register
from documents.rendering import DocumentError, render_document_html
from emulation.documents import signer_name
from emulation.reports import charts
from emulation.reports.selectors import YearEndReport, year_end_report
from emulation.targets.enums import Status

YEAR_END_REPORT = "year_end_report"
STATUS_COLOURS = {
    Status.EXCEEDED: charts.PALETTE[0],
    Status.MET: charts.PALETTE[1],
    Status.NOT_MET: charts.PALETTE[2],
    Status.NO_DATA: charts.PALETTE[3],
}


def report_year(params: dict) -> int:
    try:
        return int(params.get("year", ""))
    except (TypeError, ValueError):
        raise DocumentError(_("Năm báo cáo không hợp lệ.")) from None


def report_charts(report: YearEndReport) -> dict:
    """The report's charts: target statuses, results by year, awards by title."""
    summary = report.targets.summary
    result = {
        "status_chart": charts.bar_chart(
            [
                charts.Bar(str(status.label), count, STATUS_COLOURS[status])
                for status, count in summary.counts()
            ],
            title=_("Kết quả thực hiện chỉ tiêu năm %(year)s") % {"year": report.year},
        ),
    }
    # Years up to the report's: the next year's targets are assigned, not yet achieved.
    trend = [(year, row) for year, row in report.targets.by_year if year <= report.year]
    if len(trend) > 1:
        result["trend_chart"] = charts.bar_chart(
            [charts.Bar(str(year), row.met_or_exceeded, charts.PALETTE[1]) for year, row in trend],
            title=_("Số chỉ tiêu đạt và vượt qua các năm"),
        )
    if report.awards:
        result["awards_chart"] = charts.bar_chart(
            [charts.Bar(tally.title, tally.total, charts.PALETTE[4]) for tally in report.awards],
            title=_("Số lượt khen thưởng theo danh hiệu, hình thức"),
        )
    return result


@register(YEAR_END_REPORT, label=gettext_lazy("Báo cáo tổng kết thi đua, khen thưởng"))
def build_year_end_report(job, progress: ProgressCallback) -> BuiltDocument:
    """The report of `params["year"]` for the requester's authority (DOMAIN §10.3)."""
    year = report_year(job.params)
    user = job.requested_by
    if not user.unit_id:
        raise DocumentError(_("Người yêu cầu chưa thuộc đơn vị nào nên không có báo cáo."))
    report = year_end_report(user=user, year=year)
    if report.is_empty:
        raise DocumentError(_("Năm %(year)s chưa có số liệu để báo cáo.") % {"year": year})
    progress(20)
    with translation.override("vi"):
        charts_context = report_charts(report)
    html = render_document_html(
        "emulation/reports/pdf/year_end_report.html",
        authority=report.authority,
        day=report.day,
        context={
            "report": report,
            "next_year": year + 1,
            "prepared_by": signer_name(user),
            **charts_context,
        },
    )
    progress(40)
    return BuiltDocument(html=html, filename=f"bao-cao-tong-ket-thi-dua-{year}.pdf", archival=True)
