"""Pages of the emulation app: home, the unit directory, a unit, a person.

Every read goes through a scoped selector: a unit or person outside the user's scope is "not
found" (404), a missing permission is "forbidden" (403), an anonymous visitor is sent to sign in.
"""

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse_lazy
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from config import clock
from config.permissions import permission_required
from documents.services import request_document
from emulation.forms import DirectoryPrintForm, SignInForm, UnitDirectoryFilterForm
from emulation.home import home_context
from emulation.models import Person
from emulation.outstanding import outstanding
from emulation.params import year_or
from emulation.selectors import person_history, unit_directory, unit_staff, units_in_scope

UNITS_PER_PAGE = 50


class SignInView(auth_views.LoginView):
    """Sign-in (đăng nhập). Django rotates the session key on success; django-axes counts
    failures and answers with registration/locked_out.html once the limit is reached."""

    form_class = SignInForm
    template_name = "registration/login.html"
    redirect_authenticated_user = True
    next_page = reverse_lazy("emulation:home")


class PasswordChangeView(auth_views.PasswordChangeView):
    """Đổi mật khẩu: the current password, then the new one twice. An account created with an
    initial password lands here until it has chosen its own (config.middleware)."""

    template_name = "registration/password_change.html"
    success_url = reverse_lazy("emulation:home")

    def form_valid(self, form):
        response = super().form_valid(form)
        if self.request.user.must_change_password:
            self.request.user.must_change_password = False
            self.request.user.save(update_fields=["must_change_password"])
        messages.success(self.request, _("Đã đổi mật khẩu."))
        return response


class SignOutView(auth_views.LogoutView):
    """Sign-out by POST only (Django refuses GET with 405)."""

    next_page = reverse_lazy("login")


@require_GET
@login_required
@permission_required("emulation.view_outstanding")
def outstanding_page(request: HttpRequest) -> HttpResponse:
    """Việc còn thiếu: the units of the authority that still owe something for the year."""
    year = year_or(request.GET, clock.today().year)
    report = outstanding(authority_id=request.user.unit.authority_id, year=year)
    return render(request, "emulation/outstanding.html", {"report": report, "year": year})


@require_GET
@login_required
def home(request: HttpRequest) -> HttpResponse:
    context = home_context(user=request.user, day=clock.today())
    return render(request, "emulation/home.html", context)


@require_GET
@login_required
@permission_required("emulation.view_units")
def unit_list(request: HttpRequest) -> HttpResponse:
    today = clock.today()
    filter_form = UnitDirectoryFilterForm(request.GET)
    filters = filter_form.filters()
    units = unit_directory(user=request.user, day=today, **filters)
    page = Paginator(units, UNITS_PER_PAGE).get_page(request.GET.get("page"))
    context = {
        "filter_form": filter_form,
        "filtered": any(filters.values()),
        "print_form": DirectoryPrintForm(initial={"day": today}),
        "page": page,
        "units": page.object_list,
        "day": today,
    }
    return render(request, "emulation/unit_list.html", context)


@require_POST
@login_required
@permission_required("emulation.print_unit_directory")
def unit_directory_print(request: HttpRequest) -> HttpResponse:
    """Queue the unit directory as a PDF (in danh sách đơn vị) and show the job."""
    form = DirectoryPrintForm(request.POST)
    if not form.is_valid():
        for error in form.errors.get("day", []):
            messages.error(request, error)
        return redirect("emulation:unit_list")
    day = form.cleaned_data["day"] or clock.today()
    job = request_document(
        kind="unit_directory", params={"day": day.isoformat()}, user=request.user
    )
    messages.success(
        request,
        _(
            "Đã xếp hàng tạo tài liệu “Danh sách đơn vị” tại ngày %(day)s. "
            "Tệp sẽ tải về được ở trang này khi tạo xong."
        )
        % {"day": date_format(day, "SHORT_DATE_FORMAT")},
    )
    return redirect("documents:job_detail", job.pk)


@require_GET
@login_required
@permission_required("emulation.view_units")
def unit_detail(request: HttpRequest, pk: int) -> HttpResponse:
    today = clock.today()
    unit = get_object_or_404(
        units_in_scope(request.user).select_related("head", "parent", "merged_into"), pk=pk
    )
    context = {
        "unit": unit,
        # Units below one in scope are in scope too: no second scope check is needed.
        "children": unit.children.valid_on(today).select_related("head"),
        "staff": unit_staff(unit=unit, day=today),
        "active": unit.is_active_on(today),
        "day": today,
    }
    return render(request, "emulation/unit_detail.html", context)


@require_GET
@login_required
@permission_required("emulation.view_units")
def person_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A person is visible when any unit they ever worked in is in the user's scope."""
    scope = units_in_scope(request.user)
    person = get_object_or_404(Person.objects.filter(employments__unit__in=scope).distinct(), pk=pk)
    history = list(person_history(person=person))
    linked_unit_ids = set(
        scope.filter(pk__in={e.unit_id for e in history}).values_list("pk", flat=True)
    )
    context = {
        "person": person,
        "history": [(employment, employment.unit_id in linked_unit_ids) for employment in history],
        "day": clock.today(),
    }
    return render(request, "emulation/person_detail.html", context)
