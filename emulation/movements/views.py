"""Pages of movements (phong trào thi đua), the year's registration and exemplary stories.

Thin views: scope (another unit's object → 404) → permission (→ 403) → form → one service
call → message → redirect.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from config import clock
from config.permissions import authorize, require
from config.workflow import TransitionRefused
from documents import uploads
from emulation.models import Person
from emulation.models.movements import (
    ExemplaryPhoto,
    Milestone,
    MovementDocument,
    Registration,
    RegistrationLine,
)
from emulation.movements import selectors, services
from emulation.movements.catalogue import title_names
from emulation.movements.forms import (
    DocumentForm,
    ExemplaryForm,
    MilestoneForm,
    MilestoneReportForm,
    MovementForm,
    PhotoForm,
    RegistrationLineForm,
    RoundForm,
)
from emulation.movements.hooks import exemplary_panels
from emulation.params import year_or
from emulation.selectors import units_in_scope


def _movement(request, pk: int):
    return get_object_or_404(selectors.movements_in_scope(request.user), pk=pk)


@require_GET
@login_required
def movement_list(request: HttpRequest) -> HttpResponse:
    require(request.user, "movements.view_movements")
    return render(
        request,
        "emulation/movements/movement_list.html",
        {
            "movements": selectors.movements_in_scope(request.user),
            "can_manage": authorize(request.user, "movements.manage_movement"),
        },
    )


@require_http_methods(["GET", "POST"])
@login_required
def movement_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    movement = _movement(request, pk) if pk else None
    require(request.user, "movements.manage_movement", movement)
    units = units_in_scope(request.user).active()
    form = MovementForm(request.POST or None, instance=movement, units=units)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            movement = services.save_movement(
                user=request.user, movement=movement, units=list(data.pop("units")), **data
            )
        except services.MovementError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Đã lưu phong trào."))
            return redirect("movements:detail", movement.pk)
    return render(
        request, "emulation/movements/movement_form.html", {"form": form, "movement": movement}
    )


@require_GET
@login_required
def movement_detail(request: HttpRequest, pk: int) -> HttpResponse:
    movement = _movement(request, pk)
    require(request.user, "movements.view_movements")
    context = {
        "movement": movement,
        **selectors.movement_detail(movement),
        "can_manage": authorize(request.user, "movements.manage_movement", movement),
        "document_form": DocumentForm(),
        "milestone_form": MilestoneForm(),
        "report_form": MilestoneReportForm(),
    }
    return render(request, "emulation/movements/movement_detail.html", context)


def _refused_or_done(request, call, done: str) -> None:
    try:
        call()
    except TransitionRefused as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, done)


def _form_then(request, form, invalid: str, call, done: str) -> None:
    """A posted form: `invalid` when it does not validate, else `call(cleaned_data)` with its
    refusal or `done` shown as a message."""
    if not form.is_valid():
        messages.error(request, invalid)
    else:
        _refused_or_done(request, lambda: call(form.cleaned_data), done)


@require_POST
@login_required
def document_add(request: HttpRequest, pk: int) -> HttpResponse:
    movement = _movement(request, pk)
    require(request.user, "movements.manage_movement", movement)
    _form_then(
        request,
        DocumentForm(request.POST, request.FILES),
        _("Hãy nhập tên văn bản và chọn tệp."),
        lambda data: services.attach_document(
            movement=movement, user=request.user, title=data["title"], upload=data["file"]
        ),
        _("Đã đính kèm văn bản."),
    )
    return redirect("movements:detail", movement.pk)


@require_POST
@login_required
def milestone_add(request: HttpRequest, pk: int) -> HttpResponse:
    movement = _movement(request, pk)
    require(request.user, "movements.manage_movement", movement)
    _form_then(
        request,
        MilestoneForm(request.POST),
        _("Hãy chọn loại và nhập ngày tổ chức (ngày/tháng/năm)."),
        lambda data: services.add_milestone(movement=movement, user=request.user, **data),
        _("Đã thêm mốc sơ kết, tổng kết."),
    )
    return redirect("movements:detail", movement.pk)


@require_POST
@login_required
def milestone_report(request: HttpRequest, pk: int, milestone_id: int) -> HttpResponse:
    movement = _movement(request, pk)
    milestone = get_object_or_404(Milestone, pk=milestone_id, movement=movement)
    require(request.user, "movements.manage_movement", movement)
    _form_then(
        request,
        MilestoneReportForm(request.POST, request.FILES),
        _("Hãy nhập nội dung báo cáo."),
        lambda data: services.report_milestone(
            milestone=milestone, user=request.user, report=data["report"], upload=data["file"]
        ),
        _("Đã lưu báo cáo."),
    )
    return redirect("movements:detail", movement.pk)


def _year(request) -> int:
    return year_or(request.GET, clock.today().year)


@require_http_methods(["GET", "POST"])
@login_required
def registration_overview(request: HttpRequest) -> HttpResponse:
    """Staff: open the year's registration, and see which units have and have not registered."""
    require(request.user, "movements.manage_registration")
    year = _year(request)
    round_ = selectors.rounds_for(request.user).filter(year=year).first()
    initial = {"year": year}
    if round_:
        initial.update(deadline=round_.deadline, requires_registration=round_.requires_registration)
    form = RoundForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            round_ = services.save_round(user=request.user, **form.cleaned_data)
        except services.MovementError as exc:
            form.add_error("deadline", str(exc))
        else:
            messages.success(request, _("Đã lưu đợt đăng ký."))
            return redirect(f"{request.path}?nam={round_.year}")
    rows = selectors.registration_overview(round_) if round_ else []
    context = {
        "form": form,
        "round": round_,
        "year": year,
        "rows": rows,
        "registered_count": sum(
            1 for row in rows if row["registration"] and row["registration"].is_submitted
        ),
    }
    return render(request, "emulation/movements/registration_overview.html", context)


