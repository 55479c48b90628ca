"""Pages of clusters' pledges: overview, pledge status, opening for signature, amending,
comments and the draft editor. Signing, the PDFs and verification are in `signing_views`.

Thin views: scope (another cluster's pledge → 404) → permission (→ 403) → form → one service
call → message → redirect.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from config import clock
from config.permissions import authorize, require
from config.workflow import TransitionRefused
from emulation.heads import headed_units
from emulation.params import int_or, year_or
from emulation.pledges import selectors
from emulation.pledges.enums import VersionStatus
from emulation.pledges.forms import (
    CommentForm,
    CreatePledgeForm,
    DraftHeaderForm,
    PledgeActivityForm,
    PledgeItemForm,
    ReasonForm,
)
from emulation.pledges.history import first_broken_event
from emulation.pledges.services import (
    FROZEN_MESSAGE,
    PledgeError,
    add_comment,
    amend_pledge,
    create_pledge,
    delete_activity,
    delete_item,
    latest_version,
    pledge_targets,
    save_activity,
    save_item,
    update_draft,
)
from emulation.pledges.signing import open_for_signature


def _pledge(request, pk: int):
    return get_object_or_404(selectors.pledges_in_scope(request.user), pk=pk)


@require_GET
@login_required
def pledge_list(request: HttpRequest) -> HttpResponse:
    """Overview across clusters and blocs: each pledge's latest version and signatures."""
    require(request.user, "pledges.view_pledges")
    years = selectors.pledge_years(request.user)
    year = year_or(request.GET, years[0] if years else clock.today().year)
    context = {
        "to_sign": selectors.pending_slots_for_head(request.user).order_by(
            "version__deadline", "pk"
        ),
        "rows": selectors.pledge_overview(user=request.user, year=year),
        "clusters_without_pledge": [
            cluster
            for cluster in selectors.clusters_without_pledge(user=request.user, year=year)
            if authorize(request.user, "pledges.create_pledge", cluster)
        ],
        "create_form": CreatePledgeForm(),
        "years": years,
        "year": year,
    }
    return render(request, "emulation/pledges/pledge_list.html", context)


@require_POST
@login_required
def pledge_create(request: HttpRequest, cluster_id: int) -> HttpResponse:
    """Start the cluster's pledge as a draft; its content is then written in the editor."""
    cluster = get_object_or_404(selectors.clusters_in_scope(request.user), pk=cluster_id)
    require(request.user, "pledges.create_pledge", cluster)
    form = CreatePledgeForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Hãy nhập tiêu đề giao ước."))
        return redirect(f"{reverse('pledges:list')}?nam={cluster.year}")
    try:
        pledge = create_pledge(
            cluster=cluster,
            by=request.user,
            title=form.cleaned_data["title"],
            deadline=form.cleaned_data["deadline"],
        )
    except PledgeError as exc:
        messages.error(request, str(exc))
        return redirect(f"{reverse('pledges:list')}?nam={cluster.year}")
    messages.success(request, _("Đã lập dự thảo giao ước."))
    return redirect("pledges:detail", pledge.pk)


