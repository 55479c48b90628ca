"""Pages of nominations: the unit's list, form and dossier, the reviewer's queue and the
staff's actions on one nomination (appraisal, return, override, public notice, objections).

Thin views: scope (another unit's nomination → 404) → permission (→ 403) → form → one service
→ message → redirect. A refused request becomes a Vietnamese message.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from awards.council.selectors import vote_outcome
from awards.decisions.services import draft_decision
from awards.enums import TIMELINE_STATES, NominationState
from awards.errors import AwardsError, TransitionError
from awards.forms import ReasonForm
from awards.models import Nomination

# `services.propose_exemplary` by its module: the view below has the same name.
from awards.nominations import selectors, services
from awards.nominations.attachments import attach_evidence, remove_evidence
from awards.nominations.forms import (
    AnswerForm,
    AttachmentForm,
    NominationForm,
    NomineeForm,
    ObjectionForm,
    OverrideForm,
)
from awards.nominations.notice import answer_objection, publish_nomination, record_objection
from awards.nominations.services import (
    add_nominee,
    appraise_nomination,
    create_nomination,
    override_verdict,
    remove_nominee,
    return_nomination,
    submit_nomination,
    withdraw_nomination,
)
from awards.submissions.received import readable_attachments
from config import clock
from config.permissions import NotPermitted, authorize, require
from documents import uploads
from emulation.movements.selectors import exemplaries_in_scope
from emulation.params import year_or

NOMINATIONS_PER_PAGE = 50


def _nomination(request, pk: int) -> Nomination:
    nomination = selectors.nomination_detail(request.user, pk)
    if nomination is None:
        raise Http404
    return nomination


@login_required
@require_GET
def nomination_list(request):
    require(request.user, "awards.view_nominations")
    page = Paginator(selectors.nominations_for(request.user), NOMINATIONS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    user = request.user
    records_year = clock.today().year - 1
    can_enter = user.unit_id and authorize(user, "awards.enter_records", user.unit)
    return render(
        request,
        "awards/nomination_list.html",
        {
            "page": page,
            "records_url": reverse("awards:records", args=[user.unit_id, records_year])
            if can_enter
            else "",
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def nomination_create(request):
    require(request.user, "awards.create_nomination")
    form = NominationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        nomination = create_nomination(
            user=request.user, unit=request.user.unit, **form.cleaned_data
        )
        messages.success(request, _("Đã tạo hồ sơ đề nghị khen thưởng."))
        return redirect("awards:nomination_detail", nomination.pk)
    return render(request, "awards/nomination_form.html", {"form": form})


@login_required
@require_POST
def propose_exemplary(request, exemplary_id: int):
    """Propose a Giấy khen for an exemplary story of the user's unit; another unit's story
    answers 404."""
    exemplary = get_object_or_404(exemplaries_in_scope(request.user), pk=exemplary_id)
    require(request.user, "awards.create_nomination")
    try:
        nomination = services.propose_exemplary(exemplary=exemplary, user=request.user)
    except (AwardsError, NotPermitted) as error:
        messages.error(request, str(error))
        return redirect("movements:exemplary_detail", exemplary.pk)
    messages.success(request, _("Đã lập hồ sơ đề nghị tặng Giấy khen; hãy xem lại rồi gửi."))
    return redirect("awards:nomination_detail", nomination.pk)


def _timeline(nomination: Nomination, events: list) -> list[dict]:
    """The unit's simple view: which of the main steps are done, never the deliberation.
    `events` are all the nomination's events."""
    reached = {event.to_state for event in events} | {NominationState.DRAFT}
    if nomination.state in (NominationState.APPROVED, NominationState.REJECTED):
        reached.add(NominationState.IN_COUNCIL)
    return [
        {"label": NominationState(state).label, "done": state in reached}
        for state in TIMELINE_STATES
    ]


