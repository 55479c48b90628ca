"""Targets (chỉ tiêu) of a year, their actual values by period, and the rules that judge them.

The status of a target (vượt / đạt / không đạt) is never stored: it is computed from the plan,
the actual value and the rule set in force (`emulation.targets.evaluation`).
"""

import datetime
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from documents.uploads import storage_name
from emulation.models.organisation import Authority, Unit, ValidityQuerySet, normalize_text
from emulation.targets.enums import (
    ChangeSource,
    Direction,
    ImportState,
    PeriodAction,
    PeriodKind,
    PeriodState,
    TargetGroup,
    ValueKind,
)

VALUE = {"max_digits": 20, "decimal_places": 4}


class TargetRuleSet(models.Model):
    """Thresholds used to judge targets, in force between two dates ([CFG], DOMAIN §0 and §8).

    A rule set without an authority applies to every authority that has none of its own.
    """

    authority = models.ForeignKey(
        Authority,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="target_rule_sets",
        verbose_name=_("cơ quan"),
    )
    valid_from = models.DateField(_("hiệu lực từ ngày"))
    valid_to = models.DateField(_("đến ngày"), null=True, blank=True)
    tolerance = models.DecimalField(
        _("dung sai"),
        max_digits=6,
        decimal_places=4,
        default=Decimal("0.0010"),
        help_text=_(
            "Tỷ lệ hoàn thành cách 100 % không quá mức này được tính là đạt "
            "(0,0010 = 0,1 điểm phần trăm)."
        ),
    )
    note = models.CharField(_("căn cứ"), max_length=300, blank=True)

    objects = ValidityQuerySet.as_manager()

    class Meta:
        verbose_name = _("quy tắc đánh giá chỉ tiêu")
        verbose_name_plural = _("quy tắc đánh giá chỉ tiêu")
        ordering = ["authority", "-valid_from"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gte=models.F("valid_from")),
                name="target_rule_set_dates_ordered",
            ),
            models.CheckConstraint(
                condition=Q(tolerance__gte=0) & Q(tolerance__lt=1),
                name="target_rule_set_tolerance_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.valid_from:%d/%m/%Y} – {self.tolerance}"


class Target(models.Model):
    """A target (chỉ tiêu) of one year, given to the authority as a whole (no unit) or to a unit.

    A target with children is a heading: the children are counted, the heading is not.
    """

    authority = models.ForeignKey(
        Authority, on_delete=models.PROTECT, related_name="targets", verbose_name=_("cơ quan")
    )
    unit = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="targets",
        verbose_name=_("đơn vị"),
        help_text=_("Để trống: chỉ tiêu chung của cơ quan."),
    )
    year = models.PositiveSmallIntegerField(_("năm"))
    code = models.CharField(_("mã chỉ tiêu"), max_length=30)
    name = models.CharField(_("tên chỉ tiêu"), max_length=300)
    group = models.CharField(_("lĩnh vực"), max_length=30, choices=TargetGroup.choices)
    unit_of_measure = models.CharField(_("đơn vị tính"), max_length=50, blank=True)
    direction = models.CharField(_("cách đánh giá"), max_length=20, choices=Direction.choices)
    plan_value = models.DecimalField(
        _("kế hoạch"),
        **VALUE,
        null=True,
        blank=True,
        help_text=_("Với chỉ tiêu giảm X %: số phần trăm phải giảm."),
    )
    baseline_value = models.DecimalField(_("mức gốc"), **VALUE, null=True, blank=True)
    range_min = models.DecimalField(_("cận dưới"), **VALUE, null=True, blank=True)
    range_max = models.DecimalField(_("cận trên"), **VALUE, null=True, blank=True)
    weight = models.DecimalField(_("trọng số"), max_digits=6, decimal_places=2, default=1)
    is_mandatory = models.BooleanField(_("bắt buộc"), default=True)
    parent = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("chỉ tiêu cha"),
    )
    sort_order = models.PositiveIntegerField(_("thứ tự"), default=0)

    class Meta:
        verbose_name = _("chỉ tiêu")
        verbose_name_plural = _("chỉ tiêu")
        ordering = ["year", "unit_id", "sort_order", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["authority", "year", "unit", "code"],
                condition=Q(unit__isnull=False),
                name="target_code_unique_per_unit",
            ),
            models.UniqueConstraint(
                fields=["authority", "year", "code"],
                condition=Q(unit__isnull=True),
                name="target_code_unique_per_authority",
            ),
        ]
        indexes = [models.Index(fields=["authority", "year"], name="target_authority_year")]

    def __str__(self) -> str:
        return f"{self.code} – {self.name}"

    def save(self, *args, **kwargs):
        self.name = normalize_text(self.name)
        super().save(*args, **kwargs)

    def clean(self) -> None:
        errors = {}
        if self.unit_id and self.unit.authority_id != self.authority_id:
            errors["unit"] = _("Đơn vị phải thuộc cùng cơ quan.")
        if self.parent_id and (
            self.parent.year != self.year or self.parent.unit_id != self.unit_id
        ):
            errors["parent"] = _("Chỉ tiêu cha phải cùng năm và cùng đơn vị.")
        if self.direction in (Direction.HIGHER_BETTER, Direction.LOWER_BETTER):
            if self.plan_value is None:
                errors["plan_value"] = _("Cần nhập kế hoạch.")
        elif self.direction == Direction.REDUCE_BY_PCT:
            if self.plan_value is None or self.plan_value < 0:
                errors["plan_value"] = _("Cần nhập số phần trăm phải giảm (không âm).")
            if self.baseline_value is None or self.baseline_value <= 0:
                errors["baseline_value"] = _("Chỉ tiêu giảm X % cần mức gốc lớn hơn 0.")
        elif self.direction == Direction.RANGE:
            if self.range_min is None and self.range_max is None:
                errors["range_min"] = _("Cần ít nhất một cận của khoảng.")
            elif (
                self.range_min is not None
                and self.range_max is not None
                and self.range_min > self.range_max
            ):
                errors["range_max"] = _("Cận trên phải không nhỏ hơn cận dưới.")
        if errors:
            raise ValidationError(errors)


