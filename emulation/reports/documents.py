"""The year-end report as a PDF document job (kind `year_end_report`): built in the worker
from `selectors.year_end_report` and the sections staff wrote (`AnnualReport`), charts drawn
as inline SVG, stored as PDF/A. The report and its appendix "danh sách đề nghị khen thưởng"
are laid out as two parts (documents.parts): the appendix's pages are numbered on their own, as
Nghị định 30/2020/NĐ-CP numbers an appendix, and two worker processes lay them out at once.

A draft carries the "DỰ THẢO" mark and no number. Once the chairperson has signed, the job
queued by the signature renders the issued report (number, signer) once and asks the document
core for the authority's digital signature (`documents.signing.issued_signature`, PAdES,
DOMAIN §10.4), placed at `#chu-ky-so` of the signature block: the file handed out is that
signed file."""

from dataclasses import dataclass

from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from documents.parts import register_parts, render_in_parts
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
PROGRESS_PARTS = 75  # laying out the parts: from 20 to 95 %
BODY_TEMPLATE = "emulation/reports/pdf/year_end_report.html"
APPENDIX_TEMPLATE = "emulation/reports/pdf/year_end_report_appendix.html"


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


@dataclass(frozen=True)
class ReportParts:
    """The report's HTML, from one read of the year: the report itself (body) and its
    appendix "danh sách đề nghị khen thưởng", each a document laid out on its own."""

    body: str
    appendix: str
    filename: str
    issued: bool

    @property
    def htmls(self) -> tuple[str, str]:
        return (self.body, self.appendix)


def report_parts(job) -> ReportParts:
    """The HTML of the report of `params["year"]` for the requester's authority (DOMAIN
    §10.3), with its appendix."""
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
    with translation.override("vi"):
        context = report_context(report, stored) | report_charts(report)
    issued = stored is not None and stored.is_issued
    day = stored.signed_on if issued else report.day
    body, appendix = (
        render_document_html(template, authority=report.authority, day=day, context=context)
        for template in (BODY_TEMPLATE, APPENDIX_TEMPLATE)
    )
    if issued:
        filename = f"bao-cao-tong-ket-thi-dua-{year}-{stored.reference.replace('/', '-')}.pdf"
    else:
        filename = f"du-thao-bao-cao-tong-ket-thi-dua-{year}.pdf"
    return ReportParts(body=body, appendix=appendix, filename=filename, issued=issued)


register_parts(YEAR_END_REPORT)


@register(YEAR_END_REPORT, label=gettext_lazy("Báo cáo tổng kết thi đua, khen thưởng"))
def build_year_end_report(job, progress: ProgressCallback) -> BuiltDocument:
    """The report as PDF/A: the body and the appendix laid out as parts (documents.parts), so
    the appendix's pages are numbered on their own and another worker process lays it out
    while this one lays out the body. An issued report gets the empty field of the
    chairperson's signature."""
    parts = report_parts(job)
    progress(PROGRESS_BUILT)
    rendered = render_in_parts(
        job, parts.htmls, progress, archival=True, start=PROGRESS_BUILT, share=PROGRESS_PARTS
    )
    return BuiltDocument(
        html="",
        pdf=rendered.content,
        page_count=rendered.page_count,
        filename=parts.filename,
        archival=True,
        for_personal_signature=parts.issued,
    )


def report_seal(stored: AnnualReport) -> SignatureRequest:
    """The body's signature added after the chairperson's on the report's signed copy."""
    return issued_signature(
        stored.authority,
        stored.signed_on,
        _("Ban hành Báo cáo số %(reference)s") % {"reference": stored.reference},
    )