@require_GET
@login_required
def pledge_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A pledge's status: a version's content, who signed when, who is pending, history."""
    pledge = _pledge(request, pk)
    require(request.user, "pledges.view_pledges")
    versions = list(pledge.versions.order_by("-number"))
    number = int_or(request.GET.get("ban"), versions[0].number)
    version = next((v for v in versions if v.number == number), None)
    if version is None:
        raise Http404
    show_history = authorize(request.user, "pledges.view_history", pledge)
    slots = list(selectors.version_slots(version))
    # The user's own unit and the units they head elsewhere (a commune's, at the province).
    own_unit_ids = {
        request.user.unit_id,
        *headed_units(request.user, clock.today()).values_list("pk", flat=True),
    }
    context = {
        "pledge": pledge,
        "cluster": pledge.cluster,
        "version": version,
        "versions": versions,
        "is_latest": version.number == versions[0].number,
        "slots": slots,
        # The user's unit's slot: once signed, the page says when instead of offering to sign.
        "own_slot": next((slot for slot in slots if slot.unit_id in own_unit_ids), None),
        "items": version.items.select_related("target"),
        "activities": version.activities.all(),
        "comments": version.comments.select_related("author", "unit"),
        "can_manage": authorize(request.user, "pledges.manage_pledge", pledge),
        "can_comment": authorize(request.user, "pledges.comment_pledge", pledge),
        "can_sign": authorize(request.user, "pledges.sign_pledge", version),
        "events": pledge.events.select_related("actor", "unit").order_by("-sequence")
        if show_history
        else None,
        "broken_event": first_broken_event(pledge.pk) if show_history else None,
        "comment_form": CommentForm(),
        "reason_form": ReasonForm(),
    }
    return render(request, "emulation/pledges/pledge_detail.html", context)


@require_POST
@login_required
def pledge_open(request: HttpRequest, pk: int) -> HttpResponse:
    pledge = _pledge(request, pk)
    require(request.user, "pledges.manage_pledge", pledge)
    try:
        open_for_signature(version=latest_version(pledge), by=request.user)
    except TransitionRefused as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request, _("Đã mở ký. Văn bản ký đang được tạo; các đơn vị ký khi tạo xong.")
        )
    return redirect("pledges:detail", pledge.pk)


@require_POST
@login_required
def pledge_amend(request: HttpRequest, pk: int) -> HttpResponse:
    pledge = _pledge(request, pk)
    require(request.user, "pledges.manage_pledge", pledge)
    form = ReasonForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Hãy ghi lý do sửa đổi."))
        return redirect("pledges:detail", pledge.pk)
    try:
        amend_pledge(
            version=latest_version(pledge), by=request.user, reason=form.cleaned_data["reason"]
        )
    except TransitionRefused as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Đã tạo bản sửa đổi; cần mở ký và ký lại."))
    return redirect("pledges:detail", pledge.pk)


@require_POST
@login_required
def pledge_comment(request: HttpRequest, pk: int) -> HttpResponse:
    pledge = _pledge(request, pk)
    require(request.user, "pledges.comment_pledge", pledge)
    form = CommentForm(request.POST)
    if form.is_valid():
        try:
            add_comment(
                version=latest_version(pledge), user=request.user, text=form.cleaned_data["text"]
            )
        except PledgeError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("Đã gửi góp ý."))
    else:
        messages.error(request, _("Hãy nhập nội dung góp ý."))
    return redirect("pledges:detail", pledge.pk)


# The draft editor ----------------------------------------------------------------------------


def _editable(request, pk: int):
    """The pledge (scope → 404, manage_pledge → 403) and its latest version."""
    pledge = _pledge(request, pk)
    require(request.user, "pledges.manage_pledge", pledge)
    return pledge, latest_version(pledge)


def _refused(request, pledge, message) -> HttpResponse:
    messages.error(request, str(message))
    return redirect("pledges:detail", pledge.pk)


def _render_editor(request, pledge, version, *, failed=None, status=200) -> HttpResponse:
    """The editor page. `failed` is the bound form that did not validate, shown with its
    errors in place of the blank one of the same prefix."""
    targets = pledge_targets(pledge.cluster)

    def form_for(prefix, make):
        return failed if failed is not None and failed.prefix == prefix else make(prefix)

    items = list(version.items.select_related("target"))
    for item in items:
        item.form = form_for(
            f"item-{item.pk}",
            lambda prefix, item=item: PledgeItemForm(
                initial={
                    "section": item.section,
                    "text": item.text,
                    "target": item.target_id,
                    "sort_order": item.sort_order,
                },
                targets=targets,
                prefix=prefix,
            ),
        )
    activities = list(version.activities.all())
    for activity in activities:
        activity.form = form_for(
            f"activity-{activity.pk}",
            lambda prefix, activity=activity: PledgeActivityForm(
                initial={
                    "kind": activity.kind,
                    "title": activity.title,
                    "date": activity.date,
                    "place": activity.place,
                },
                prefix=prefix,
            ),
        )
    context = {
        "pledge": pledge,
        "cluster": pledge.cluster,
        "version": version,
        "items": items,
        "activities": activities,
        "header_form": form_for(
            "header",
            lambda prefix: DraftHeaderForm(
                initial={"title": version.title, "slogan": version.slogan}, prefix=prefix
            ),
        ),
        "new_item_form": form_for(
            "new-item", lambda prefix: PledgeItemForm(targets=targets, prefix=prefix)
        ),
        "new_activity_form": form_for(
            "new-activity", lambda prefix: PledgeActivityForm(prefix=prefix)
        ),
    }
    return render(request, "emulation/pledges/editor.html", context, status=status)


@require_http_methods(["GET", "POST"])
@login_required
def pledge_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """The draft editor: title and slogan (POST here), commitments and activities."""
    pledge, version = _editable(request, pk)
    if version.status != VersionStatus.DRAFT:
        return _refused(request, pledge, FROZEN_MESSAGE)
    if request.method == "GET":
        return _render_editor(request, pledge, version)
    form = DraftHeaderForm(request.POST, prefix="header")
    if not form.is_valid():
        return _render_editor(request, pledge, version, failed=form, status=400)
    try:
        update_draft(version=version, by=request.user, **form.cleaned_data)
    except PledgeError as exc:
        return _refused(request, pledge, exc)
    messages.success(request, _("Đã lưu tiêu đề và khẩu hiệu."))
    return redirect("pledges:edit", pledge.pk)


def _save_row(request, pk, row_id, *, rows, name, make_form, save, saved) -> HttpResponse:
    """Add a commitment or an activity (no `row_id`) or change one: `rows` picks the
    version's related rows, `make_form(data, prefix, pledge)` builds the form, `save` is the
    service taking the row under `name`."""
    pledge, version = _editable(request, pk)
    row = get_object_or_404(rows(version), pk=row_id) if row_id else None
    if version.status != VersionStatus.DRAFT:
        return _refused(request, pledge, FROZEN_MESSAGE)
    prefix = f"{name}-{row_id}" if row_id else f"new-{name}"
    form = make_form(request.POST, prefix, pledge)
    if not form.is_valid():
        return _render_editor(request, pledge, version, failed=form, status=400)
    try:
        save(version=version, by=request.user, **{name: row}, **form.cleaned_data)
    except PledgeError as exc:
        return _refused(request, pledge, exc)
    messages.success(request, saved)
    return redirect("pledges:edit", pledge.pk)


def _delete_row(request, pk, row_id, *, rows, name, delete, deleted) -> HttpResponse:
    pledge, version = _editable(request, pk)
    row = get_object_or_404(rows(version), pk=row_id)
    try:
        delete(version=version, by=request.user, **{name: row})
    except PledgeError as exc:
        return _refused(request, pledge, exc)
    messages.success(request, deleted)
    return redirect("pledges:edit", pledge.pk)


def _items_of(version):
    return version.items.all()


def _activities_of(version):
    return version.activities.all()


@require_POST
@login_required
def item_save(request: HttpRequest, pk: int, item_id: int | None = None) -> HttpResponse:
    return _save_row(
        request,
        pk,
        item_id,
        rows=_items_of,
        name="item",
        make_form=lambda data, prefix, pledge: PledgeItemForm(
            data, targets=pledge_targets(pledge.cluster), prefix=prefix
        ),
        save=save_item,
        saved=_("Đã lưu nội dung cam kết."),
    )


@require_POST
@login_required
def item_delete(request: HttpRequest, pk: int, item_id: int) -> HttpResponse:
    return _delete_row(
        request,
        pk,
        item_id,
        rows=_items_of,
        name="item",
        delete=delete_item,
        deleted=_("Đã xóa nội dung cam kết."),
    )


@require_POST
@login_required
def activity_save(request: HttpRequest, pk: int, activity_id: int | None = None) -> HttpResponse:
    return _save_row(
        request,
        pk,
        activity_id,
        rows=_activities_of,
        name="activity",
        make_form=lambda data, prefix, pledge: PledgeActivityForm(data, prefix=prefix),
        save=save_activity,
        saved=_("Đã lưu hoạt động của cụm."),
    )


@require_POST
@login_required
def activity_delete(request: HttpRequest, pk: int, activity_id: int) -> HttpResponse:
    return _delete_row(
        request,
        pk,
        activity_id,
        rows=_activities_of,
        name="activity",
        delete=delete_activity,
        deleted=_("Đã xóa hoạt động."),
    )
