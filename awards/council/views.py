"""Pages of the council: the member's ballots and secret vote, the staff's sessions (agenda,
attendance, count, minutes).
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from awards.council import selectors
from awards.council.forms import SessionForm
from awards.council.services import (
    cast_ballot,
    close_session,
    create_session,
    send_to_council,
    set_attendance,
)
from awards.enums import NominationState, SessionState
from awards.errors import AwardsError
from awards.forms import BallotForm
from awards.models import BallotCast, CouncilMembership
from awards.nominations.selectors import dossier, nomination_detail
from config import clock
from config.permissions import require
from documents.services import request_document


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
    user = request.user
    nomination = nomination_detail(user, pk)
    if nomination is None:
        raise Http404
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
                cast_ballot(nomination=nomination, member=user, choices=form.choices())
                messages.success(request, _("Đã ghi nhận phiếu của bạn. Phiếu được giữ bí mật."))
                return redirect("awards:vote", nomination.pk)
            except AwardsError as error:
                messages.error(request, str(error))
    return render(
        request,
        "awards/vote.html",
        {
            "nomination": nomination,
            "form": form,
            "already": already,
            "session": session,
            "dossier": dossier(nomination),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def session_list(request):
    """Council sessions of the authority, and a form to open one."""
    require(request.user, "awards.manage_council")
    form = SessionForm(request.POST or None, members=selectors.council_candidates(request.user))
    if request.method == "POST" and form.is_valid():
        session = create_session(user=request.user, **form.cleaned_data)
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
    agenda = list(
        session.nominations.select_related("unit").prefetch_related(
            "lines__award", "lines__person", "lines__subject_unit"
        )
    )
    for nomination in agenda:
        nomination.outcomes = [
            (line, outcome)
            for line in nomination.lines.all()
            if (outcome := selectors.vote_outcome(line, nomination.year))
        ]
    return render(
        request,
        "awards/session_detail.html",
        {
            "session": session,
            # Attendance and agenda change while members vote; closing is the workflow's move.
            "is_open": session.state == SessionState.OPEN,
            "memberships": session.memberships.select_related("user", "user__unit"),
            "agenda": agenda,
            # The notice must have ended (E-17): a nomination still in its notice is not offered.
            "candidates": selectors.ready_for_council(session, clock.today()),
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
                selectors.published_for(session)
                .filter(pk=request.POST.get("nomination") or 0)
                .first()
            )
            if nomination is None:
                raise Http404
            send_to_council(
                nomination=nomination, user=request.user, session=session, day=clock.today()
            )
            messages.success(request, _("Đã đưa hồ sơ vào phiên họp."))
        elif action == "attendance":
            membership = session.memberships.filter(pk=request.POST.get("membership") or 0).first()
            if membership is None:
                raise Http404
            set_attendance(
                session=session, member=membership.user, present=request.POST.get("present") == "1"
            )
            messages.success(request, _("Đã cập nhật điểm danh."))
        elif action == "close":
            close_session(session=session, user=request.user)
            messages.success(request, _("Đã kiểm phiếu và kết thúc phiên họp."))
        elif action == "minutes":
            job = request_document(
                kind="council_minutes", params={"session": session.pk}, user=request.user
            )
            messages.success(request, _("Đã xếp hàng tạo biên bản họp."))
            return redirect("documents:job_detail", job.pk)
        else:
            raise Http404
    except AwardsError as error:
        messages.error(request, str(error))
    return redirect("awards:session_detail", session.pk)
