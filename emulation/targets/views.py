"""Pages of the targets feature: dashboard, grid entry, history, periods, Excel round trip.

Thin views: scope (another unit → 404) → permission (→ 403) → form → one service → message.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.formats import get_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from config import clock
from config.permissions import authorize, require
from config.workflow import TransitionRefused
from documents import uploads
from documents.models import Job
from emulation.models import Actual, Target, TargetImport
from emulation.params import int_or, year_or
from emulation.selectors import units_in_scope
from emulation.spreadsheet_reading import (
    MAX_BYTES,
    MAX_ROWS,
    ImportRejected,
    receive_spreadsheet,
)

# Registers the background import kind with the document core in web processes too.
from emulation.targets import documents as _targets_documents  # noqa: F401
from emulation.targets import selectors
from emulation.targets.enums import PeriodKind, Status, TargetGroup, ValueKind
from emulation.targets.forms import (
    ActualGridForm,
    CopyCatalogueForm,
    ImportUploadForm,
    ReasonForm,
    TargetForm,
)
from emulation.targets.imports import confirm_import, start_import
from emulation.targets.resources import export_xlsx
from emulation.targets.services import (
    TargetsError,
    close_period,
    copy_catalogue,
    get_period,
    reopen_period,
    save_actuals,
    save_target,
)

ROWS_PER_PAGE = 50


def _int_param(request, name: str, default: int | None = None) -> int | None:
    return int_or(request.GET.get(name), default)


def _default_year(user) -> int:
    latest = (
        Target.objects.filter(authority_id=user.unit.authority_id)
        .order_by("-year")
        .values_list("year", flat=True)
        .first()
    )
    return latest or clock.today().year


def _choice(value: str, choices, default: str = "") -> str:
    return value if value in choices else default


def _scope_unit(user, unit_id: int | None):
    """The unit named in a URL, or None for the authority's own targets; 404 outside scope."""
    if unit_id is None:
        return None
    unit = selectors.scoped_unit(user=user, unit_id=unit_id)
    if unit is None:
        raise Http404
    return unit


@login_required
@require_GET
def dashboard(request):
    user = request.user
    require(user, "targets.view_dashboard")
    unit = _scope_unit(user, _int_param(request, "unit"))
    year = year_or(request.GET) or _default_year(user)
    period = _choice(request.GET.get("period", ""), PeriodKind.values, PeriodKind.YEAR)
    group = _choice(request.GET.get("group", ""), TargetGroup.values)
    status = _choice(request.GET.get("status", ""), Status.values)
    sort = request.GET.get("sort", "code")
    board = selectors.dashboard(
        user=user, year=year, period=period, unit=unit, group=group, status=status, sort=sort
    )
    page = Paginator(board.rows, ROWS_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "emulation/targets/dashboard.html",
        {
            "board": board,
            "page": page,
            "periods": PeriodKind.choices,
            "groups": TargetGroup.choices,
            "statuses": Status.choices,
            "filters": {"group": group, "status": status, "sort": sort},
            # A unit's head or clerk enters their own unit's figures; the authority's grid is
            # for thi đua staff.
            "grid_url": _grid_url(
                unit or (None if user.is_authority_wide else user.unit),
                year,
                period,
                ValueKind.OFFICIAL,
            ),
        },
    )


def _grid_url(unit, year: int, period: str, kind: str) -> str:
    if unit is None:
        return reverse("targets:grid_authority", args=[year, period, kind])
    return reverse("targets:grid", args=[unit.pk, year, period, kind])


@login_required
@require_http_methods(["GET", "POST"])
def grid(request, year: int, period: str, kind: str, unit_id: int | None = None):
    user = request.user
    unit = _scope_unit(user, unit_id)
    if period not in PeriodKind.values or kind not in ValueKind.values:
        raise Http404
    require(user, "targets.view_targets", unit)
    authority_id = user.unit.authority_id
    reporting_period = selectors.find_period(authority_id=authority_id, year=year, kind=period)
    may_enter = authorize(user, "targets.enter_actuals", unit)
    may_write_closed = authorize(user, "targets.write_closed_period")
    editable = may_enter and (not reporting_period.is_closed or may_write_closed)
    rows = selectors.grid_rows(
        authority_id=authority_id, unit=unit, year=year, period=reporting_period, value_kind=kind
    )
    if request.method == "POST":
        require(user, "targets.enter_actuals", unit)
        reporting_period = get_period(authority=user.unit.authority, year=year, kind=period)
        form = ActualGridForm(request.POST, request.FILES, rows=rows, editable=editable)
        if not editable:
            form.add_error(None, _("Kỳ báo cáo đã khóa; liên hệ cán bộ thi đua để mở lại."))
        elif form.is_valid():
            try:
                result = save_actuals(
                    user=user,
                    period=reporting_period,
                    value_kind=kind,
                    entries=form.entries(),
                    may_write_closed=may_write_closed,
                )
            except TargetsError as exc:
                form.add_service_errors(exc.errors)
            else:
                messages.success(
                    request,
                    _("Đã lưu: %(created)d số liệu mới, %(changed)d số liệu sửa.")
                    % {"created": result.created, "changed": result.changed},
                )
                return redirect(request.path)
        status = 400
    else:
        form = ActualGridForm(rows=rows, editable=editable)
        status = 200
    return render(
        request,
        "emulation/targets/grid.html",
        {
            "form": form,
            "rows": rows,
            "unit": unit,
            "year": year,
            "period": reporting_period,
            "kind": kind,
            "kinds": ValueKind.choices,
            "periods": PeriodKind.choices,
            "statuses": Status.choices,
            "editable": editable,
            "may_enter": may_enter,
            "grid_url_name": "targets:grid_authority" if unit is None else "targets:grid",
            # The rule the page's script applies while a value is typed; the save decides.
            "tolerance": selectors.tolerances_by_year(authority_id=authority_id, years=[year])[
                year
            ],
            "decimal_separator": get_format("DECIMAL_SEPARATOR"),
            "thousand_separator": get_format("THOUSAND_SEPARATOR"),
        },
        status=status,
    )


