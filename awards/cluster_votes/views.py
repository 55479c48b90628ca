"""Pages of the cluster's secret vote on its leading units (DOMAIN §7.3 steps 3–4): open it
from the final year-end round, the members' ballot, closing it into a draft nomination, and
its totals once closed.

Thin views over awards.cluster_votes: scope (→ 404) → permission (→ 403) → form → one service
call → message → redirect.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from awards.cluster_votes.forms import ClusterVoteOpenForm
from awards.cluster_votes.selectors import cluster_votes_for, vote_results
from awards.cluster_votes.services import (
    cast_cluster_ballot,
    close_cluster_vote,
    close_refusal,
    default_deadline,
    open_cluster_vote,
)
from awards.enums import ClusterVoteState
from awards.errors import AwardsError
from awards.forms import BallotForm
from awards.models import ClusterVote
from config.permissions import authorize, require
from emulation.enums import Role
from emulation.models import User
from emulation.scoring.selectors import rounds_for


def _vote(request, pk: int) -> ClusterVote:
    """A cluster vote the user may find (404 otherwise) and follow (403 otherwise)."""
    vote = get_object_or_404(cluster_votes_for(request.user), pk=pk)
    require(request.user, "awards.view_cluster_vote", vote)
    return vote


@login_required
@require_POST
def cluster_vote_open(request, round_pk: int):
    scoring_round = get_object_or_404(rounds_for(request.user), pk=round_pk)
    require(request.user, "awards.open_cluster_vote", scoring_round)
    form = ClusterVoteOpenForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Nhập hạn bỏ phiếu là một ngày (ngày/tháng/năm)."))
        return redirect("scoring:round", scoring_round.pk)
    member_ids = scoring_round.table.cluster.memberships.values_list("unit_id", flat=True)
    voters = User.objects.filter(role=Role.UNIT_HEAD, is_active=True, unit_id__in=member_ids)
    try:
        vote = open_cluster_vote(
            scoring_round=scoring_round,
            user=request.user,
            deadline=form.cleaned_data["deadline"] or default_deadline(),
            voters=voters.order_by("pk"),
        )
    except AwardsError as error:
        messages.error(request, str(error))
        return redirect("scoring:round", scoring_round.pk)
    messages.success(request, _("Đã mở bỏ phiếu kín đề nghị đơn vị dẫn đầu."))
    return redirect("awards:cluster_vote", vote.pk)


@login_required
@require_http_methods(["GET", "POST"])
def cluster_vote(request, pk: int):
    """The ballot of one member (a yes/no per candidate, one POST) while the vote is open;
    its totals once it is closed. While open, only how many have voted is shown."""
    vote = _vote(request, pk)
    user = request.user
    candidates = list(vote.candidates.select_related("award", "unit").order_by("rank", "pk"))
    is_member = authorize(user, "awards.cast_cluster_ballot", vote)
    form = BallotForm(request.POST or None, lines=candidates)
    if request.method == "POST":
        require(user, "awards.cast_cluster_ballot", vote)
        if form.is_valid():
            try:
                cast_cluster_ballot(vote=vote, member=user, choices=form.choices())
            except AwardsError as error:
                messages.error(request, str(error))
            else:
                messages.success(request, _("Đã ghi nhận phiếu của bạn. Phiếu được giữ bí mật."))
            return redirect("awards:cluster_vote", vote.pk)
        messages.error(request, _("Chọn Đồng ý hoặc Không đồng ý cho từng đơn vị."))
    is_open = vote.state == ClusterVoteState.OPEN
    can_close = is_open and authorize(user, "awards.close_cluster_vote", vote)
    return render(
        request,
        "awards/cluster_vote.html",
        {
            "vote": vote,
            "candidates": candidates,
            "results": vote_results(vote),
            "form": form,
            "member": is_member,
            "already": vote.ballots.filter(member=user).exists(),
            "is_open": is_open,
            "can_close": can_close,
            "close_refusal": close_refusal(vote) if can_close else "",
            "cast": vote.ballots.count(),
            "total": vote.members.count(),
        },
    )


@login_required
@require_POST
def cluster_vote_close(request, pk: int):
    vote = _vote(request, pk)
    require(request.user, "awards.close_cluster_vote", vote)
    try:
        proposal = close_cluster_vote(vote=vote, user=request.user)
    except AwardsError as error:
        messages.error(request, str(error))
        return redirect("awards:cluster_vote", vote.pk)
    if proposal is None:
        messages.info(request, _("Đã kết thúc bỏ phiếu: không đơn vị nào đủ số phiếu."))
        return redirect("awards:cluster_vote", vote.pk)
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
