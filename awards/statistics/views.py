"""Pages of the statistical forms (biểu mẫu thống kê, TT 02/2023/TT-BNV): choose the year and
the day, see a form as a table with, for a province, each represented authority's figures
linked to their own page, and download it as xlsx. A reader sees their own authority and those
below it on the form's day; any other authority is not found (404)."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.http import urlencode
from django.views.decorators.http import require_GET

from awards.statistics.figures import FORMS
from awards.statistics.forms import DAY_FORMAT, PeriodForm, period_form
from awards.statistics.province import reachable_authorities, statistics
from awards.statistics.workbook import statistics_xlsx
from config import clock
from config.permissions import permission_required
from emulation.models import Authority

PERMISSION = "statistics.view_forms"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _authority(request: HttpRequest, authority_id: int | None, form: PeriodForm) -> Authority:
    """The authority whose form is asked for, if the reader reaches it on the form's day (on
    today when the period is wrong), else 404."""
    own = request.user.unit.authority
    if authority_id is None or authority_id == own.pk:
        return own
    day = form.period.day if form.is_valid() else clock.today()
    if authority_id not in reachable_authorities(own, day):
        raise Http404
    return get_object_or_404(Authority, pk=authority_id)


def _query(form: PeriodForm) -> str:
    period = form.period
    return urlencode({"year": period.year, "day": period.day.strftime(DAY_FORMAT)})


def _form_page(request: HttpRequest, slug: str, authority_id: int | None, *, xlsx: bool):
    if slug not in FORMS:
        raise Http404
    form = period_form(request.GET)
    authority = _authority(request, authority_id, form)
    own = authority.pk == request.user.unit.authority_id
    context = {
        "spec": FORMS[slug],
        "forms": FORMS.values(),
        "form": form,
        "authority": authority,
        "own": own,
    }
    if not form.is_valid():
        return render(request, "awards/statistics/form.html", context, status=400)
    result = statistics(slug, authority, form.period)
    if xlsx:
        response = HttpResponse(statistics_xlsx(result), content_type=XLSX)
        name = f"bieu-{slug}-{authority.pk}-{form.period.year}.xlsx"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response
    query = _query(form)
    args = [slug] if own else [slug, authority.pk]
    name = "statistics:form_xlsx" if own else "statistics:authority_form_xlsx"
    context |= {
        "statistics": result,
        "query": query,
        "xlsx_url": f"{reverse(name, args=args)}?{query}",
        "parts": [
            (part, reverse("statistics:authority_form", args=[slug, part.authority.pk]))
            for part in result.parts
        ],
    }
    return render(request, "awards/statistics/form.html", context)


@login_required
@permission_required(PERMISSION)
@require_GET
def index(request: HttpRequest) -> HttpResponse:
    context = {"forms": FORMS.values(), "authority": request.user.unit.authority}
    return render(request, "awards/statistics/index.html", context)


@login_required
@permission_required(PERMISSION)
@require_GET
def form(request: HttpRequest, slug: str) -> HttpResponse:
    return _form_page(request, slug, None, xlsx=False)


@login_required
@permission_required(PERMISSION)
@require_GET
def form_xlsx(request: HttpRequest, slug: str) -> HttpResponse:
    return _form_page(request, slug, None, xlsx=True)


@login_required
@permission_required(PERMISSION)
@require_GET
def authority_form(request: HttpRequest, slug: str, authority_id: int) -> HttpResponse:
    return _form_page(request, slug, authority_id, xlsx=False)


@login_required
@permission_required(PERMISSION)
@require_GET
def authority_form_xlsx(request: HttpRequest, slug: str, authority_id: int) -> HttpResponse:
    return _form_page(request, slug, authority_id, xlsx=True)
