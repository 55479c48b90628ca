"""Pages of the cluster's secret vote on its leading units (DOMAIN §7.3 steps 3–4): open it
from the final year-end round, the members' ballot, and closing it into a draft nomination.

Thin views over awards.cluster_votes: scope (→ 404) → permission (→ 403) → form → one service
call → message → redirect. The service decides who may open, vote and close.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from awards.cluster_votes import (
    _head_unit_id,
    _require_organiser,
    cast_cluster_ballot,
    close_cluster_vote,
    open_cluster_vote,
)
from awards.enums import NominationState
from awards.forms import BallotForm
from awards.models import BallotCast, CouncilMembership, Nomination
from awards.services import AwardsError
from emulation.enums import Role
from emulation.models import User
from emulation.scoring.selectors import rounds_for


def _vote(request, pk: int) -> Nomination:
    """A cluster vote of the user's authority (a ballot nomination still in draft with its
    meeting), else 404; the user must be a member of the meeting or may organise it (403)."""
    unit = getattr(request.user, "unit", None)
    if unit is None:
        raise PermissionDenied
    nomination = get_object_or_404(
        Nomination.objects.select_related("council_session", "unit"),
        pk=pk,
        authority_id=unit.authority_id,
        council_session__isnull=False,
        state__in=(NominationState.DRAFT, NominationState.WITHDRAWN),
    )
    return nomination


def _is_member(user, nomination: Nomination) -> bool:
    return CouncilMembership.objects.filter(session=nomination.council_session, user=user).exists()


def _may_organise(user, nomination: Nomination) -> bool:
    try:
        _require_organiser(user, nomination.unit_id)
    except AwardsError:
        return False
    return True


@login_required
@require_POST
def cluster_vote_open(request, round_pk: int):
    scoring_round = get_object_or_404(rounds_for(request.user), pk=round_pk)
    member_ids = scoring_round.table.cluster.memberships.values_list("unit_id", flat=True)
    voters = User.objects.filter(role=Role.UNIT_HEAD, is_active=True, unit_id__in=member_ids)
    try:
        head_unit_id = _head_unit_id(scoring_round)
    except AwardsError as error:
        messages.error(request, str(error))
        return redirect("scoring:round", scoring_round.pk)
    try:
        _require_organiser(request.user, head_unit_id)
    except AwardsError as error:
        raise PermissionDenied from error
    try:
        nomination = open_cluster_vote(
            scoring_round=scoring_round,
            user=request.user,
            held_on=timezone.localdate(),
            voters=voters.order_by("pk"),
        )
    except AwardsError as error:
        messages.error(request, str(error))
        return redirect("scoring:round", scoring_round.pk)
    messages.success(request, _("Đã mở bỏ phiếu kín đề nghị đơn vị dẫn đầu."))
    return redirect("awards:cluster_vote", nomination.pk)


@login_required
def cluster_vote(request, pk: int):
    """The ballot of one member: a yes/no per proposed unit, one POST; only counts shown."""
    nomination = _vote(request, pk)
    user = request.user
    member = _is_member(user, nomination)
    if not member and not _may_organise(user, nomination):
        raise PermissionDenied
    session = nomination.council_session
    lines = list(nomination.lines.select_related("award", "subject_unit").order_by("pk"))
    already = BallotCast.objects.filter(nomination=nomination, member=user).exists()
    form = BallotForm(request.POST or None, lines=lines)
    if request.method == "POST":
        if not member:
            raise PermissionDenied
        if form.is_valid():
            try:
                cast_cluster_ballot(nomination=nomination, member=user, choices=form.choices())
            except AwardsError as error:
                messages.error(request, str(error))
            else:
                messages.success(request, _("Đã ghi nhận phiếu của bạn. Phiếu được giữ bí mật."))
            return redirect("awards:cluster_vote", nomination.pk)
        messages.error(request, _("Chọn Đồng ý hoặc Không đồng ý cho từng đơn vị."))
    return render(
        request,
        "awards/cluster_vote.html",
        {
            "nomination": nomination,
            "session": session,
            "lines": lines,
            "form": form,
            "member": member,
            "already": already,
            "is_open": nomination.state == NominationState.DRAFT,
            "can_close": _may_organise(user, nomination)
            and nomination.state == NominationState.DRAFT,
            "cast": BallotCast.objects.filter(nomination=nomination).count(),
            "total": session.memberships.count(),
        },
    )


@login_required
@require_POST
def cluster_vote_close(request, pk: int):
    nomination = _vote(request, pk)
    if not _may_organise(request.user, nomination):
        raise PermissionDenied
    try:
        proposal = close_cluster_vote(nomination=nomination, user=request.user)
    except AwardsError as error:
        messages.error(request, str(error))
        return redirect("awards:cluster_vote", nomination.pk)
    if proposal is None:
        messages.info(request, _("Đã kết thúc bỏ phiếu: không đơn vị nào đủ số phiếu."))
        return redirect("awards:cluster_vote", nomination.pk)
    messages.success(
        request,
        format_html(
            '{} <a href="{}">{}</a>',
            _("Đã kết thúc bỏ phiếu và lập hồ sơ đề nghị:"),
            reverse("awards:nomination_detail", args=[proposal.pk]),
            _("hồ sơ số %(number)s – %(title)s") % {"number": proposal.pk, "title": proposal.title},
        ),
    )
    return redirect("awards:nomination_detail", proposal.pk)