@login_required
@require_GET
def nomination_detail(request, pk: int):
    nomination = _nomination(request, pk)
    user = request.user
    state = NominationState(nomination.state)
    # The moves (submit, withdraw, appraise, return, publish) come from the workflow through
    # `{% available_actions %}`; these are the steps that stay in one state.
    sees_deliberation = authorize(user, "awards.view_deliberation", nomination)
    lines = list(nomination.lines.all())
    if sees_deliberation:
        for line in lines:
            line.outcome = vote_outcome(line, nomination.year)
    # One query serves the timeline, the history and the reason of a return.
    events = list(nomination.events.select_related("by").order_by("at", "pk"))
    context = {
        "nomination": nomination,
        "lines": lines,
        "dossier": selectors.dossier(nomination),
        "timeline": _timeline(nomination, events),
        "can_edit": authorize(user, "awards.edit_nomination", nomination),
        "can_appraise": authorize(user, "awards.appraise", nomination),
        "can_override": state == NominationState.APPRAISED
        and authorize(user, "awards.appraise", nomination),
        "notice_open": state == NominationState.PUBLIC_NOTICE,
        "decision_ready": state == NominationState.APPROVED,
        "sees_deliberation": sees_deliberation,
        "history": events,
        "return_reason": next(
            (e.reason for e in reversed(events) if e.to_state == NominationState.RETURNED), None
        )
        if state == NominationState.RETURNED
        else None,
    }
    if context["can_edit"]:
        context["nominee_form"] = NomineeForm(unit=nomination.unit)
        context["attachment_form"] = AttachmentForm(nomination=nomination, auto_id="evidence_%s")
    if context["can_appraise"]:
        context["reason_form"] = ReasonForm()
        # Its reason shares the return form's field name; its own ids keep the labels apart.
        context["override_form"] = OverrideForm(auto_id="override_%s")
        context["objection_form"] = ObjectionForm()
    return render(request, "awards/nomination_detail.html", context)


@login_required
@require_POST
def nominee_add(request, pk: int):
    nomination = _nomination(request, pk)
    require(request.user, "awards.edit_nomination", nomination)
    form = NomineeForm(request.POST, unit=nomination.unit)
    if not form.is_valid():
        messages.error(request, _("Thông tin người, tập thể được đề nghị chưa hợp lệ."))
        return redirect("awards:nomination_detail", nomination.pk)
    try:
        add_nominee(nomination=nomination, user=request.user, **form.cleaned_data)
        messages.success(request, _("Đã thêm vào danh sách đề nghị."))
    except AwardsError as error:
        messages.error(request, str(error))
    return redirect("awards:nomination_detail", nomination.pk)


@login_required
@require_POST
def nominee_remove(request, pk: int, line_id: int):
    nomination = _nomination(request, pk)
    line = get_object_or_404(nomination.lines, pk=line_id)
    require(request.user, "awards.edit_nomination", nomination)
    try:
        remove_nominee(line=line, user=request.user)
        messages.success(
            request, _("Đã bỏ %(name)s khỏi danh sách đề nghị.") % {"name": line.subject_name}
        )
    except AwardsError as error:
        messages.error(request, str(error))
    return redirect("awards:nomination_detail", nomination.pk)


@login_required
@require_POST
def attachment_add(request, pk: int):
    """Attach an evidence file to a draft or returned nomination of the user's unit."""
    nomination = _nomination(request, pk)
    require(request.user, "awards.edit_nomination", nomination)
    form = AttachmentForm(request.POST, request.FILES, nomination=nomination)
    if not form.is_valid():
        problems = "; ".join(
            f"{form.fields[name].label}: {' '.join(errors)}" for name, errors in form.errors.items()
        )
        messages.error(
            request, _("Chưa đính kèm được tệp minh chứng. %(problems)s") % {"problems": problems}
        )
        return redirect("awards:nomination_detail", nomination.pk)
    data = form.cleaned_data
    try:
        attach_evidence(
            nomination=nomination,
            user=request.user,
            title=data["title"],
            upload=data["file"],
            line=data["line"],
        )
        messages.success(request, _("Đã đính kèm “%(title)s”.") % {"title": data["title"].strip()})
    except AwardsError as error:
        messages.error(request, str(error))
    return redirect("awards:nomination_detail", nomination.pk)


@login_required
@require_POST
def attachment_remove(request, pk: int, attachment_id: int):
    nomination = _nomination(request, pk)
    attachment = get_object_or_404(nomination.attachments, pk=attachment_id)
    require(request.user, "awards.edit_nomination", nomination)
    try:
        remove_evidence(attachment=attachment, user=request.user)
        messages.success(request, _("Đã gỡ “%(title)s” khỏi hồ sơ.") % {"title": attachment.title})
    except AwardsError as error:
        messages.error(request, str(error))
    return redirect("awards:nomination_detail", nomination.pk)


@login_required
@require_GET
def attachment_download(request, pk: int, attachment_id: int):
    """An evidence file, for everyone who may read the nomination (another unit's: 404),
    including the subordinate's files of a nominee it sent up."""
    nomination = _nomination(request, pk)
    attachment = get_object_or_404(readable_attachments(nomination), pk=attachment_id)
    return uploads.serve(attachment.file, download_name=slugify(attachment.title) or "minh-chung")


@login_required
@require_POST
def nomination_submit(request, pk: int):
    nomination = _nomination(request, pk)
    require(request.user, "awards.submit_nomination", nomination)
    try:
        submit_nomination(nomination=nomination, user=request.user)
        messages.success(request, _("Đã gửi hồ sơ để thẩm định."))
    except (AwardsError, TransitionError) as error:
        messages.error(
            request,
            str(error)
            if isinstance(error, AwardsError)
            else _("Hồ sơ ở trạng thái này không gửi được."),
        )
    return redirect("awards:nomination_detail", nomination.pk)


