"""Pages of the awards feature: nominations for units, the reviewer queue for staff, the
council's ballot for members, the decision page for the chairperson.

Thin views: scope (another unit's nomination → 404) → permission (→ 403) → form → one service
→ message → redirect. A refused request becomes a Vietnamese message.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from awards import selectors, services
from awards.enums import (
    NOMINATION_TRANSITIONS,
    TIMELINE_STATES,
    DecisionStatus,
    DutyRating,
    NominationState,
    SubmissionStatus,
)
from awards.forms import (
    AnswerForm,
    BallotForm,
    NominationForm,
    NomineeForm,
    ObjectionForm,
    OverrideForm,
    ReasonForm,
    SessionForm,
    SubmissionForm,
    SuperiorDecisionForm,
    SuperiorRefusalForm,
)
from awards.imports import check_records_file, export_records
from awards.models import BallotCast, CouncilMembership, Nomination, Submission
from config.permissions import authorize, require
from documents.services import request_document
from emulation.movements.selectors import exemplaries_in_scope
from emulation.params import year_or
from emulation.selectors import units_in_scope
from emulation.targets.imports import ImportRejected, receive_spreadsheet

PER_PAGE = 50


def _nomination(request, pk: int) -> Nomination:
    nomination = selectors.nomination_detail(request.user, pk)
    if nomination is None:
        raise Http404
    return nomination


def _refused(request, error: services.AwardsError) -> None:
    messages.error(request, str(error))


@login_required
@require_GET
def nomination_list(request):
    require(request.user, "awards.view_nominations")
    page = Paginator(selectors.nominations_for(request.user), PER_PAGE).get_page(
        request.GET.get("page")
    )
    user = request.user
    records_year = timezone.localdate().year - 1
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
        nomination = services.create_nomination(
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
    except services.AwardsError as error:
        _refused(request, error)
        return redirect("movements:exemplary_detail", exemplary.pk)
    messages.success(request, _("Đã lập hồ sơ đề nghị tặng Giấy khen; hãy xem lại rồi gửi."))
    return redirect("awards:nomination_detail", nomination.pk)


def _timeline(nomination: Nomination) -> list[dict]:
    """The unit's simple view: which of the main steps are done, never the deliberation."""
    reached = {event.to_state for event in nomination.events.all()} | {NominationState.DRAFT}
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
    context = {
        "nomination": nomination,
        "lines": nomination.lines.all(),
        "timeline": _timeline(nomination),
        "can_edit": authorize(user, "awards.edit_nomination", nomination),
        "can_submit": authorize(user, "awards.submit_nomination", nomination)
        and nomination.state in (NominationState.DRAFT, NominationState.RETURNED),
        "can_appraise": authorize(user, "awards.appraise", nomination),
        "can_withdraw": authorize(user, "awards.withdraw_nomination", nomination)
        and NominationState.WITHDRAWN in NOMINATION_TRANSITIONS[NominationState(nomination.state)],
        "sees_deliberation": authorize(user, "awards.view_deliberation", nomination),
        "history": nomination.events.select_related("by").order_by("at", "pk"),
        "return_reason": nomination.events.filter(to_state=NominationState.RETURNED)
        .order_by("-at", "-pk")
        .values_list("reason", flat=True)
        .first(),
    }
    if context["can_edit"]:
        context["nominee_form"] = NomineeForm(unit=nomination.unit)
    if context["can_appraise"]:
        context["reason_form"] = ReasonForm()
        context["override_form"] = OverrideForm()
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
        services.add_nominee(nomination=nomination, user=request.user, **form.cleaned_data)
        messages.success(request, _("Đã thêm vào danh sách đề nghị."))
    except services.AwardsError as error:
        _refused(request, error)
    return redirect("awards:nomination_detail", nomination.pk)


@login_required
@require_POST
def nomination_submit(request, pk: int):
    nomination = _nomination(request, pk)
    require(request.user, "awards.submit_nomination", nomination)
    try:
        services.submit_nomination(nomination=nomination, user=request.user)
        messages.success(request, _("Đã gửi hồ sơ để thẩm định."))
    except (services.AwardsError, services.TransitionError) as error:
        messages.error(
            request,
            str(error)
            if isinstance(error, services.AwardsError)
            else _("Hồ sơ ở trạng thái này không gửi được."),
        )
    return redirect("awards:nomination_detail", nomination.pk)


