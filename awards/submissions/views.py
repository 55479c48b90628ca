"""Pages of submissions (tờ trình) to the superior: the list, drafting, one submission with
the superior's outcome of each nomination, signing and printing.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from awards.enums import NominationState, SubmissionStatus
from awards.errors import AwardsError, TransitionError
from awards.models import Submission
from awards.submissions import selectors
from awards.submissions.forms import SubmissionForm, SuperiorDecisionForm, SuperiorRefusalForm
from awards.submissions.received import upward_statuses
from awards.submissions.services import (
    draft_submission,
    record_superior_decision,
    record_superior_refusal,
    sign_submission,
)
from config import clock
from config.permissions import authorize, require
from documents.services import request_document

SUBMISSIONS_PER_PAGE = 50


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
    page = Paginator(submissions, SUBMISSIONS_PER_PAGE).get_page(request.GET.get("page"))
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
                submission = draft_submission(
                    user=request.user,
                    year=form.cleaned_data["year"],
                    title=form.cleaned_data["title"],
                    lines=[candidates[pk] for pk in form.cleaned_data["lines"]],
                )
                messages.success(request, _("Đã lập dự thảo tờ trình."))
                return redirect("awards:submission_detail", submission.pk)
            except AwardsError as error:
                messages.error(request, str(error))
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
    # Sent up on this instance: each line's state comes back from the superior, who decides;
    # nothing is recorded by hand.
    statuses = upward_statuses(submission)
    lines = list(selectors.submission_lines(submission))
    for row in lines:
        row.upward = statuses.get(row.pk)
    can_record = (
        authorize(user, "awards.record_superior_outcome")
        and submission.status == SubmissionStatus.SIGNED
        and not statuses
    )
    return render(
        request,
        "awards/submission_detail.html",
        {
            "submission": submission,
            "lines": lines,
            "upward": bool(statuses),
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
        },
    )


@login_required
@require_POST
def submission_sign(request, pk: int):
    submission = _submission(request, pk, "awards.sign_submission")
    try:
        submission = sign_submission(submission=submission, user=request.user, day=clock.today())
        messages.success(
            request, _("Đã ký tờ trình số %(reference)s.") % {"reference": submission.reference}
        )
    except AwardsError as error:
        messages.error(request, str(error))
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
                raise AwardsError(_("Cần ghi lý do cấp trên không khen thưởng."))
            raise AwardsError(_first_error(form))
        if outcome == "decided":
            record_superior_decision(
                submission=submission,
                nomination=nomination,
                user=request.user,
                number=form.cleaned_data["number"],
                day=form.cleaned_data["day"],
            )
            messages.success(request, _("Đã ghi nhận quyết định của cấp trên."))
        else:
            record_superior_refusal(
                submission=submission,
                nomination=nomination,
                user=request.user,
                reason=form.cleaned_data["reason"],
            )
            messages.success(request, _("Đã ghi nhận cấp trên không khen thưởng."))
    except AwardsError as error:
        messages.error(request, str(error))
    except TransitionError:
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
