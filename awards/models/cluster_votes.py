"""The cluster's secret vote (bỏ phiếu kín của cụm, khối) on the units its final ranking
proposes (DOMAIN §7.3, §7.4).
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from awards.enums import BallotChoice, ClusterVoteState
from awards.models.catalogue import Award
from awards.models.nominations import Nomination
from emulation.models import Authority, Unit


class ClusterVote(models.Model):
    """Bỏ phiếu kín of a cluster's year-end meeting on the units its final ranking proposes
    (DOMAIN §7.3 step 3, §7.4): one per scoring round, so one per cluster and round.

    Everything the vote depends on is frozen when it opens: the members who vote
    (`ClusterVoteMember`), the candidates and the award proposed for each
    (`ClusterVoteCandidate`), the head unit whose proposal it becomes, the deadline and the
    ballots needed to close after it (`quorum_ballots`), the ranking as its evidence
    (`ranking_text`). The proposal (a draft Nomination) is
    created only when the vote closes. `state` changes only in
    `awards.cluster_votes.services.close_cluster_vote` (open → closed, compare-and-set).
    """

    authority = models.ForeignKey(
        Authority, on_delete=models.PROTECT, related_name="+", verbose_name=_("cơ quan")
    )
    cluster = models.ForeignKey(
        "emulation.Cluster",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("cụm, khối thi đua"),
    )
    scoring_round = models.ForeignKey(
        "emulation.ScoringRound",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("đợt chấm điểm"),
    )
    head_unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="+", verbose_name=_("đơn vị cụm trưởng")
    )
    state = models.CharField(
        _("trạng thái"),
        max_length=10,
        choices=ClusterVoteState.choices,
        default=ClusterVoteState.OPEN,
    )
    deadline = models.DateField(_("hạn bỏ phiếu"))
    ranking_text = models.TextField(_("kết quả xếp hạng khi mở bỏ phiếu"))
    quorum_ballots = models.PositiveSmallIntegerField(
        _("số phiếu tối thiểu để kết thúc khi đã qua hạn")
    )
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("người mở"),
    )
    opened_at = models.DateTimeField(_("mở lúc"), auto_now_add=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        verbose_name=_("người kết thúc"),
    )
    closed_at = models.DateTimeField(_("kết thúc lúc"), null=True, blank=True)
    ballots_cast = models.PositiveSmallIntegerField(_("số phiếu đã bỏ"), null=True, blank=True)
    proposal = models.OneToOneField(
        Nomination,
        on_delete=models.PROTECT,
        related_name="cluster_vote",
        null=True,
        blank=True,
        verbose_name=_("hồ sơ đề nghị"),
    )

    class Meta:
        verbose_name = _("bỏ phiếu kín của cụm, khối")
        verbose_name_plural = _("bỏ phiếu kín của cụm, khối")
        constraints = [
            models.UniqueConstraint(
                fields=["cluster", "scoring_round"], name="cluster_vote_once_per_round"
            ),
            models.CheckConstraint(
                condition=Q(state=ClusterVoteState.OPEN)
                | Q(closed_at__isnull=False, ballots_cast__isnull=False),
                name="cluster_vote_closed_has_result",
            ),
        ]

    def __str__(self) -> str:
        return str(self.cluster)


class ClusterVoteMember(models.Model):
    """A member unit's head who votes, fixed when the vote opens."""

    vote = models.ForeignKey(
        ClusterVote, on_delete=models.CASCADE, related_name="members", verbose_name=_("bỏ phiếu")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("thành viên"),
    )

    class Meta:
        verbose_name = _("thành viên bỏ phiếu")
        verbose_name_plural = _("thành viên bỏ phiếu")
        constraints = [
            models.UniqueConstraint(fields=["vote", "user"], name="cluster_vote_member_once")
        ]

    def __str__(self) -> str:
        return str(self.user)


class ClusterVoteCandidate(models.Model):
    """A unit the final ranking proposes, with the award proposed for it, copied when the vote
    opens. `yes_votes` and `no_votes` stay empty until the vote closes."""

    vote = models.ForeignKey(
        ClusterVote, on_delete=models.CASCADE, related_name="candidates", verbose_name=_("bỏ phiếu")
    )
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="+", verbose_name=_("đơn vị")
    )
    award = models.ForeignKey(
        Award, on_delete=models.PROTECT, related_name="+", verbose_name=_("hình thức đề nghị")
    )
    rank = models.PositiveSmallIntegerField(_("xếp hạng"))
    total = models.DecimalField(_("tổng điểm"), max_digits=8, decimal_places=2)
    achievement = models.TextField(_("thành tích"))
    yes_votes = models.PositiveSmallIntegerField(_("số phiếu đồng ý"), null=True, blank=True)
    no_votes = models.PositiveSmallIntegerField(_("số phiếu không đồng ý"), null=True, blank=True)
    approved = models.BooleanField(_("được đề nghị"), null=True, blank=True)

    class Meta:
        verbose_name = _("đơn vị được đề xuất")
        verbose_name_plural = _("đơn vị được đề xuất")
        ordering = ["rank", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["vote", "unit"], name="cluster_vote_candidate_once")
        ]

    def __str__(self) -> str:
        return str(self.unit)

    @property
    def subject_name(self) -> str:
        return self.unit.name


class ClusterBallot(models.Model):
    """That a member voted — and nothing about how (bỏ phiếu kín). No time, no order beyond
    the surrogate key: the choices go to `ClusterVoteTally` counters, never linked to this."""

    vote = models.ForeignKey(
        ClusterVote, on_delete=models.CASCADE, related_name="ballots", verbose_name=_("bỏ phiếu")
    )
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("thành viên"),
    )

    class Meta:
        verbose_name = _("lượt bỏ phiếu của cụm")
        verbose_name_plural = _("lượt bỏ phiếu của cụm")
        constraints = [
            models.UniqueConstraint(fields=["vote", "member"], name="cluster_ballot_once")
        ]

    def __str__(self) -> str:
        return str(self.member)


class ClusterVoteTally(models.Model):
    """Count of one choice for one candidate; incremented, never linked to a voter, read only
    by the close."""

    candidate = models.ForeignKey(
        ClusterVoteCandidate,
        on_delete=models.CASCADE,
        related_name="tallies",
        verbose_name=_("đơn vị được đề xuất"),
    )
    choice = models.CharField(_("lựa chọn"), max_length=10, choices=BallotChoice.choices)
    count = models.PositiveIntegerField(_("số phiếu"), default=0)

    class Meta:
        verbose_name = _("kết quả kiểm phiếu của cụm")
        verbose_name_plural = _("kết quả kiểm phiếu của cụm")
        constraints = [
            models.UniqueConstraint(
                fields=["candidate", "choice"], name="cluster_vote_tally_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.choice}: {self.count}"