@require_http_methods(["GET", "POST"])
@login_required
def registration_unit(request: HttpRequest, year: int, unit_id: int | None = None) -> HttpResponse:
    """A unit's registration for the year; its head or clerk edits it, staff read it."""
    round_ = get_object_or_404(selectors.rounds_for(request.user), year=year)
    unit = get_object_or_404(units_in_scope(request.user), pk=unit_id or request.user.unit_id)
    # The permissions are asked of the stored registration, or of an unsaved draft: a refused
    # request must not create the unit's registration row.
    registration = Registration.objects.filter(round=round_, unit=unit).first() or Registration(
        round=round_, unit=unit
    )
    if not (
        authorize(request.user, "movements.register", registration)
        or authorize(request.user, "movements.manage_registration")
    ):
        raise PermissionDenied
    if request.method == "POST":
        require(request.user, "movements.edit_registration", registration)
    registration = services.registration_of(round_=round_, unit=unit)
    people = Person.objects.filter(employments__unit=unit).distinct()
    form = RegistrationLineForm(request.POST or None, people=people)
    if request.method == "POST" and form.is_valid():
        try:
            services.add_registration_line(
                registration=registration, user=request.user, **form.cleaned_data
            )
        except services.MovementError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Đã thêm danh hiệu đăng ký."))
            return redirect(request.path)
    names = title_names()
    lines = [
        {"line": line, "title": names.get(line.title_code, line.title_code)}
        for line in selectors.registration_lines(registration)
    ]
    context = {
        "round": round_,
        "unit": unit,
        "registration": registration,
        "lines": lines,
        "form": form,
        "can_edit": authorize(request.user, "movements.edit_registration", registration),
    }
    return render(request, "emulation/movements/registration_unit.html", context)


def _own_registration(request, year: int, unit_id: int):
    round_ = get_object_or_404(selectors.rounds_for(request.user), year=year)
    unit = get_object_or_404(units_in_scope(request.user), pk=unit_id)
    return services.registration_of(round_=round_, unit=unit)


@require_POST
@login_required
def registration_line_delete(request: HttpRequest, line_id: int) -> HttpResponse:
    line = get_object_or_404(
        RegistrationLine.objects.select_related("registration__round"),
        pk=line_id,
        registration__unit__in=units_in_scope(request.user),
    )
    registration = line.registration
    require(request.user, "movements.edit_registration", registration)
    _refused_or_done(
        request,
        lambda: services.remove_registration_line(line=line, user=request.user),
        _("Đã bỏ danh hiệu đăng ký."),
    )
    return redirect("movements:registration_unit", registration.round.year, registration.unit_id)


