"""The catalogue: titles and forms of commendation (danh hiệu, hình thức khen thưởng), their
rule sets by date and the base salary (mức lương cơ sở) by date (DOMAIN §0, §5).
"""

import datetime
from decimal import Decimal

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from awards.enums import AwardCategory, AwardCode, DecidingLevel, RatioRounding, SubjectKind
from emulation.models import ValidityQuerySet


def _dates_ordered(name: str) -> models.CheckConstraint:
    return models.CheckConstraint(
        condition=Q(valid_to__isnull=True) | Q(valid_to__gte=models.F("valid_from")), name=name
    )


class Award(models.Model):
    """A title (danh hiệu thi đua) or form of commendation (hình thức khen thưởng)."""

    code = models.CharField(_("mã"), max_length=30, unique=True, choices=AwardCode.choices)
    name = models.CharField(_("tên"), max_length=200)
    category = models.CharField(_("loại"), max_length=10, choices=AwardCategory.choices)
    for_individual = models.BooleanField(_("tặng cá nhân"), default=False)
    for_collective = models.BooleanField(_("tặng tập thể"), default=False)
    for_household = models.BooleanField(_("tặng hộ gia đình"), default=False)
    sort_order = models.PositiveIntegerField(_("thứ tự"), default=0)

    class Meta:
        verbose_name = _("danh hiệu, hình thức khen thưởng")
        verbose_name_plural = _("danh hiệu, hình thức khen thưởng")
        ordering = ["sort_order", "name"]

    def __str__(self) -> str:
        return self.name

    def accepts(self, subject_kind: str) -> bool:
        return {
            SubjectKind.INDIVIDUAL: self.for_individual,
            SubjectKind.COLLECTIVE: self.for_collective,
            SubjectKind.HOUSEHOLD: self.for_household,
        }.get(subject_kind, False)

    def rule_set_on(self, day: datetime.date) -> "AwardRuleSet | None":
        return self.rule_sets.valid_on(day).order_by("-valid_from").first()


class AwardRuleSet(models.Model):
    """What an award requires and pays between two dates ([CFG] settings, DOMAIN §0).

    Administrators add a new version when a decree or the local quy chế changes; the version in
    force on 31/12 of the evaluation year judges the dossier.
    """

    award = models.ForeignKey(
        Award, on_delete=models.CASCADE, related_name="rule_sets", verbose_name=_("danh hiệu")
    )
    valid_from = models.DateField(_("hiệu lực từ ngày"))
    valid_to = models.DateField(_("đến ngày"), null=True, blank=True)
    legal_basis = models.CharField(_("căn cứ"), max_length=300, blank=True)
    coefficient = models.DecimalField(
        _("hệ số tiền thưởng"), max_digits=6, decimal_places=2, help_text=_("Theo mức lương cơ sở")
    )
    collective_multiplier = models.DecimalField(
        _("hệ số cho tập thể"),
        max_digits=4,
        decimal_places=2,
        default=Decimal(2),
        help_text=_("Tiền thưởng tập thể bằng bội số này của cá nhân (E-12)"),
    )
    deciding_level = models.CharField(
        _("cấp quyết định"), max_length=20, choices=DecidingLevel.choices
    )
    dossier_items = models.TextField(_("thành phần hồ sơ"), blank=True)
    min_months_worked = models.PositiveSmallIntegerField(
        _("số tháng công tác tối thiểu"), default=10
    )
    requires_initiative = models.BooleanField(_("bắt buộc có sáng kiến"), default=False)
    max_ratio = models.DecimalField(
        _("tỷ lệ tối đa so với số Lao động tiên tiến"),
        max_digits=5,
        decimal_places=4,
        null=True,
        blank=True,
        help_text=_("0,15 = 15 %"),
    )
    max_ratio_rounding = models.CharField(
        _("làm tròn tỷ lệ tối đa"),
        max_length=10,
        choices=RatioRounding.choices,
        default=RatioRounding.FLOOR,
    )
    min_member_ratio = models.DecimalField(
        _("tỷ lệ thành viên Lao động tiên tiến tối thiểu"),
        max_digits=5,
        decimal_places=4,
        null=True,
        blank=True,
    )
    consecutive_years = models.PositiveSmallIntegerField(
        _("số năm liên tục đạt danh hiệu điều kiện"), default=0
    )
    requires_secret_ballot = models.BooleanField(_("bỏ phiếu kín"), default=True)
    vote_threshold = models.DecimalField(
        _("ngưỡng biểu quyết"), max_digits=5, decimal_places=4, default=Decimal("0.5")
    )
    threshold_of_all_members = models.BooleanField(
        _("tính trên tổng số thành viên Hội đồng"),
        default=False,
        help_text=_("Không đánh dấu: tính trên số thành viên có mặt"),
    )
    threshold_inclusive = models.BooleanField(
        _("đạt khi bằng ngưỡng"), default=False, help_text=_("≥ thay vì >")
    )
    public_notice_days = models.PositiveSmallIntegerField(
        _("số ngày làm việc công khai"), default=5
    )

    objects = ValidityQuerySet.as_manager()

    class Meta:
        verbose_name = _("quy định theo thời kỳ")
        verbose_name_plural = _("quy định theo thời kỳ")
        ordering = ["award", "-valid_from"]
        constraints = [
            models.UniqueConstraint(fields=["award", "valid_from"], name="award_rule_set_unique"),
            _dates_ordered("award_rule_set_dates_ordered"),
        ]

    def __str__(self) -> str:
        return f"{self.award} ({self.valid_from:%d/%m/%Y})"


class BaseSalary(models.Model):
    """Mức lương cơ sở in force from a date (DOMAIN §5)."""

    valid_from = models.DateField(_("áp dụng từ ngày"), unique=True)
    amount = models.DecimalField(_("mức lương cơ sở"), max_digits=12, decimal_places=0)
    legal_basis = models.CharField(_("căn cứ"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("mức lương cơ sở")
        verbose_name_plural = _("mức lương cơ sở")
        ordering = ["-valid_from"]

    def __str__(self) -> str:
        return f"{self.amount} ({self.valid_from:%d/%m/%Y})"