@login_required
@require_GET
def history(request, pk: int):
    target = selectors.scoped_target(user=request.user, target_id=pk)
    if target is None:
        raise Http404
    require(request.user, "targets.view_targets", target.unit)
    return render(
        request,
        "emulation/targets/history.html",
        {"target": target, **selectors.target_history(target=target)},
    )


@login_required
@require_GET
def evidence(request, pk: int):
    actual = Actual.objects.select_related("target").filter(pk=pk).first()
    if actual is None or not actual.evidence:
        raise Http404
    if selectors.scoped_target(user=request.user, target_id=actual.target_id) is None:
        raise Http404
    require(request.user, "targets.view_targets", actual.target.unit)
    return uploads.serve(actual.evidence)


@login_required
@require_GET
def periods(request, year: int):
    user = request.user
    require(user, "targets.manage_periods")
    return render(
        request,
        "emulation/targets/periods.html",
        {
            "year": year,
            "periods": selectors.periods_of_year(authority_id=user.unit.authority_id, year=year),
            "form": ReasonForm(),
        },
    )


def _change_period(request, year: int, period: str, *, reopen: bool):
    user = request.user
    require(user, "targets.manage_periods")
    if period not in PeriodKind.values:
        raise Http404
    form = ReasonForm(request.POST)
    reporting_period = get_period(authority=user.unit.authority, year=year, kind=period)
    if form.is_valid():
        try:
            if reopen:
                reopen_period(
                    period=reporting_period, user=user, reason=form.cleaned_data["reason"]
                )
                messages.success(request, _("Đã mở lại %(period)s.") % {"period": reporting_period})
            else:
                close_period(period=reporting_period, user=user, reason=form.cleaned_data["reason"])
                messages.success(request, _("Đã khóa %(period)s.") % {"period": reporting_period})
        except TargetsError as exc:
            for message in exc.errors.get(None, []):
                messages.error(request, message)
        except TransitionRefused as exc:
            messages.error(request, str(exc))
    return redirect("targets:periods", year=year)


@login_required
@require_POST
def close(request, year: int, period: str):
    return _change_period(request, year, period, reopen=False)


@login_required
@require_POST
def reopen(request, year: int, period: str):
    return _change_period(request, year, period, reopen=True)


@login_required
@require_POST
def copy_year(request):
    user = request.user
    require(user, "targets.manage_catalogue")
    form = CopyCatalogueForm(request.POST)
    if form.is_valid():
        try:
            made = copy_catalogue(
                authority=user.unit.authority,
                from_year=form.cleaned_data["from_year"],
                to_year=form.cleaned_data["to_year"],
            )
        except TargetsError as exc:
            for message in exc.errors.get(None, []):
                messages.error(request, message)
        else:
            messages.success(request, _("Đã sao chép %(count)d chỉ tiêu.") % {"count": made})
            return redirect(f"{reverse('targets:dashboard')}?nam={form.cleaned_data['to_year']}")
    else:
        messages.error(request, _("Năm không hợp lệ."))
    return redirect("targets:dashboard")


# ---- Excel round trip ----------------------------------------------------------------------

IMPORT_SESSION_KEY = "targets_import_id"


