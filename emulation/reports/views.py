"""The year-end report page: choose the year, request the PDF (a document job with progress
on its job page), download the statistics annex."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from config.permissions import permission_required
from documents.models import Job
from documents.services import request_document
from emulation.reports.annex import annex_xlsx
from emulation.reports.documents import YEAR_END_REPORT
from emulation.reports.forms import YearEndReportForm
from emulation.reports.selectors import report_years, year_end_report

RECENT_JOBS = 10
PERMISSION = "reports.year_end_report"


def _page(request: HttpRequest, form: YearEndReportForm, *, status: int = 200) -> HttpResponse:
    jobs = Job.objects.filter(kind=YEAR_END_REPORT, requested_by=request.user)[:RECENT_JOBS]
    context = {"form": form, "years": form.years, "jobs": jobs}
    return render(request, "emulation/reports/year_end.html", context, status=status)


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
    job = request_document(kind=YEAR_END_REPORT, params={"year": year}, user=request.user)
    messages.success(
        request,
        _("Đã xếp hàng tạo báo cáo tổng kết năm %(year)s. Tệp tải về được khi tạo xong.")
        % {"year": year},
    )
    return redirect("documents:job_detail", job.pk)


@login_required
@permission_required(PERMISSION)
@require_GET
def year_end_annex(request: HttpRequest, year: int) -> HttpResponse:
    """The statistics annex (xlsx) of `year`, built in the request: a few grouped queries."""
    if year not in report_years(authority=request.user.unit.authority):
        messages.error(request, _("Năm %(year)s chưa có số liệu để báo cáo.") % {"year": year})
        return redirect("reports:year_end")
    content = annex_xlsx(year_end_report(user=request.user, year=year))
    response = HttpResponse(
        content,
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="phu-luc-tong-ket-{year}.xlsx"'
    return response
