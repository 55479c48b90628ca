"""Submissions (tờ trình) to the superior body for the awards it decides."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from awards.enums import SubmissionStatus
from awards.models.nominations import NominationLine
from awards.models.papers import SignedPaper
from emulation.models import Authority


class Submission(SignedPaper):
    """A submission (tờ trình đề nghị khen thưởng) to the superior body for the awards it
    decides. Prepared by staff from the council's approved nominees, signed by the chairperson,
    who takes its number from the register's submission series."""

    authority = models.ForeignKey(
        Authority,
        on_delete=models.PROTECT,
        related_name="award_submissions",
        verbose_name=_("cơ quan"),
    )
    status = models.CharField(
        _("tình trạng"),
        max_length=10,
        choices=SubmissionStatus.choices,
        default=SubmissionStatus.DRAFT,
    )

    class Meta:
        verbose_name = _("tờ trình đề nghị khen thưởng")
        verbose_name_plural = _("tờ trình đề nghị khen thưởng")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["authority", "number_year", "number"],
                condition=Q(number__isnull=False),
                name="submission_number_unique",
            )
        ]


class SubmissionLine(models.Model):
    """One nominee forwarded by a submission, with the council's result as voted."""

    submission = models.ForeignKey(
        Submission, on_delete=models.CASCADE, related_name="lines", verbose_name=_("tờ trình")
    )
    nomination_line = models.OneToOneField(
        NominationLine,
        on_delete=models.PROTECT,
        related_name="submission_line",
        verbose_name=_("người được đề nghị"),
    )

    class Meta:
        verbose_name = _("dòng tờ trình")
        verbose_name_plural = _("dòng tờ trình")
        ordering = ["submission", "nomination_line__award__sort_order", "pk"]

    def __str__(self) -> str:
        return str(self.nomination_line)
