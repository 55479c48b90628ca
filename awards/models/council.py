"""The council (Hội đồng Thi đua – Khen thưởng): its sessions, members and secret ballot."""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from awards.enums import BallotChoice, SessionState
from awards.models.nominations import Nomination, NominationLine
from emulation.models import Authority


class CouncilSession(models.Model):
    """A meeting of the Hội đồng Thi đua – Khen thưởng that votes on nominations."""

    authority = models.ForeignKey(
        Authority,
        on_delete=models.PROTECT,
        related_name="council_sessions",
        verbose_name=_("cơ quan"),
    )
    title = models.CharField(_("tên phiên họp"), max_length=200)
    held_on = models.DateField(_("ngày họp"))
    state = models.CharField(
        _("trạng thái"), max_length=10, choices=SessionState.choices, default=SessionState.OPEN
    )
    quorum = models.DecimalField(
        _("tỷ lệ có mặt tối thiểu"), max_digits=5, decimal_places=4, default=Decimal("0.6667")
    )
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        through="CouncilMembership",
        related_name="council_sessions",
        verbose_name=_("thành viên"),
    )

    class Meta:
        verbose_name = _("phiên họp Hội đồng")
        verbose_name_plural = _("phiên họp Hội đồng")
        ordering = ["-held_on"]

    def __str__(self) -> str:
        return self.title


class CouncilMembership(models.Model):
    session = models.ForeignKey(
        CouncilSession,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("phiên họp"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("thành viên"),
    )
    present = models.BooleanField(_("có mặt"), default=True)

    class Meta:
        verbose_name = _("thành viên phiên họp")
        verbose_name_plural = _("thành viên phiên họp")
        constraints = [
            models.UniqueConstraint(fields=["session", "user"], name="council_membership_unique")
        ]

    def __str__(self) -> str:
        return str(self.user)


class BallotCast(models.Model):
    """That a member voted on a nomination — and nothing about how (bỏ phiếu kín).

    The choices go to `VoteTally` counters; no column here or there links a member to a choice.
    A written vote (phiếu gửi bằng văn bản) of an absent member is recorded the same way.
    """

    nomination = models.ForeignKey(
        Nomination, on_delete=models.CASCADE, related_name="ballots_cast", verbose_name=_("hồ sơ")
    )
    session = models.ForeignKey(
        CouncilSession,
        on_delete=models.CASCADE,
        related_name="ballots_cast",
        verbose_name=_("phiên họp"),
    )
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("thành viên"),
    )
    written = models.BooleanField(_("phiếu bằng văn bản"), default=False)

    class Meta:
        verbose_name = _("lượt bỏ phiếu")
        verbose_name_plural = _("lượt bỏ phiếu")
        constraints = [
            models.UniqueConstraint(fields=["nomination", "member"], name="ballot_cast_once")
        ]

    def __str__(self) -> str:
        return str(self.member)


class VoteTally(models.Model):
    """Count of one choice for one nominee; incremented, never linked to a voter."""

    line = models.ForeignKey(
        NominationLine,
        on_delete=models.CASCADE,
        related_name="tallies",
        verbose_name=_("người được đề nghị"),
    )
    choice = models.CharField(_("lựa chọn"), max_length=10, choices=BallotChoice.choices)
    count = models.PositiveIntegerField(_("số phiếu"), default=0)

    class Meta:
        verbose_name = _("kết quả kiểm phiếu")
        verbose_name_plural = _("kết quả kiểm phiếu")
        constraints = [models.UniqueConstraint(fields=["line", "choice"], name="vote_tally_unique")]

    def __str__(self) -> str:
        return f"{self.choice}: {self.count}"