@require_POST
@login_required
def registration_submit(request: HttpRequest, year: int, unit_id: int) -> HttpResponse:
    registration = _own_registration(request, year, unit_id)
    require(request.user, "movements.submit_registration", registration)
    _refused_or_done(
        request,
        lambda: services.submit_registration(registration=registration, user=request.user),
        _("Đã gửi bản đăng ký thi đua."),
    )
    return redirect("movements:registration_unit", year, unit_id)


@require_POST
@login_required
def registration_return(request: HttpRequest, year: int, unit_id: int) -> HttpResponse:
    registration = _own_registration(request, year, unit_id)
    require(request.user, "movements.manage_registration")
    _refused_or_done(
        request,
        lambda: services.return_registration(registration=registration, user=request.user),
        _("Đã trả bản đăng ký cho đơn vị."),
    )
    return redirect("movements:registration_unit", year, unit_id)


@require_GET
@login_required
def exemplary_list(request: HttpRequest) -> HttpResponse:
    require(request.user, "movements.view_exemplaries")
    return render(
        request,
        "emulation/movements/exemplary_list.html",
        {
            "exemplaries": selectors.exemplaries_in_scope(request.user),
            "can_create": authorize(request.user, "movements.create_exemplary"),
        },
    )


@require_http_methods(["GET", "POST"])
@login_required
def exemplary_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    exemplary = (
        get_object_or_404(selectors.exemplaries_in_scope(request.user), pk=pk) if pk else None
    )
    if exemplary:
        require(request.user, "movements.edit_exemplary", exemplary)
    else:
        require(request.user, "movements.create_exemplary")
    units = units_in_scope(request.user).active()
    form = ExemplaryForm(
        request.POST or None,
        instance=exemplary,
        units=units,
        people=Person.objects.filter(employments__unit__in=units).distinct(),
        movements=selectors.movements_in_scope(request.user),
    )
    if request.method == "POST" and form.is_valid():
        try:
            exemplary = services.save_exemplary(
                user=request.user, exemplary=exemplary, **form.cleaned_data
            )
        except services.MovementError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Đã lưu điển hình."))
            return redirect("movements:exemplary_detail", exemplary.pk)
    return render(
        request, "emulation/movements/exemplary_form.html", {"form": form, "exemplary": exemplary}
    )


@require_GET
@login_required
def exemplary_detail(request: HttpRequest, pk: int) -> HttpResponse:
    exemplary = get_object_or_404(selectors.exemplaries_in_scope(request.user), pk=pk)
    require(request.user, "movements.view_exemplaries")
    context = {
        "exemplary": exemplary,
        "photos": exemplary.photos.all(),
        "can_edit": authorize(request.user, "movements.edit_exemplary", exemplary),
        "photo_form": PhotoForm(),
        # What other apps show of the story (the proposals made from it), through the hook.
        "panels": exemplary_panels(exemplary, request),
    }
    return render(request, "emulation/movements/exemplary_detail.html", context)


@require_POST
@login_required
def photo_add(request: HttpRequest, pk: int) -> HttpResponse:
    exemplary = get_object_or_404(selectors.exemplaries_in_scope(request.user), pk=pk)
    require(request.user, "movements.edit_exemplary", exemplary)
    _form_then(
        request,
        PhotoForm(request.POST, request.FILES),
        _("Hãy chọn ảnh."),
        lambda data: services.add_photo(
            exemplary=exemplary, user=request.user, upload=data["image"], caption=data["caption"]
        ),
        _("Đã thêm ảnh."),
    )
    return redirect("movements:exemplary_detail", exemplary.pk)


@require_GET
@login_required
def document_download(request: HttpRequest, document_id: int) -> HttpResponse:
    document = get_object_or_404(
        MovementDocument, pk=document_id, movement__in=selectors.movements_in_scope(request.user)
    )
    return uploads.serve(document.file)


@require_GET
@login_required
def milestone_download(request: HttpRequest, milestone_id: int) -> HttpResponse:
    milestone = get_object_or_404(
        Milestone, pk=milestone_id, movement__in=selectors.movements_in_scope(request.user)
    )
    if not milestone.report_file:
        raise Http404
    return uploads.serve(milestone.report_file)


@require_GET
@login_required
def photo(request: HttpRequest, photo_id: int) -> HttpResponse:
    picture = get_object_or_404(
        ExemplaryPhoto, pk=photo_id, exemplary__in=selectors.exemplaries_in_scope(request.user)
    )
    return uploads.serve(picture.image)