@login_required
@require_GET
def review_queue(request):
    require(request.user, "awards.review")
    state = request.GET.get("state", "")
    state = state if state in NominationState.values else ""
    year = year_or(request.GET)
    queue = selectors.reviewer_queue(request.user, state=state, year=year)
    page = Paginator(queue, NOMINATIONS_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "awards/review_queue.html",
        {"page": page, "states": NominationState.choices, "state": state, "year": year or ""},
    )


@login_required
@require_POST
def review_bulk_appraise(request):
    """Bulk action of the queue: appraise every selected nomination that awaits appraisal;
    each one succeeds or fails on its own."""
    require(request.user, "awards.appraise")
    ids = [int(value) for value in request.POST.getlist("nomination") if value.isdigit()]
    selected = selectors.reviewer_queue(request.user, state=NominationState.SUBMITTED).filter(
        pk__in=ids
    )
    done = 0
    for nomination in selected:
        try:
            appraise_nomination(nomination=nomination, user=request.user)
            done += 1
        except AwardsError as error:
            messages.error(request, f"{nomination.title}: {error}")
    messages.success(request, _("Đã thẩm định %(count)s hồ sơ.") % {"count": done})
    return redirect("awards:review_queue")


@login_required
@require_POST
def nomination_review(request, pk: int, action: str):
    """Staff actions on one nomination: appraise, return, override, publish, draft decision."""
    nomination = _nomination(request, pk)
    require(request.user, "awards.appraise", nomination)
    user, today = request.user, clock.today()
    try:
        if action == "appraise":
            appraise_nomination(nomination=nomination, user=user)
            messages.success(request, _("Đã thẩm định hồ sơ."))
        elif action == "return":
            form = ReasonForm(request.POST)
            reason = form.cleaned_data["reason"] if form.is_valid() else ""
            return_nomination(nomination=nomination, user=user, reason=reason)
            messages.success(request, _("Đã trả lại hồ sơ cho đơn vị."))
        elif action == "override":
            form = OverrideForm(request.POST)
            if not form.is_valid():
                raise AwardsError(_("Cần ghi lý do điều chỉnh kết quả thẩm định."))
            override_verdict(nomination=nomination, user=user, **form.cleaned_data)
            messages.success(request, _("Đã điều chỉnh kết quả thẩm định."))
        elif action == "publish":
            publish_nomination(nomination=nomination, user=user, day=today)
            messages.success(request, _("Đã công khai danh sách đề nghị."))
        elif action == "objection":
            form = ObjectionForm(request.POST)
            if not form.is_valid():
                raise AwardsError(_("Cần ghi nội dung ý kiến."))
            record_objection(
                nomination=nomination, user=user, text=form.cleaned_data["text"], day=today
            )
            messages.success(request, _("Đã ghi nhận ý kiến phản ánh."))
        elif action == "answer":
            form = AnswerForm(request.POST)
            objection = (
                nomination.objections.filter(pk=form.cleaned_data["objection"]).first()
                if form.is_valid()
                else None
            )
            if objection is None:
                raise AwardsError(_("Cần ghi nội dung trả lời."))
            answer_objection(objection=objection, user=user, answer=form.cleaned_data["answer"])
            messages.success(request, _("Đã trả lời ý kiến."))
        elif action == "draft-decision":
            decision = draft_decision(
                user=user,
                year=nomination.year,
                lines=nomination.lines.filter(approved=True).select_related("award", "nomination"),
            )
            messages.success(request, _("Đã lập dự thảo quyết định."))
            return redirect("awards:decision_detail", decision.pk)
        else:
            raise Http404
    except AwardsError as error:
        messages.error(request, str(error))
    except TransitionError:
        messages.error(request, _("Hồ sơ ở trạng thái này không thực hiện được thao tác."))
    return redirect("awards:nomination_detail", nomination.pk)


@login_required
@require_POST
def nomination_withdraw(request, pk: int):
    nomination = get_object_or_404(selectors.nominations_for(request.user), pk=pk)
    require(request.user, "awards.withdraw_nomination", nomination)
    form = ReasonForm(request.POST)
    try:
        withdraw_nomination(
            nomination=nomination,
            user=request.user,
            reason=form.cleaned_data["reason"] if form.is_valid() else "",
        )
        messages.success(request, _("Đã rút hồ sơ."))
    except TransitionError:
        messages.error(request, _("Hồ sơ ở trạng thái này không rút được."))
    except AwardsError as error:
        messages.error(request, str(error))
    return redirect("awards:nomination_detail", nomination.pk)