@login_required
@require_GET
def export(request):
    """The Excel template filled with the targets in scope and the chosen period's values."""
    user = request.user
    unit = _scope_unit(user, _int_param(request, "unit"))
    require(user, "targets.export_actuals", unit if unit else user.unit)
    year = year_or(request.GET) or _default_year(user)
    period = _choice(request.GET.get("period", ""), PeriodKind.values, PeriodKind.YEAR)
    kind = _choice(request.GET.get("kind", ""), ValueKind.values, ValueKind.OFFICIAL)
    if unit is not None:
        unit_ids = [unit.pk]
    elif user.is_authority_wide:
        unit_ids = [None, *units_in_scope(user).values_list("pk", flat=True)]
    else:
        unit_ids = list(units_in_scope(user).values_list("pk", flat=True))
    authority_id = user.unit.authority_id
    reporting_period = selectors.find_period(authority_id=authority_id, year=year, kind=period)
    targets = selectors.export_rows(
        authority_id=authority_id,
        unit_ids=unit_ids,
        year=year,
        period=reporting_period,
        value_kind=kind,
    )
    content = export_xlsx(targets, period=period, value_kind=kind)
    response = HttpResponse(
        content,
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="chi-tieu-{year}-{period}-{kind}.xlsx"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def import_upload(request):
    user = request.user
    require(user, "targets.import_actuals", user.unit)
    form = ImportUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            received = receive_spreadsheet(form.cleaned_data["file"])
            stored, plan = start_import(user=user, filename=received.name, content=received.content)
        except ImportRejected as exc:
            return _import_page(request, form, issues=[str(i) for i in exc.issues], status=400)
        request.session[IMPORT_SESSION_KEY] = stored.pk
        return _import_page(request, form, preview=stored, plan=plan)
    return _import_page(request, form, status=400 if request.method == "POST" else 200)


def _import_page(request, form, *, issues=None, preview=None, plan=None, status=200):
    return render(
        request,
        "emulation/targets/import.html",
        {
            "form": form,
            "issues": issues or [],
            "preview": preview,
            "plan": plan,
            "max_rows": MAX_ROWS,
            "max_mb": MAX_BYTES // (1024 * 1024),
        },
        status=status,
    )


@login_required
@require_POST
def import_confirm(request):
    user = request.user
    require(user, "targets.import_actuals", user.unit)
    try:
        import_id = int(request.POST.get("import_id", ""))
    except ValueError as exc:
        raise Http404 from exc
    # Only the file this user previewed in this session can be confirmed.
    upload = TargetImport.objects.filter(pk=import_id, uploaded_by=user).first()
    if upload is None:
        raise Http404
    if request.session.get(IMPORT_SESSION_KEY) != upload.pk:
        messages.error(request, _("Tệp xác nhận không khớp tệp đã xem trước; hãy tải tệp lên lại."))
        return redirect("targets:import")
    try:
        result = confirm_import(user=user, upload=upload, sha256=request.POST.get("sha256", ""))
    except ImportRejected as exc:
        for issue in exc.issues[:20]:
            messages.error(request, str(issue))
        return redirect("targets:import")
    request.session.pop(IMPORT_SESSION_KEY, None)
    if isinstance(result, Job):
        messages.success(
            request,
            _("Tệp có %(rows)d dòng đang được ghi trong nền; kết quả ở trang này.")
            % {"rows": upload.row_count},
        )
        return redirect("documents:job_detail", pk=result.pk)
    messages.success(
        request,
        _("Đã nhập: %(created)d số liệu mới, %(changed)d số liệu sửa, %(unchanged)d không đổi.")
        % {"created": result.created, "changed": result.changed, "unchanged": result.unchanged},
    )
    return redirect("targets:dashboard")


# ---- Catalogue -----------------------------------------------------------------------------


@login_required
@require_GET
def catalogue(request):
    """The year's targets, the authority's own and each unit's, for the thi đua staff."""
    user = request.user
    require(user, "targets.manage_catalogue")
    year = year_or(request.GET) or _default_year(user)
    targets = (
        Target.objects.filter(authority_id=user.unit.authority_id, year=year)
        .select_related("unit", "parent")
        .order_by("unit__sort_order", "unit__name", "sort_order", "code")
    )
    page = Paginator(targets, ROWS_PER_PAGE * 2).get_page(request.GET.get("page"))
    return render(
        request,
        "emulation/targets/catalogue.html",
        {
            "year": year,
            "page": page,
            "copy_form": CopyCatalogueForm(initial={"from_year": year, "to_year": year + 1}),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def target_edit(request, pk: int | None = None):
    user = request.user
    require(user, "targets.manage_catalogue")
    authority = user.unit.authority
    if pk is None:
        year = year_or(request.GET) or _default_year(user)
        target = Target(authority=authority, year=year)
    else:
        target = Target.objects.filter(pk=pk, authority=authority).first()
        if target is None:
            raise Http404
        year = target.year
    form = TargetForm(request.POST or None, authority=authority, year=year, instance=target)
    if request.method == "POST" and form.is_valid():
        try:
            save_target(target=target, user=user, data=form.cleaned_data)
        except TargetsError as exc:
            for field, errors in exc.errors.items():
                for error in errors:
                    form.add_error(field if field in form.fields else None, error)
        else:
            messages.success(request, _("Đã lưu chỉ tiêu %(code)s.") % {"code": target.code})
            return redirect(f"{reverse('targets:catalogue')}?nam={year}")
    return render(
        request,
        "emulation/targets/target_form.html",
        {"form": form, "target": target, "year": year},
        status=400 if request.method == "POST" else 200,
    )
