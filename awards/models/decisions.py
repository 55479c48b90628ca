"""Decisions (quyết định khen thưởng) and their lines, with the money computed at signing."""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from awards.enums import SIGNER_TITLE_LINES, DecisionStatus, SignerCapacity
from awards.models.nominations import NominationLine
from awards.models.papers import SignedPaper
from config.reauth import SignatureEvidence
from emulation.enums import Role
from emulation.models import Authority


class Decision(SignedPaper):
    """A decision (quyết định khen thưởng). Drafted by staff, signed by the chairperson, who
    takes its number from the register; revocation keeps it and marks it revoked (E-18)."""

    authority = models.ForeignKey(
        Authority,
        on_delete=models.PROTECT,
        related_name="award_decisions",
        verbose_name=_("cơ quan"),
    )
    status = models.CharField(
        _("tình trạng"), max_length=10, choices=DecisionStatus.choices, default=DecisionStatus.DRAFT
    )
    base_salary = models.DecimalField(
        _("mức lương cơ sở áp dụng"), max_digits=12, decimal_places=0, null=True, blank=True
    )
    signer_capacity = models.CharField(
        _("thẩm quyền ký"),
        max_length=10,
        choices=SignerCapacity.choices,
        default=SignerCapacity.CHAIR,
        help_text=_("Chủ tịch ký, hoặc Phó Chủ tịch ký thay (KT. CHỦ TỊCH)."),
    )
    revoked_on = models.DateField(_("ngày hủy bỏ"), null=True, blank=True)
    revocation_reason = models.TextField(_("lý do hủy bỏ"), blank=True)

    class Meta:
        verbose_name = _("quyết định khen thưởng")
        verbose_name_plural = _("quyết định khen thưởng")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["authority", "number_year", "number"],
                condition=Q(number__isnull=False),
                name="decision_number_unique",
            )
        ]

    @property
    def is_revoked(self) -> bool:
        return self.status == DecisionStatus.REVOKED

    @property
    def signer_title_lines(self) -> tuple[str, ...]:
        """The capacity above the signer's name: ("CHỦ TỊCH",) or ("KT. CHỦ TỊCH",
        "PHÓ CHỦ TỊCH")."""
        return tuple(str(line) for line in SIGNER_TITLE_LINES[self.signer_capacity])

    @property
    def total(self) -> Decimal:
        return sum((line.amount or Decimal(0) for line in self.lines.all()), Decimal(0))


class DecisionLine(models.Model):
    """One awardee of a decision, with the money computed at signing."""

    decision = models.ForeignKey(
        Decision, on_delete=models.CASCADE, related_name="lines", verbose_name=_("quyết định")
    )
    nomination_line = models.OneToOneField(
        NominationLine,
        on_delete=models.PROTECT,
        related_name="decision_line",
        verbose_name=_("người được đề nghị"),
    )
    amount = models.DecimalField(
        _("tiền thưởng"), max_digits=14, decimal_places=0, null=True, blank=True
    )

    class Meta:
        verbose_name = _("dòng quyết định")
        verbose_name_plural = _("dòng quyết định")
        ordering = ["decision", "nomination_line__award__sort_order", "pk"]

    def __str__(self) -> str:
        return str(self.nomination_line)


class DecisionSignature(SignatureEvidence):
    """The evidence of the chairperson's signature of a decision, as for a pledge signature;
    `document_sha256` is that of the summary shown (the lines and their money)."""

    decision = models.OneToOneField(
        Decision, on_delete=models.PROTECT, related_name="signature", verbose_name=_("quyết định")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="decision_signatures",
        verbose_name=_("người ký"),
    )

    class Meta:
        verbose_name = _("chữ ký quyết định")
        verbose_name_plural = _("chữ ký quyết định")

    def __str__(self) -> str:
        return f"{self.signer_name} – {self.decision_id}"

    @property
    def role_label(self) -> str:
        return Role(self.role).label if self.role in Role.values else self.role
