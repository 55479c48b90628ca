"""Pages of the year-end report: choose the year; write the report (the product proposes a
draft from the data, staff edit and save it, with its history); request its PDF (a document
job with progress on its job page); the chairperson's signing page; the issued file; filing
the copy the chairperson signed with a token, and its signed original; the statistics annex."""

from pathlib import Path

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from config import clock
from config.permissions import authorize, permission_required, require
from config.reauth import signing_arguments
from documents import uploads
from documents.enums import JobStatus
from documents.forms import SignedCopyForm
from documents.models import Job, SignedFile
from documents.selectors import signed_original_panel, signed_originals_of
from documents.services import request_document
from emulation.reports import policy
from emulation.reports.annex import annex_xlsx
from emulation.reports.documents import YEAR_END_REPORT
from emulation.reports.forms import ReportSignForm, ReportTextsForm, YearEndReportForm
from emulation.reports.narrative import (
    FIELDS,
    RECIPIENTS,
    SECTIONS,
    proposed_texts,
    situation_sentence,
)
from emulation.reports.selectors import (
    annual_report,
    expected_reference,
    report_years,
    year_end_report,
)
from emulation.reports.services import (
    ReportError,
    content_sha256,
    file_signed_report,
    report_texts,
    save_report_texts,
    sign_report,
)

RECENT_JOBS = 10
PERMISSION = "reports.year_end_report"
REPORT_COPY_LABEL = gettext_lazy("Tệp PDF báo cáo đã ký số")


def _page(request: HttpRequest, form: YearEndReportForm, *, status: int = 200) -> HttpResponse:
    jobs = Job.objects.filter(kind=YEAR_END_REPORT, requested_by=request.user)[:RECENT_JOBS]
    context = {"form": form, "years": form.years, "jobs": jobs}
    return render(request, "emulation/reports/year_end.html", context, status=status)


def _without_data(request: HttpRequest, year: int) -> HttpResponse | None:
    """Back to the year choice with the reason when the user's authority has nothing to
    report in `year`; None when it has."""
    if year in report_years(authority=request.user.unit.authority):
        return None
    messages.error(request, _("Năm %(year)s chưa có số liệu để báo cáo.") % {"year": year})
    return redirect("reports:year_end")


@login_required
@permission_required(PERMISSION)
@require_http_methods(["GET", "POST"])
def year_end(request: HttpRequest) -> HttpResponse:
    years = report_years(authority=request.user.unit.authority)
    if request.method == "GET":
        initial = {"year": years[0]} if years else {}
        return _page(request, YearEndReportForm(initial=initial, years=years))
    form = YearEndReportForm(request.POST, years=years)
    if not form.is_valid():
        return _page(request, form, status=400)
    year = form.cleaned_data["year"]
    stored = annual_report(authority=request.user.unit.authority, year=year)
    if stored is not None and stored.is_issued:
        # An issued report is one file: the one signed, never rendered again.
        messages.info(
            request,
            _("Báo cáo năm %(year)s đã ký ban hành (số %(reference)s); đây là tệp đã ban hành.")
            % {"year": year, "reference": stored.reference},
        )
        return redirect("reports:year_end_report", year)
    job = request_document(kind=YEAR_END_REPORT, params={"year": year}, user=request.user)
    messages.success(
        request,
        _("Đã xếp hàng tạo báo cáo tổng kết năm %(year)s. Tệp tải về được khi tạo xong.")
        % {"year": year},
    )
    return redirect("documents:job_detail", job.pk)


def _history(stored) -> list:
    if stored is None:
        return []
    labels = {section.field: section.label for section in SECTIONS} | {RECIPIENTS: _("Nơi nhận")}
    return [
        (revision, [labels.get(name, name) for name in revision.changed])
        for revision in stored.revisions.select_related("saved_by__person")
    ]


def _texts_form(stored, data) -> ReportTextsForm:
    """The sections as saved, or the product's draft when the report was never saved."""
    if stored is not None and stored.version:
        return ReportTextsForm(initial={"version": stored.version, **report_texts(stored)})
    return ReportTextsForm(initial={"version": 0, **proposed_texts(data)})


@login_required
@permission_required(PERMISSION)
@require_http_methods(["GET", "POST"])
def year_end_report_page(request: HttpRequest, year: int) -> HttpResponse:
    """One year's report: the sections to write (the saved text, else the product's draft),
    the history of saves, and the next steps (PDF, signing, the issued file)."""
    if request.method == "POST":
        require(request.user, "reports.edit_year_end_report")
    if refused := _without_data(request, year):
        return refused
    stored = annual_report(authority=request.user.unit.authority, year=year)
    status = 200
    if request.method == "POST":
        form = ReportTextsForm(request.POST)
        if form.is_valid():
            try:
                save_report_texts(
                    user=request.user,
                    year=year,
                    texts=form.texts(),
                    version=form.cleaned_data["version"],
                )
            except ReportError as error:
                form.add_error(None, str(error))
            else:
                messages.success(
                    request, _("Đã lưu báo cáo tổng kết năm %(year)s.") % {"year": year}
                )
                return redirect("reports:year_end_report", year)
        status = 400
    data = year_end_report(user=request.user, year=year)
    if request.method != "POST":
        form = _texts_form(stored, data)
    context = {
        "situation_data": situation_sentence(data),
        "year": year,
        "stored": stored,
        "form": form,
        "section_fields": [form[name] for name in FIELDS],
        "history": _history(stored),
        **_signed_original(request, stored),
    }
    return render(request, "emulation/reports/year_end_report.html", context, status=status)


