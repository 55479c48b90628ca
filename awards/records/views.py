"""Pages of the records: the annual records of a unit (kết quả năm) with their spreadsheet,
and the award history (lịch sử khen thưởng) of the people and units in scope.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from awards.enums import DutyRating
from awards.errors import AwardsError
from awards.records import selectors
from awards.records.imports import check_records_file, export_records
from awards.records.services import save_year_records
from config.permissions import require
from emulation.params import year_or
from emulation.selectors import units_in_scope
from emulation.spreadsheet_reading import ImportRejected, receive_spreadsheet

TITLES_PER_PAGE = 50


@login_required
@require_GET
def history(request):
    """Award history (lịch sử khen thưởng) of people and units in scope, searchable."""
    require(request.user, "awards.view_nominations")
    search = request.GET.get("q", "").strip()[:100]
    year = year_or(request.GET)
    titles = selectors.award_history(request.user, search=search, year=year)
    page = Paginator(titles, TITLES_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request, "awards/history.html", {"page": page, "search": search, "year": year or ""}
    )


@login_required
@require_http_methods(["GET", "POST"])
def records(request, unit_id: int, year: int):
    """Kết quả năm: the unit's own rating and each staff member's rating and months worked,
    the records the eligibility rules read."""
    unit = get_object_or_404(units_in_scope(request.user), pk=unit_id)
    require(request.user, "awards.enter_records", unit)
    if request.method == "POST":
        entries = []
        for row in selectors.year_roll(unit, year):
            rating = request.POST.get(f"rating_{row['person'].pk}", "")
            if not rating:
                continue
            months = request.POST.get(f"months_{row['person'].pk}", "").strip()
            entries.append((row["person"], rating, int(months) if months.isdigit() else -1))
        try:
            count = save_year_records(
                unit=unit,
                year=year,
                user=request.user,
                unit_rating=request.POST.get("unit_rating", ""),
                entries=entries,
            )
            messages.success(
                request, _("Đã lưu kết quả năm của %(count)s người.") % {"count": count}
            )
            return redirect("awards:records", unit.pk, year)
        except AwardsError as error:
            messages.error(request, str(error))
    return render(
        request,
        "awards/records.html",
        {
            "unit": unit,
            "year": year,
            "roll": selectors.records_sheet(unit, year),
            # Labels translated once for the page, not once for every person's list.
            "ratings": [(value, str(label)) for value, label in DutyRating.choices],
            "unit_rating": selectors.unit_rating(unit, year) or "",
        },
    )


@login_required
@require_GET
def records_export(request, unit_id: int, year: int):
    unit = get_object_or_404(units_in_scope(request.user), pk=unit_id)
    require(request.user, "awards.enter_records", unit)
    response = HttpResponse(
        export_records(unit, year),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="ket-qua-{unit.code}-{year}.xlsx"'
    return response


@login_required
@require_POST
def records_import(request, unit_id: int, year: int):
    """All or nothing: every row is checked, then one save of the whole file."""
    unit = get_object_or_404(units_in_scope(request.user), pk=unit_id)
    require(request.user, "awards.enter_records", unit)
    upload = request.FILES.get("file")
    if upload is None:
        messages.error(request, _("Hãy chọn tệp .xlsx hoặc .csv không quá 5 MB."))
        return redirect("awards:records", unit.pk, year)
    try:
        received = receive_spreadsheet(upload)
        entries = check_records_file(
            unit=unit, year=year, filename=received.name, content=received.content
        )
        count = save_year_records(
            unit=unit, year=year, user=request.user, unit_rating="", entries=entries
        )
        messages.success(request, _("Đã nhập kết quả năm của %(count)s người.") % {"count": count})
    except ImportRejected as rejected:
        for issue in rejected.issues[:20]:
            messages.error(request, str(issue))
    except AwardsError as error:
        messages.error(request, str(error))
    return redirect("awards:records", unit.pk, year)
