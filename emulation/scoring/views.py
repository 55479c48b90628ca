"""Pages of cluster scoring: rounds, a round's ranking, a sheet with its score versions, the
scoring forms and the moves of the sheet, and the ranking's xlsx and PDF.

Thin views: scope (a round or sheet the user may not read → 404) → permission (→ 403) →
form → one service call → message → redirect.
"""

from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from config.permissions import authorize, require
from config.workflow import TransitionRefused
from documents.services import request_document
from emulation.scoring import hooks, selectors
from emulation.scoring.documents import RANKING_DOCUMENT_KIND
from emulation.scoring.enums import Method, SheetState, Stage
from emulation.scoring.exports import ranking_xlsx
from emulation.scoring.forms import MoveForm, ScoreForm
from emulation.scoring.services import ScoreInput, move_sheet, record_scores

STAGE_PERMS = {
    Stage.SELF: "scoring.score_self",
    Stage.CROSS: "scoring.score_cross",
    Stage.FINAL: "scoring.score_final",
}
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _round(request, pk: int):
    require(request.user, "scoring.view_rounds")
    return get_object_or_404(selectors.rounds_for(request.user), pk=pk)


def _sheet(request, pk: int):
    require(request.user, "scoring.view_rounds")
    sheet = selectors.sheet_for(request.user, pk)
    if sheet is None:
        raise Http404
    return sheet


def _stage_for(user, sheet) -> Stage | None:
    for stage, perm in STAGE_PERMS.items():
        if authorize(user, perm, sheet):
            return stage
    return None


@require_GET
@login_required
def round_list(request: HttpRequest) -> HttpResponse:
    require(request.user, "scoring.view_rounds")
    return render(
        request,
        "emulation/scoring/round_list.html",
        {"rounds": selectors.rounds_for(request.user)},
    )


@require_GET
@login_required
def round_detail(request: HttpRequest, pk: int) -> HttpResponse:
    scoring_round = _round(request, pk)
    context = {
        "round": scoring_round,
        "cluster": scoring_round.table.cluster,
        "rows": selectors.ranking(scoring_round),
        "sheets": selectors.visible_sheets(request.user, scoring_round),
        "max_total": selectors.max_total(scoring_round.table),
        # What other apps show here (the cluster's vote), registered through the hook.
        "panels": hooks.round_panels(scoring_round, request),
    }
    return render(request, "emulation/scoring/round_detail.html", context)


@require_GET
@login_required
def sheet_detail(request: HttpRequest, pk: int) -> HttpResponse:
    sheet = _sheet(request, pk)
    return render(request, "emulation/scoring/sheet_detail.html", _sheet_context(request, sheet))


def _sheet_context(request, sheet, form=None):
    latest = selectors.latest_entries(sheet)
    items = list(sheet.round.table.items.select_related("group"))
    rows = [
        {
            "item": item,
            "self": latest.get((item.pk, Stage.SELF)),
            "cross": latest.get((item.pk, Stage.CROSS)),
            "final": latest.get((item.pk, Stage.FINAL)),
        }
        for item in items
    ]
    stage = _stage_for(request.user, sheet)
    if form is None and stage is not None:
        initial = {}
        for item in items:
            entry = selectors.effective_entry(latest, item.pk)
            if entry is not None and item.method != Method.TARGET:
                initial[item.pk] = entry.value
        form = ScoreForm(items=items, stage=stage, initial_values=initial)
    return {
        "sheet": sheet,
        "round": sheet.round,
        "rows": rows,
        "totals": selectors.sheet_totals(sheet, latest),
        "stage": stage,
        "form": form,
        "move_form": MoveForm(),
        "may_move": authorize(request.user, "scoring.move_sheet", sheet),
        "events": sheet.events.select_related("by"),
        "states": SheetState,
    }


@require_POST
@login_required
def sheet_score(request: HttpRequest, pk: int) -> HttpResponse:
    sheet = _sheet(request, pk)
    stage = _stage_for(request.user, sheet)
    if stage is None:
        raise PermissionDenied
    items = list(sheet.round.table.items.all())
    form = ScoreForm(request.POST, request.FILES, items=items, stage=stage)
    if not form.is_valid():
        messages.error(request, _("Dữ liệu chưa hợp lệ, vui lòng kiểm tra các ô được đánh dấu."))
        return render(
            request,
            "emulation/scoring/sheet_detail.html",
            _sheet_context(request, sheet, form),
            status=400,
        )
    scores = {}
    for item in form.items:
        value = form.cleaned_data[f"value_{item.pk}"]
        if value in ("", None):
            continue
        scores[item.pk] = ScoreInput(
            value=Decimal(value) if isinstance(value, str) else value,
            note=form.cleaned_data[f"note_{item.pk}"],
            evidence=form.cleaned_data.get(f"evidence_{item.pk}"),
        )
    try:
        written = record_scores(sheet=sheet, user=request.user, stage=stage, scores=scores)
    except TransitionRefused as exc:
        messages.error(request, str(exc))
        return render(
            request,
            "emulation/scoring/sheet_detail.html",
            _sheet_context(request, sheet, form),
            status=400,
        )
    messages.success(request, _("Đã lưu %(count)s điểm.") % {"count": len(written)})
    return redirect("scoring:sheet", sheet.pk)


@require_POST
@login_required
def sheet_move(request: HttpRequest, pk: int) -> HttpResponse:
    sheet = _sheet(request, pk)
    require(request.user, "scoring.move_sheet", sheet)
    form = MoveForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Yêu cầu không hợp lệ."))
        return redirect("scoring:sheet", sheet.pk)
    to = SheetState(form.cleaned_data["to"])
    try:
        move_sheet(sheet=sheet, to=to, user=request.user, reason=form.cleaned_data["reason"])
    except TransitionRefused as exc:
        messages.error(request, str(exc))
        return redirect("scoring:sheet", sheet.pk)
    messages.success(request, _("Phiếu đã chuyển sang “%(state)s”.") % {"state": to.label})
    return redirect("scoring:sheet", sheet.pk)


@require_GET
@login_required
def ranking_export(request: HttpRequest, pk: int) -> HttpResponse:
    scoring_round = _round(request, pk)
    cluster = scoring_round.table.cluster
    response = HttpResponse(
        ranking_xlsx(scoring_round, selectors.ranking(scoring_round)), content_type=XLSX
    )
    response["Content-Disposition"] = (
        f'attachment; filename="xep-hang-{cluster.code}-{cluster.year}-{scoring_round.kind}.xlsx"'
    )
    return response


@require_POST
@login_required
def ranking_print(request: HttpRequest, pk: int) -> HttpResponse:
    scoring_round = _round(request, pk)
    job = request_document(
        kind=RANKING_DOCUMENT_KIND, params={"round_id": scoring_round.pk}, user=request.user
    )
    messages.success(
        request,
        _("Đã xếp hàng tạo bảng xếp hạng PDF. Tệp sẽ tải về được ở trang này khi tạo xong."),
    )
    return redirect("documents:job_detail", job.pk)