def _originals(stored):
    if stored is None or not stored.is_issued or stored.issued_job_id is None:
        return SignedFile.objects.none()
    return signed_originals_of([stored.issued_job_id])


def _signed_original(request: HttpRequest, stored) -> dict:
    """The "Bản gốc đã ký số" panel of an issued report whose file is made."""
    issued = stored is not None and stored.is_issued and stored.issued_job.is_done
    return {
        **signed_original_panel(_originals(stored)),
        "show_signed_original": issued,
        "can_file_signed": issued and authorize(request.user, "reports.file_signed_report"),
        "signed_copy_form": SignedCopyForm(label=REPORT_COPY_LABEL),
    }


@login_required
@permission_required("reports.sign_year_end_report")
@require_http_methods(["GET", "POST"])
def year_end_sign(request: HttpRequest, year: int) -> HttpResponse:
    """The chairperson's signing page: the saved sections as they will be printed, the number
    the register will give, consent and the password entered again; POST signs and issues."""
    if refused := _without_data(request, year):
        return refused
    authority = request.user.unit.authority
    stored = annual_report(authority=authority, year=year)
    day = clock.today()
    status = 200
    if request.method == "POST":
        form = ReportSignForm(request.POST)
        arguments = signing_arguments(request, form)
        if arguments is not None:
            try:
                signed = sign_report(
                    user=request.user,
                    year=year,
                    day=day,
                    capacity=form.cleaned_data["capacity"],
                    **arguments,
                )
            except ReportError as error:
                form.add_error(None, str(error))
            else:
                messages.success(
                    request,
                    _("Đã ký ban hành báo cáo số %(reference)s. Tệp báo cáo đang được tạo.")
                    % {"reference": signed.reference},
                )
                return redirect("reports:year_end_report", year)
        status = 400
        stored = annual_report(authority=authority, year=year)
    else:
        form = ReportSignForm(
            initial={
                "document_sha256": content_sha256(stored) if stored else "",
                "consent_version": policy.CONSENT_VERSION,
            }
        )
    context = {
        "year": year,
        "stored": stored,
        "form": form,
        "sections": [
            *((section.label, getattr(stored, section.field).splitlines()) for section in SECTIONS),
            (_("Nơi nhận"), stored.recipients.splitlines()),
        ]
        if stored
        else [],
        "expected": expected_reference(stored, day),
    }
    return render(request, "emulation/reports/year_end_sign.html", context, status=status)


@login_required
@permission_required(PERMISSION)
@require_GET
def year_end_issued(request: HttpRequest, year: int) -> HttpResponse:
    """The issued report's file: the one rendered after the signature, for everyone who may
    read the report (the job itself stays the signer's)."""
    stored = annual_report(authority=request.user.unit.authority, year=year)
    job = stored.issued_job if stored is not None and stored.is_issued else None
    if job is None or job.status != JobStatus.DONE or not job.result:
        raise Http404(_("Báo cáo chưa có tệp ban hành."))
    return uploads.serve_pdf(job.result, download_name=Path(job.result.name).name)


@login_required
@permission_required(PERMISSION)
@require_GET
def year_end_annex(request: HttpRequest, year: int) -> HttpResponse:
    """The statistics annex (xlsx) of `year`, built in the request: a few grouped queries."""
    if refused := _without_data(request, year):
        return refused
    content = annex_xlsx(year_end_report(user=request.user, year=year))
    response = HttpResponse(
        content,
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="phu-luc-tong-ket-{year}.xlsx"'
    return response


@login_required
@permission_required("reports.file_signed_report")
@require_POST
def year_end_file_signed(request: HttpRequest, year: int) -> HttpResponse:
    """Upload the report signed with the chairperson's own token; kept once checked, with the
    body's seal added after the chairperson's signature."""
    form = SignedCopyForm(request.POST, request.FILES, label=REPORT_COPY_LABEL)
    if not form.is_valid():
        form.flash_errors(request)
        return redirect("reports:year_end_report", year)
    try:
        file_signed_report(user=request.user, year=year, content=form.cleaned_data["file"].content)
    except ReportError as error:
        messages.error(request, _("Không nhận tệp đã ký: %(reason)s") % {"reason": error})
    else:
        messages.success(
            request,
            _("Đã kiểm tra chữ ký số và lưu bản gốc đã ký của báo cáo tổng kết năm %(year)s.")
            % {"year": year},
        )
    return redirect("reports:year_end_report", year)


@login_required
@permission_required(PERMISSION)
@require_GET
def year_end_signed_original(request: HttpRequest, year: int) -> HttpResponse:
    """The report's newest signed original: the chairperson's signature, then the seal."""
    stored = annual_report(authority=request.user.unit.authority, year=year)
    original = _originals(stored).first()
    if original is None:
        raise Http404(_("Báo cáo chưa có bản gốc đã ký số."))
    return uploads.serve_pdf(
        original.file, download_name=f"bao-cao-tong-ket-{year}-{stored.number}-da-ky-so.pdf"
    )