@login_required
@require_GET
def review_queue(request):
    require(request.user, "awards.review")
    state = request.GET.get("state", "")
    state = state if state in NominationState.values else ""
    year = year_or(request.GET.get("year"))
    queue = selectors.reviewer_queue(request.user, state=state, year=year)
    page = Paginator(queue, PER_PAGE).get_page(request.GET.get("page"))
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
            services.appraise_nomination(nomination=nomination, user=request.user)
            done += 1
        except services.AwardsError as error:
            messages.error(request, f"{nomination.title}: {error}")
    messages.success(request, _("Đã thẩm định %(count)s hồ sơ.") % {"count": done})
    return redirect("awards:review_queue")


@login_required
@require_POST
def nomination_review(request, pk: int, action: str):
    """Staff actions on one nomination: appraise, return, override, publish, draft decision."""
    nomination = _nomination(request, pk)
    require(request.user, "awards.appraise", nomination)
    user, today = request.user, timezone.localdate()
    try:
        if action == "appraise":
            services.appraise_nomination(nomination=nomination, user=user)
            messages.success(request, _("Đã thẩm định hồ sơ."))
        elif action == "return":
            form = ReasonForm(request.POST)
            reason = form.cleaned_data["reason"] if form.is_valid() else ""
            services.return_nomination(nomination=nomination, user=user, reason=reason)
            messages.success(request, _("Đã trả lại hồ sơ cho đơn vị."))
        elif action == "override":
            form = OverrideForm(request.POST)
            if not form.is_valid():
                raise services.AwardsError(_("Cần ghi lý do điều chỉnh kết quả thẩm định."))
            services.override_verdict(nomination=nomination, user=user, **form.cleaned_data)
            messages.success(request, _("Đã điều chỉnh kết quả thẩm định."))
        elif action == "publish":
            services.publish_nomination(nomination=nomination, user=user, day=today)
            messages.success(request, _("Đã công khai danh sách đề nghị."))
        elif action == "objection":
            form = ObjectionForm(request.POST)
            if not form.is_valid():
                raise services.AwardsError(_("Cần ghi nội dung ý kiến."))
            services.record_objection(
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
                raise services.AwardsError(_("Cần ghi nội dung trả lời."))
            services.answer_objection(
                objection=objection, user=user, answer=form.cleaned_data["answer"]
            )
            messages.success(request, _("Đã trả lời ý kiến."))
        elif action == "draft-decision":
            decision = services.draft_decision(
                user=user,
                year=nomination.year,
                title=nomination.title,
                lines=nomination.lines.filter(approved=True).select_related("award", "nomination"),
            )
            messages.success(request, _("Đã lập dự thảo quyết định."))
            return redirect("awards:decision_detail", decision.pk)
        else:
            raise Http404
    except services.AwardsError as error:
        _refused(request, error)
    except services.TransitionError:
        messages.error(request, _("Hồ sơ ở trạng thái này không thực hiện được thao tác."))
    return redirect("awards:nomination_detail", nomination.pk)


@login_required
@require_GET
def ballot_list(request):
    """The member's ballots: nominations of their open sessions, voted or not."""
    require(request.user, "awards.vote")
    return render(request, "awards/ballot_list.html", {"rows": selectors.ballots_for(request.user)})


@login_required
@require_http_methods(["GET", "POST"])
def vote(request, pk: int):
    """The secret ballot of one nomination for a council member of its session."""
    nomination = _nomination(request, pk)
    user = request.user
    require(user, "awards.vote", nomination)
    session = nomination.council_session
    if (
        nomination.state != NominationState.IN_COUNCIL
        or session is None
        or not CouncilMembership.objects.filter(session=session, user=user).exists()
    ):
        raise Http404
    already = BallotCast.objects.filter(nomination=nomination, member=user).exists()
    lines = list(nomination.lines.all())
    form = BallotForm(request.POST or None, lines=lines)
    if request.method == "POST":
        if already:
            raise PermissionDenied
        if form.is_valid():
            try:
                services.cast_ballot(nomination=nomination, member=user, choices=form.choices())
                messages.success(request, _("Đã ghi nhận phiếu của bạn. Phiếu được giữ bí mật."))
                return redirect("awards:vote", nomination.pk)
            except services.AwardsError as error:
                _refused(request, error)
    return render(
        request,
        "awards/vote.html",
        {"nomination": nomination, "form": form, "already": already, "session": session},
    )


@login_required
@require_GET
def decision_detail(request, pk: int):
    require(request.user, "awards.view_decisions")
    decision = get_object_or_404(selectors.decisions_for(request.user), pk=pk)
    lines = list(selectors.decision_lines(decision))
    return render(
        request,
        "awards/decision_detail.html",
        {
            "decision": decision,
            "lines": lines,
            "total": sum((line.amount or 0) for line in lines),
            "recoveries": selectors.recovery_list(decision),
            "can_sign": authorize(request.user, "awards.sign_decision")
            and decision.status == DecisionStatus.DRAFT,
            "can_revoke": authorize(request.user, "awards.revoke_decision")
            and decision.status == DecisionStatus.SIGNED,
            "reason_form": ReasonForm(),
            "certificates": selectors.certificates_for(request.user)
            .filter(decision_line__decision=decision)
            .order_by("gold_book_number"),
            "can_print_certificates": authorize(request.user, "awards.print_certificates")
            and decision.status == DecisionStatus.SIGNED,
        },
    )


@login_required
@require_POST
def decision_sign(request, pk: int):
    require(request.user, "awards.view_decisions")
    decision = get_object_or_404(selectors.decisions_for(request.user), pk=pk)
    require(request.user, "awards.sign_decision", decision)
    try:
        decision = services.sign_decision(
            decision=decision, user=request.user, day=timezone.localdate()
        )
        messages.success(
            request, _("Đã ký quyết định số %(reference)s.") % {"reference": decision.reference}
        )
    except services.AwardsError as error:
        _refused(request, error)
    return redirect("awards:decision_detail", decision.pk)


@login_required
@require_POST
def decision_revoke(request, pk: int):
    require(request.user, "awards.view_decisions")
    decision = get_object_or_404(selectors.decisions_for(request.user), pk=pk)
    require(request.user, "awards.revoke_decision", decision)
    form = ReasonForm(request.POST)
    try:
        services.revoke_decision(
            decision=decision,
            user=request.user,
            reason=form.cleaned_data["reason"] if form.is_valid() else "",
            day=timezone.localdate(),
        )
        messages.success(request, _("Đã hủy bỏ quyết định."))
    except services.AwardsError as error:
        _refused(request, error)
    return redirect("awards:decision_detail", decision.pk)


@login_required
@require_POST
def decision_print(request, pk: int):
    require(request.user, "awards.view_decisions")
    decision = get_object_or_404(selectors.decisions_for(request.user), pk=pk)
    job = request_document(
        kind="award_decision", params={"decision": decision.pk}, user=request.user
    )
    messages.success(request, _("Đã xếp hàng tạo tệp quyết định."))
    return redirect("documents:job_detail", job.pk)


@login_required
@require_http_methods(["GET", "POST"])
def session_list(request):
    """Council sessions of the authority, and a form to open one."""
    require(request.user, "awards.manage_council")
    form = SessionForm(request.POST or None, members=selectors.council_candidates(request.user))
    if request.method == "POST" and form.is_valid():
        session = services.create_session(user=request.user, **form.cleaned_data)
        messages.success(request, _("Đã tạo phiên họp Hội đồng."))
        return redirect("awards:session_detail", session.pk)
    return render(
        request,
        "awards/session_list.html",
        {"sessions": selectors.sessions_for(request.user), "form": form},
    )


@login_required
@require_GET
def session_detail(request, pk: int):
    require(request.user, "awards.manage_council")
    session = get_object_or_404(selectors.sessions_for(request.user), pk=pk)
    return render(
        request,
        "awards/session_detail.html",
        {
            "session": session,
            "memberships": session.memberships.select_related("user", "user__unit"),
            "agenda": session.nominations.select_related("unit").prefetch_related("lines__award"),
            "candidates": selectors.ready_for_council(session),
        },
    )


@login_required
@require_POST
def session_action(request, pk: int, action: str):
    """Staff actions on a session: agenda, attendance, close, minutes."""
    require(request.user, "awards.manage_council")
    session = get_object_or_404(selectors.sessions_for(request.user), pk=pk)
    try:
        if action == "agenda":
            nomination = (
                selectors.ready_for_council(session)
                .filter(pk=request.POST.get("nomination") or 0)
                .first()
            )
            if nomination is None:
                raise Http404
            services.send_to_council(
                nomination=nomination, user=request.user, session=session, day=timezone.localdate()
            )
            messages.success(request, _("Đã đưa hồ sơ vào phiên họp."))
        elif action == "attendance":
            membership = session.memberships.filter(pk=request.POST.get("membership") or 0).first()
            if membership is None:
                raise Http404
            services.set_attendance(
                session=session, member=membership.user, present=request.POST.get("present") == "1"
            )
            messages.success(request, _("Đã cập nhật điểm danh."))
        elif action == "close":
            services.close_session(session=session, user=request.user)
            messages.success(request, _("Đã kiểm phiếu và kết thúc phiên họp."))
        elif action == "minutes":
            job = request_document(
                kind="council_minutes", params={"session": session.pk}, user=request.user
            )
            messages.success(request, _("Đã xếp hàng tạo biên bản họp."))
            return redirect("documents:job_detail", job.pk)
        else:
            raise Http404
    except services.AwardsError as error:
        _refused(request, error)
    return redirect("awards:session_detail", session.pk)


@login_required
@require_GET
def history(request):
    """Award history (lịch sử khen thưởng) of people and units in scope, searchable."""
    require(request.user, "awards.view_nominations")
    search = request.GET.get("q", "").strip()[:100]
    year = year_or(request.GET.get("year"))
    titles = selectors.award_history(request.user, search=search, year=year)
    page = Paginator(titles, PER_PAGE).get_page(request.GET.get("page"))
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
            count = services.save_year_records(
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
        except services.AwardsError as error:
            _refused(request, error)
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
        count = services.save_year_records(
            unit=unit, year=year, user=request.user, unit_rating="", entries=entries
        )
        messages.success(request, _("Đã nhập kết quả năm của %(count)s người.") % {"count": count})
    except ImportRejected as rejected:
        for issue in rejected.issues[:20]:
            messages.error(request, str(issue))
    except services.AwardsError as error:
        _refused(request, error)
    return redirect("awards:records", unit.pk, year)


@login_required
@require_GET
def decision_list(request):
    require(request.user, "awards.view_decisions")
    decisions = selectors.decisions_for(request.user).order_by("-created_at", "-pk")
    page = Paginator(decisions, PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "awards/decision_list.html", {"page": page})


@login_required
@require_POST
def nomination_withdraw(request, pk: int):
    nomination = get_object_or_404(selectors.nominations_for(request.user), pk=pk)
    require(request.user, "awards.withdraw_nomination", nomination)
    form = ReasonForm(request.POST)
    try:
        services.withdraw_nomination(
            nomination=nomination,
            user=request.user,
            reason=form.cleaned_data["reason"] if form.is_valid() else "",
        )
        messages.success(request, _("Đã rút hồ sơ."))
    except services.TransitionError:
        messages.error(request, _("Hồ sơ ở trạng thái này không rút được."))
    except services.AwardsError as error:
        _refused(request, error)
    return redirect("awards:nomination_detail", nomination.pk)


def _submission(request, pk: int, perm: str) -> Submission:
    """Another authority's submission → 404, then a missing `perm` → 403."""
    submission = get_object_or_404(selectors.submissions_for(request.user), pk=pk)
    require(request.user, perm, submission)
    return submission


@login_required
@require_GET
def submission_list(request):
    """Submissions (tờ trình) to the superior, newest first."""
    require(request.user, "awards.view_submissions")
    submissions = selectors.submissions_for(request.user).order_by("-created_at", "-pk")
    page = Paginator(submissions, PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "awards/submission_list.html",
        {"page": page, "can_draft": authorize(request.user, "awards.draft_submission")},
    )


@login_required
@require_http_methods(["GET", "POST"])
def submission_create(request):
    """Staff choose the approved nominees whose award the superior decides."""
    require(request.user, "awards.draft_submission")
    candidates = {line.pk: line for line in selectors.forwardable_lines(request.user)}
    form = SubmissionForm(request.POST or None, lines=candidates.values())
    if request.method == "POST":
        if form.is_valid():
            try:
                submission = services.draft_submission(
                    user=request.user,
                    year=form.cleaned_data["year"],
                    title=form.cleaned_data["title"],
                    lines=[candidates[pk] for pk in form.cleaned_data["lines"]],
                )
                messages.success(request, _("Đã lập dự thảo tờ trình."))
                return redirect("awards:submission_detail", submission.pk)
            except services.AwardsError as error:
                _refused(request, error)
        else:
            messages.error(request, _("Vui lòng kiểm tra các trường được đánh dấu."))
    return render(
        request, "awards/submission_form.html", {"form": form, "has_candidates": bool(candidates)}
    )


@login_required
@require_GET
def submission_detail(request, pk: int):
    submission = _submission(request, pk, "awards.view_submissions")
    user = request.user
    nominations = selectors.submission_nominations(submission)
    can_record = (
        authorize(user, "awards.record_superior_outcome")
        and submission.status == SubmissionStatus.SIGNED
    )
    return render(
        request,
        "awards/submission_detail.html",
        {
            "submission": submission,
            "lines": selectors.submission_lines(submission),
            "nominations": [
                {
                    "nomination": nomination,
                    "open": can_record and nomination.state == NominationState.FORWARDED,
                    "decision_form": SuperiorDecisionForm(
                        initial={"nomination": nomination.pk}, auto_id=f"decided-{nomination.pk}-%s"
                    ),
                    "refusal_form": SuperiorRefusalForm(
                        initial={"nomination": nomination.pk}, auto_id=f"refused-{nomination.pk}-%s"
                    ),
                }
                for nomination in nominations
            ],
            "can_sign": authorize(user, "awards.sign_submission")
            and submission.status == SubmissionStatus.DRAFT,
        },
    )


@login_required
@require_POST
def submission_sign(request, pk: int):
    submission = _submission(request, pk, "awards.sign_submission")
    try:
        submission = services.sign_submission(
            submission=submission, user=request.user, day=timezone.localdate()
        )
        messages.success(
            request, _("Đã ký tờ trình số %(reference)s.") % {"reference": submission.reference}
        )
    except services.AwardsError as error:
        _refused(request, error)
    return redirect("awards:submission_detail", submission.pk)


def _first_error(form) -> str:
    return next(iter(form.errors.values()))[0]


@login_required
@require_POST
def submission_outcome(request, pk: int, outcome: str):
    """Staff record what the superior did with a forwarded nomination: decided (its decision's
    number and date) or refused (with a reason)."""
    submission = _submission(request, pk, "awards.record_superior_outcome")
    forms_by_outcome = {"decided": SuperiorDecisionForm, "rejected": SuperiorRefusalForm}
    if outcome not in forms_by_outcome:
        raise Http404
    form = forms_by_outcome[outcome](request.POST)
    nomination_id = form.data.get("nomination", "")
    nomination = next(
        (
            nomination
            for nomination in selectors.submission_nominations(submission)
            if str(nomination.pk) == nomination_id
        ),
        None,
    )
    if nomination is None:
        raise Http404
    try:
        if not form.is_valid():
            if outcome == "rejected" and "reason" in form.errors:
                raise services.AwardsError(_("Cần ghi lý do cấp trên không khen thưởng."))
            raise services.AwardsError(_first_error(form))
        if outcome == "decided":
            services.record_superior_decision(
                submission=submission,
                nomination=nomination,
                user=request.user,
                number=form.cleaned_data["number"],
                day=form.cleaned_data["day"],
            )
            messages.success(request, _("Đã ghi nhận quyết định của cấp trên."))
        else:
            services.record_superior_refusal(
                submission=submission,
                nomination=nomination,
                user=request.user,
                reason=form.cleaned_data["reason"],
            )
            messages.success(request, _("Đã ghi nhận cấp trên không khen thưởng."))
    except services.AwardsError as error:
        _refused(request, error)
    except services.TransitionError:
        messages.error(request, _("Hồ sơ ở trạng thái này không thực hiện được thao tác."))
    return redirect("awards:submission_detail", submission.pk)


@login_required
@require_POST
def submission_print(request, pk: int):
    submission = _submission(request, pk, "awards.view_submissions")
    job = request_document(
        kind="award_submission", params={"submission": submission.pk}, user=request.user
    )
    messages.success(request, _("Đã xếp hàng tạo tệp tờ trình."))
    return redirect("documents:job_detail", job.pk)
