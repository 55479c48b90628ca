"""Scoring tables and rounds of clusters and blocs (bảng chấm điểm, chấm điểm thi đua cụm, khối).

A `ScoreTable` belongs to one cluster and year: groups of criteria, each criterion with its
maximum and method, bonus and penalty items with their caps, and the settings of ranking
(classification thresholds, how many units lead). A `ScoringRound` (sơ kết, tổng kết) gives
every member unit a `ScoreSheet`; its `ScoreEntry` rows are append-only: every self-score,
cross-check and final score is a new row with its author and time, the latest of a stage wins.
"""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from documents.uploads import storage_name
from emulation.models.history import StateEvent
from emulation.scoring.enums import ItemKind, Method, RoundKind, SheetState, Stage

POINTS = {"max_digits": 8, "decimal_places": 2}


class ScoreTable(models.Model):
    """Bảng chấm điểm of a cluster or bloc for its year."""

    cluster = models.OneToOneField(
        "emulation.Cluster",
        on_delete=models.PROTECT,
        related_name="score_table",
        verbose_name=_("cụm, khối"),
    )
    pledge = models.ForeignKey(
        "emulation.Pledge",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("giao ước thi đua"),
    )
    title = models.CharField(_("tên bảng điểm"), max_length=300)
    copied_from = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("sao chép từ"),
    )
    bonus_cap = models.DecimalField(
        _("điểm thưởng tối đa"), **POINTS, default=Decimal(0), help_text=_("0: không cộng điểm")
    )
    penalty_cap = models.DecimalField(
        _("điểm trừ tối đa"),
        **POINTS,
        null=True,
        blank=True,
        help_text=_("Để trống: không giới hạn"),
    )
    excellent_from = models.DecimalField(
        _("xuất sắc từ (% điểm tối đa)"), max_digits=5, decimal_places=2, default=Decimal(90)
    )
    good_from = models.DecimalField(
        _("tốt từ (% điểm tối đa)"), max_digits=5, decimal_places=2, default=Decimal(80)
    )
    fair_from = models.DecimalField(
        _("khá từ (% điểm tối đa)"), max_digits=5, decimal_places=2, default=Decimal(65)
    )
    flags_per_cluster = models.PositiveSmallIntegerField(
        _("số đơn vị dẫn đầu đề nghị Cờ thi đua"), default=1
    )
    merits_per_cluster = models.PositiveSmallIntegerField(
        _("số đơn vị xuất sắc đề nghị Bằng khen"), default=2
    )
    created_at = models.DateTimeField(_("lập lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("bảng chấm điểm")
        verbose_name_plural = _("bảng chấm điểm")
        ordering = ["-cluster__year", "cluster__code"]
        constraints = [
            models.CheckConstraint(
                condition=Q(fair_from__lte=models.F("good_from"))
                & Q(good_from__lte=models.F("excellent_from")),
                name="score_table_thresholds_ordered",
            )
        ]

    def __str__(self) -> str:
        return self.title


class CriteriaGroup(models.Model):
    """Nhóm tiêu chí; the first group (by order) breaks ties (DOMAIN §7.4)."""

    table = models.ForeignKey(
        ScoreTable, on_delete=models.CASCADE, related_name="groups", verbose_name=_("bảng điểm")
    )
    code = models.CharField(_("mã"), max_length=20)
    name = models.CharField(_("tên nhóm"), max_length=300)
    sort_order = models.PositiveIntegerField(_("thứ tự"), default=0)

    class Meta:
        verbose_name = _("nhóm tiêu chí")
        verbose_name_plural = _("nhóm tiêu chí")
        ordering = ["table", "sort_order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["table", "code"], name="criteria_group_code_unique")
        ]

    def __str__(self) -> str:
        return f"{self.code}. {self.name}"


class Criterion(models.Model):
    """A criterion (tiêu chí), a bonus (điểm thưởng) or a penalty (điểm trừ) of a table.

    `max_points` caps a criterion and a bonus item; for a penalty it caps the item when set.
    `points_per_item` is the value of one counted item (method "count"), `target_code` names
    each member unit's own target of the year (method "target").
    """

    table = models.ForeignKey(
        ScoreTable, on_delete=models.CASCADE, related_name="items", verbose_name=_("bảng điểm")
    )
    group = models.ForeignKey(
        CriteriaGroup,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="criteria",
        verbose_name=_("nhóm"),
    )
    kind = models.CharField(_("loại"), max_length=10, choices=ItemKind.choices)
    code = models.CharField(_("mã"), max_length=20)
    name = models.CharField(_("nội dung"), max_length=500)
    method = models.CharField(_("cách chấm"), max_length=10, choices=Method.choices)
    max_points = models.DecimalField(_("điểm tối đa"), **POINTS, null=True, blank=True)
    points_per_item = models.DecimalField(_("điểm mỗi lần"), **POINTS, null=True, blank=True)
    target_code = models.CharField(_("mã chỉ tiêu"), max_length=30, blank=True)
    evidence_required = models.BooleanField(_("bắt buộc minh chứng"), default=False)
    sort_order = models.PositiveIntegerField(_("thứ tự"), default=0)

    class Meta:
        verbose_name = _("tiêu chí chấm điểm")
        verbose_name_plural = _("tiêu chí chấm điểm")
        ordering = ["table", "kind", "group__sort_order", "sort_order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["table", "code"], name="criterion_code_unique"),
            models.CheckConstraint(
                condition=~Q(kind=ItemKind.CRITERION) | Q(group__isnull=False),
                name="criterion_in_group",
            ),
            models.CheckConstraint(
                condition=Q(kind=ItemKind.PENALTY) | Q(max_points__gt=0),
                name="criterion_has_max_points",
            ),
            models.CheckConstraint(
                condition=~Q(method=Method.COUNT) | Q(points_per_item__gt=0),
                name="criterion_count_has_points_per_item",
            ),
            models.CheckConstraint(
                condition=~Q(method=Method.TARGET) | ~Q(target_code=""),
                name="criterion_target_has_code",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code}. {self.name}"


class ScoringRound(models.Model):
    """Đợt chấm điểm: the mid-year (sơ kết) or year-end (tổng kết) scoring of a table."""

    table = models.ForeignKey(
        ScoreTable, on_delete=models.PROTECT, related_name="rounds", verbose_name=_("bảng điểm")
    )
    kind = models.CharField(_("đợt"), max_length=10, choices=RoundKind.choices)
    deadline = models.DateField(_("hạn tự chấm"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("người mở"),
    )
    created_at = models.DateTimeField(_("mở lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("đợt chấm điểm")
        verbose_name_plural = _("đợt chấm điểm")
        ordering = ["-table__cluster__year", "table__cluster__code", "kind"]
        constraints = [
            models.UniqueConstraint(fields=["table", "kind"], name="scoring_round_unique")
        ]

    def __str__(self) -> str:
        return f"{self.table.cluster} – {self.get_kind_display()}"


class ScoreSheet(models.Model):
    """One member unit's scores in a round. `state` changes only through
    `emulation.scoring.services.set_sheet_state`."""

    round = models.ForeignKey(
        ScoringRound, on_delete=models.CASCADE, related_name="sheets", verbose_name=_("đợt")
    )
    unit = models.ForeignKey(
        "emulation.Unit", on_delete=models.PROTECT, related_name="+", verbose_name=_("đơn vị")
    )
    state = models.CharField(
        _("trạng thái"), max_length=10, choices=SheetState.choices, default=SheetState.DRAFT
    )
    version = models.PositiveIntegerField(_("phiên bản"), default=0)
    total = models.DecimalField(_("tổng điểm"), **POINTS, null=True, blank=True)
    first_group_total = models.DecimalField(_("điểm nhóm 1"), **POINTS, null=True, blank=True)
    finalised_at = models.DateTimeField(_("chốt lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("phiếu chấm điểm")
        verbose_name_plural = _("phiếu chấm điểm")
        ordering = ["round", "unit__name"]
        constraints = [models.UniqueConstraint(fields=["round", "unit"], name="score_sheet_unique")]

    def __str__(self) -> str:
        return f"{self.round} – {self.unit}"


def evidence_path(entry: "ScoreEntry", filename: str) -> str:
    return storage_name(f"scoring/{entry.sheet.round_id}/{entry.sheet.unit_id}", filename)


class ScoreEntry(models.Model):
    """One version of one item's score: what was entered (`value`: points, 1/0 or a count),
    the points it gives, who entered it, when, and why (required for a changed cross-check
    or final score). Never updated: a new score is a new row."""

    sheet = models.ForeignKey(
        ScoreSheet, on_delete=models.CASCADE, related_name="entries", verbose_name=_("phiếu")
    )
    criterion = models.ForeignKey(
        Criterion, on_delete=models.PROTECT, related_name="+", verbose_name=_("tiêu chí")
    )
    stage = models.CharField(_("lần chấm"), max_length=10, choices=Stage.choices)
    value = models.DecimalField(_("giá trị nhập"), **POINTS, null=True, blank=True)
    points = models.DecimalField(_("điểm"), **POINTS)
    note = models.TextField(_("ghi chú, lý do"), blank=True)
    evidence = models.FileField(_("minh chứng"), upload_to=evidence_path, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("người chấm"),
    )
    created_at = models.DateTimeField(_("lúc"))

    class Meta:
        verbose_name = _("điểm chấm")
        verbose_name_plural = _("điểm chấm")
        ordering = ["sheet", "criterion", "created_at", "pk"]
        indexes = [models.Index(fields=["sheet", "stage"], name="score_entry_sheet_stage")]

    def __str__(self) -> str:
        return f"{self.criterion.code} {self.stage}: {self.points}"


class SheetEvent(StateEvent):
    """History of a sheet's state: every move, who, when and why."""

    sheet = models.ForeignKey(
        ScoreSheet, on_delete=models.CASCADE, related_name="events", verbose_name=_("phiếu")
    )
    from_state = models.CharField(_("từ"), max_length=10, choices=SheetState.choices)
    to_state = models.CharField(_("sang"), max_length=10, choices=SheetState.choices)

    class Meta:
        verbose_name = _("lịch sử phiếu chấm")
        verbose_name_plural = _("lịch sử phiếu chấm")
        ordering = ["sheet", "at", "pk"]
