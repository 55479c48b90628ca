"""Pages of "Nhập dữ liệu": the guide with what is imported so far, each import's page (template
download, dry run with its preview, confirmation) and the history of a written file."""

from pathlib import PurePath

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from config import clock
from config.permissions import authorize, permission_required
from emulation.accounts import (
    AccountError,
    accounts_sheet,
    create_unit_accounts,
    units_and_accounts,
)
from emulation.enums import Role
from emulation.identity import IdentityForm, current_identities, record_identity
from emulation.imports import selectors
from emulation.imports.engine import MAX_IMPORT_ROWS
from emulation.imports.forms import UploadForm
from emulation.imports.registry import kind_or_404, kinds
from emulation.imports.services import confirm_import, start_import
from emulation.models import DataImport
from emulation.spreadsheet_reading import MAX_BYTES, ImportRejected, receive_spreadsheet

PREVIEW_ROWS = 50
CHANGES_PER_PAGE = 100
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@login_required
@permission_required("emulation.import_data")
@require_GET
def guide(request):
    """Start a new authority: the order of the imports and what each holds so far."""
    held = [roles for _unit, roles in units_and_accounts(request.user)]
    identity_now = request.user.unit.authority.identity_on(clock.today())
    return render(
        request,
        "emulation/imports/guide.html",
        {
            "steps": selectors.progress(request.user),
            "recent": selectors.written_imports(request.user)[:10],
            "identity": identity_now,
            "may_manage_identity": authorize(request.user, "emulation.manage_identity"),
            "accounts": {
                "units": len(held),
                "heads": sum(Role.UNIT_HEAD in roles for roles in held),
                "clerks": sum(Role.UNIT_CLERK in roles for roles in held),
                "may_create": authorize(request.user, "emulation.create_unit_accounts"),
            },
        },
    )


@login_required
@permission_required("emulation.manage_identity")
@require_http_methods(["GET", "POST"])
def identity(request):
    """The authority's name by period: the periods so far and the form of a new one."""
    form = IdentityForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            record_identity(user=request.user, data=form.cleaned_data)
        except ValueError as error:
            form.add_error("valid_from", str(error))
        else:
            messages.success(request, _("Đã ghi tên gọi mới của cơ quan."))
            return redirect("emulation:authority_identity")
    return render(
        request,
        "emulation/imports/identity.html",
        {"form": form, "identities": current_identities(request.user)},
        status=400 if form.errors else 200,
    )


@login_required
@permission_required("emulation.create_unit_accounts")
@require_http_methods(["GET", "POST"])
def unit_accounts(request):
    """Accounts for units' heads and clerks in bulk: the created ones come back as a
    spreadsheet of usernames and initial passwords, shown this once."""
    if request.method == "POST":
        chosen = [int(value) for value in request.POST.getlist("unit") if value.isdigit()]
        roles = request.POST.getlist("role")
        try:
            created = create_unit_accounts(user=request.user, unit_ids=chosen, roles=roles)
        except AccountError as error:
            messages.error(request, str(error))
            return redirect("emulation:unit_accounts")
        if not created:
            messages.info(request, _("Các đơn vị đã chọn đều đã có tài khoản; không tạo thêm."))
            return redirect("emulation:unit_accounts")
        sign_in = request.build_absolute_uri(reverse("login"))
        response = HttpResponse(accounts_sheet(created, sign_in_url=sign_in), content_type=XLSX)
        day = clock.today().strftime("%Y%m%d")
        response["Content-Disposition"] = f'attachment; filename="tai-khoan-don-vi-{day}.xlsx"'
        response["Cache-Control"] = "no-store"
        return response
    return render(
        request,
        "emulation/imports/unit_accounts.html",
        {"units": units_and_accounts(request.user), "roles": Role},
    )


@login_required
@permission_required("emulation.import_data")
@require_http_methods(["GET", "POST"])
def upload(request, kind: str):
    """An import's page: the template, the upload and, after a dry run, its preview."""
    import_kind = kind_or_404(kind)
    form = UploadForm(request.POST or None, request.FILES or None)
    context = {"kind": import_kind, "form": form}
    if request.method == "POST" and form.is_valid():
        try:
            chosen = form.cleaned_data["file"]
            received = receive_spreadsheet(chosen)
            stored, plan = start_import(
                kind=import_kind,
                user=request.user,
                # The name the user knows, with the extension its bytes were found to have.
                filename=PurePath(chosen.name).stem[:150] + PurePath(received.name).suffix,
                content=received.content,
            )
        except ImportRejected as rejected:
            context["issues"] = [str(issue) for issue in rejected.issues]
            return _page(request, context, status=400)
        context.update(
            preview=stored,
            plan=plan,
            creates=[
                (row, import_kind.key_text(row.key), plan.shown(row, "after"))
                for row in plan.creates[:PREVIEW_ROWS]
            ],
            changes=[
                (
                    row,
                    import_kind.key_text(row.key),
                    plan.shown(row, "before"),
                    plan.shown(row, "after"),
                )
                for row in plan.changes[:PREVIEW_ROWS]
            ],
        )
        return _page(request, context)
    return _page(request, context, status=400 if request.method == "POST" else 200)


def _page(request, context, status=200):
    context.update(
        max_rows=MAX_IMPORT_ROWS,
        max_mb=MAX_BYTES // (1024 * 1024),
        preview_rows=PREVIEW_ROWS,
        kinds=kinds(),
    )
    return render(request, "emulation/imports/upload.html", context, status=status)


@login_required
@permission_required("emulation.import_data")
@require_GET
def template(request, kind: str):
    """The authority's records as the import's template (empty but for its header at first)."""
    import_kind = kind_or_404(kind)
    response = HttpResponse(import_kind.export_xlsx(request.user.unit.authority), content_type=XLSX)
    day = clock.today().strftime("%Y%m%d")
    response["Content-Disposition"] = f'attachment; filename="{import_kind.slug}-{day}.xlsx"'
    return response


@login_required
@permission_required("emulation.import_data")
@require_POST
def confirm(request, kind: str):
    import_kind = kind_or_404(kind)
    try:
        import_id = int(request.POST.get("import_id", ""))
    except ValueError as exc:
        raise Http404 from exc
    stored = DataImport.objects.filter(
        pk=import_id, uploaded_by=request.user, kind=import_kind.slug
    ).first()
    if stored is None:
        raise Http404
    try:
        plan = confirm_import(
            kind=import_kind,
            user=request.user,
            upload=stored,
            sha256=request.POST.get("sha256", ""),
        )
    except ImportRejected as rejected:
        for issue in rejected.issues[:20]:
            messages.error(request, str(issue))
        return redirect("emulation:import_upload", kind=import_kind.slug)
    messages.success(
        request,
        _("Đã ghi: %(created)d dòng thêm mới, %(changed)d dòng thay đổi, %(unchanged)d không đổi.")
        % {"created": len(plan.creates), "changed": len(plan.changes), "unchanged": plan.unchanged},
    )
    return redirect("emulation:import_detail", pk=stored.pk)


@login_required
@permission_required("emulation.import_data")
@require_GET
def detail(request, pk: int):
    """A written file: who wrote it, when, and every row it created or changed."""
    stored = get_object_or_404(selectors.written_imports(request.user), pk=pk)
    page = Paginator(stored.changes.order_by("row"), CHANGES_PER_PAGE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "emulation/imports/detail.html",
        {"stored": stored, "kind": kind_or_404(stored.kind), "page": page},
    )