class ReportingPeriod(models.Model):
    """A reporting period of a year for one authority. Closed, it is locked for units."""

    authority = models.ForeignKey(
        Authority,
        on_delete=models.PROTECT,
        related_name="reporting_periods",
        verbose_name=_("cơ quan"),
    )
    year = models.PositiveSmallIntegerField(_("năm"))
    kind = models.CharField(_("kỳ"), max_length=10, choices=PeriodKind.choices)
    state = models.CharField(
        _("trạng thái"), max_length=10, choices=PeriodState.choices, default=PeriodState.OPEN
    )

    class Meta:
        verbose_name = _("kỳ báo cáo")
        verbose_name_plural = _("kỳ báo cáo")
        ordering = ["authority", "year", "kind"]
        constraints = [
            models.UniqueConstraint(
                fields=["authority", "year", "kind"], name="reporting_period_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.year}"

    @property
    def is_closed(self) -> bool:
        return self.state == PeriodState.CLOSED


class ReportingPeriodEvent(models.Model):
    """Who closed or reopened a period, when and why."""

    period = models.ForeignKey(
        ReportingPeriod, on_delete=models.CASCADE, related_name="events", verbose_name=_("kỳ")
    )
    action = models.CharField(_("thao tác"), max_length=10, choices=PeriodAction.choices)
    reason = models.TextField(_("lý do"), blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("người thực hiện"),
    )
    at = models.DateTimeField(_("lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("lịch sử khóa kỳ")
        verbose_name_plural = _("lịch sử khóa kỳ")
        ordering = ["period", "-at", "-pk"]

    def __str__(self) -> str:
        return f"{self.period} – {self.get_action_display()}"


def evidence_path(actual: "Actual", filename: str) -> str:
    today = datetime.date.today()
    return storage_name(f"targets/evidence/{today:%Y/%m}/{actual.target_id}", filename)


class Actual(models.Model):
    """The value reached by a target in a period, as an estimate or the official figure.

    Written only by `emulation.targets.services`, which keeps every change in `ActualChange`.
    """

    target = models.ForeignKey(
        Target, on_delete=models.CASCADE, related_name="actuals", verbose_name=_("chỉ tiêu")
    )
    period = models.ForeignKey(
        ReportingPeriod, on_delete=models.PROTECT, related_name="actuals", verbose_name=_("kỳ")
    )
    value_kind = models.CharField(
        _("loại số liệu"), max_length=10, choices=ValueKind.choices, default=ValueKind.OFFICIAL
    )
    value = models.DecimalField(_("thực hiện"), **VALUE)
    evidence = models.FileField(_("minh chứng"), upload_to=evidence_path, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("người gửi"),
    )
    submitted_at = models.DateTimeField(_("gửi lúc"))
    updated_at = models.DateTimeField(_("cập nhật lúc"))

    class Meta:
        verbose_name = _("số liệu thực hiện")
        verbose_name_plural = _("số liệu thực hiện")
        ordering = ["target", "period", "value_kind"]
        constraints = [
            models.UniqueConstraint(
                fields=["target", "period", "value_kind"], name="actual_unique_per_period"
            )
        ]
        # The dashboards read a target's figures by target and nothing else of the row: with
        # the value in the index, the database answers from the index alone, one probe per
        # target, where without it a province's figures were cheaper to read whole.
        indexes = [
            models.Index(
                fields=["target", "period", "value_kind", "value"], name="actual_target_figures"
            )
        ]

    def __str__(self) -> str:
        return f"{self.target.code} {self.period}: {self.value}"


class ActualChange(models.Model):
    """One change of an actual value: old → new, who, when, why (history, never edited)."""

    actual = models.ForeignKey(
        Actual, on_delete=models.CASCADE, related_name="changes", verbose_name=_("số liệu")
    )
    old_value = models.DecimalField(_("giá trị cũ"), **VALUE, null=True, blank=True)
    new_value = models.DecimalField(_("giá trị mới"), **VALUE)
    reason = models.TextField(_("lý do"), blank=True)
    evidence_name = models.CharField(_("minh chứng"), max_length=200, blank=True)
    source = models.CharField(_("nguồn"), max_length=10, choices=ChangeSource.choices)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("người sửa"),
    )
    changed_at = models.DateTimeField(_("lúc"))

    class Meta:
        verbose_name = _("lịch sử số liệu")
        verbose_name_plural = _("lịch sử số liệu")
        ordering = ["actual", "-changed_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.old_value} → {self.new_value}"


class TargetImport(models.Model):
    """An uploaded Excel/CSV file of actuals, kept with its uploader until it is confirmed.
    A large file is written by a background document job (`targets_import`), which leaves a
    PDF report of the import on the uploader's job page.

    The bytes live in the row, so the confirmation reads exactly the file that was previewed by
    the same user; no file name ever comes back from the browser.
    """

    authority = models.ForeignKey(
        Authority, on_delete=models.CASCADE, related_name="+", verbose_name=_("cơ quan")
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="target_imports",
        verbose_name=_("người tải lên"),
    )
    filename = models.CharField(_("tên tệp"), max_length=200)
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    content = models.BinaryField(_("nội dung"))
    state = models.CharField(_("trạng thái"), max_length=10, choices=ImportState.choices)
    row_count = models.PositiveIntegerField(_("số dòng"), default=0)
    errors = models.JSONField(_("lỗi"), default=list, blank=True)
    result = models.JSONField(_("kết quả"), default=dict, blank=True)
    created_at = models.DateTimeField(_("tải lên lúc"), auto_now_add=True)
    committed_at = models.DateTimeField(_("ghi lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("tệp nhập số liệu")
        verbose_name_plural = _("tệp nhập số liệu")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.filename
