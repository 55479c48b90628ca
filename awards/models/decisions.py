"""Decisions (quyết định khen thưởng) and their lines, with the money computed at signing."""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from awards.enums import DecisionStatus
from awards.models.nominations import NominationLine
from awards.models.papers import SignedPaper
from config.reauth import AuthMethod
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


class DecisionSignature(models.Model):
    """The evidence of the chairperson's signature of a decision, as for a pledge signature:
    who signed, in which role, how they re-authenticated, the consent agreed to, the SHA-256
    of the summary shown (number, lines, money), when and from where. Never changed."""

    decision = models.OneToOneField(
        Decision, on_delete=models.PROTECT, related_name="signature", verbose_name=_("quyết định")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="decision_signatures",
        verbose_name=_("người ký"),
    )
    signer_name = models.CharField(_("họ tên người ký"), max_length=200)
    role = models.CharField(_("vai trò"), max_length=30)
    auth_method = models.CharField(_("xác thực"), max_length=20, choices=AuthMethod.choices)
    consent_version = models.CharField(_("phiên bản lời đồng ý"), max_length=20)
    document_sha256 = models.CharField(_("SHA-256 nội dung đã xem"), max_length=64)
    signed_at = models.DateTimeField(_("ký lúc (UTC)"))
    ip_address = models.GenericIPAddressField(_("địa chỉ IP"), null=True, blank=True)
    user_agent = models.CharField(_("trình duyệt"), max_length=400, blank=True)
    session_key_hash = models.CharField(_("SHA-256 khóa phiên"), max_length=64)

    class Meta:
        verbose_name = _("chữ ký quyết định")
        verbose_name_plural = _("chữ ký quyết định")

    def __str__(self) -> str:
        return f"{self.signer_name} – {self.decision_id}"

    @property
    def role_label(self) -> str:
        return Role(self.role).label if self.role in Role.values else self.role
