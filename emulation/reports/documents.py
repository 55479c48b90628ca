"""The year-end report as a PDF document job (kind `year_end_report`): built in the worker
from `selectors.year_end_report` and the sections staff wrote (`AnnualReport`), charts drawn
as inline SVG, stored as PDF/A.

A draft carries the "DỰ THẢO" mark and no number. Once the chairperson has signed, the job
queued by the signature renders the issued report (number, signer) once and asks the document
core for the authority's digital signature (`documents.signing.issued_signature`, PAdES,
DOMAIN §10.4), placed at `#chu-ky-so` of the signature block: the file handed out is that
signed file."""

from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from documents.registry import BuiltDocument, ProgressCallback, register
from documents.rendering import DocumentError, render_document_html
from documents.signing import SignatureRequest, issued_signature
from emulation.documents import signer_name
from emulation.enums import SIGNER_TITLE_LINES, SignerCapacity
from emulation.models.reports import AnnualReport
from emulation.reports import charts
from emulation.reports.narrative import (
    RECIPIENTS,
    SECTIONS,
    proposed_texts,
    situation_sentence,
)
from emulation.reports.plans import plan_text
from emulation.reports.selectors import YearEndReport, year_end_report
from emulation.targets.enums import Status

YEAR_END_REPORT = "year_end_report"
STATUS_COLOURS = {
    Status.EXCEEDED: charts.PALETTE[0],
    Status.MET: charts.PALETTE[1],
    Status.NOT_MET: charts.PALETTE[2],
    Status.NO_DATA: charts.PALETTE[3],
}
PROGRESS_BUILT = 20


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


def signer_titles(capacity: str) -> list[str]:
    """The lines above the signature: "CHỦ TỊCH", or "KT. CHỦ TỊCH" then "PHÓ CHỦ TỊCH"."""
    lines = SIGNER_TITLE_LINES.get(capacity, SIGNER_TITLE_LINES[SignerCapacity.CHAIR])
    return [str(line) for line in lines]


def _paragraphs(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def written_sections(texts: dict[str, str]) -> dict[str, list[str]]:
    """Each written section as its paragraphs (one per line typed)."""
    return {section.field: _paragraphs(texts.get(section.field, "")) for section in SECTIONS}


def report_context(report: YearEndReport, stored: AnnualReport | None) -> dict:
    """What the template needs besides the data: the written sections (the saved ones, else
    the product's draft), the plan of each target as printed, and the signature."""
    saved = stored is not None and stored.version > 0
    texts = (
        {name: getattr(stored, name) for name in (*(s.field for s in SECTIONS), RECIPIENTS)}
        if saved
        else proposed_texts(report)
    )
    issued = stored is not None and stored.is_issued
    return {
        "report": report,
        "stored": stored,
        "is_draft": not issued,
        "next_year": report.year + 1,
        "situation_data": situation_sentence(report),
        "written": written_sections(texts),
        "recipients": _paragraphs(texts[RECIPIENTS]),
        "target_rows": [(row, plan_text(row)) for row in report.targets.rows],
        "signer_titles": signer_titles(stored.signer_capacity if issued else ""),
        "signer": signer_name(stored.signed_by) if issued else "",
    }


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
    stored = (
        AnnualReport.objects.select_related("signed_by__person")
        .filter(authority=report.authority, year=year)
        .first()
    )
    progress(PROGRESS_BUILT)
    with translation.override("vi"):
        context = report_context(report, stored) | report_charts(report)
    issued = stored is not None and stored.is_issued
    html = render_document_html(
        "emulation/reports/pdf/year_end_report.html",
        authority=report.authority,
        day=stored.signed_on if issued else report.day,
        context=context,
    )
    if not issued:
        return BuiltDocument(
            html=html, filename=f"du-thao-bao-cao-tong-ket-thi-dua-{year}.pdf", archival=True
        )
    name = stored.reference.replace("/", "-")
    return BuiltDocument(
        html=html,
        filename=f"bao-cao-tong-ket-thi-dua-{year}-{name}.pdf",
        archival=True,
        for_personal_signature=True,
    )


def report_seal(stored: AnnualReport) -> SignatureRequest:
    """The body's signature added after the chairperson's on the report's signed copy."""
    return issued_signature(
        stored.authority,
        stored.signed_on,
        _("Ban hành Báo cáo số %(reference)s") % {"reference": stored.reference},
    )
