"""Kinds and states of cluster scoring (chấm điểm thi đua cụm, khối; DOMAIN §7.3–§7.4)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ItemKind(models.TextChoices):
    CRITERION = "criterion", _("Tiêu chí")
    BONUS = "bonus", _("Điểm thưởng")
    PENALTY = "penalty", _("Điểm trừ")


class Method(models.TextChoices):
    """How an item turns into points."""

    MANUAL = "manual", _("Chấm trực tiếp")
    TARGET = "target", _("Theo kết quả chỉ tiêu")
    BOOLEAN = "boolean", _("Có / không")
    COUNT = "count", _("Theo số lượng")


class RoundKind(models.TextChoices):
    MID_YEAR = "mid_year", _("Sơ kết 6 tháng")
    YEAR_END = "year_end", _("Tổng kết năm")


class Stage(models.TextChoices):
    """Which version of a score an entry is."""

    SELF = "self", _("Đơn vị tự chấm")
    CROSS = "cross", _("Cụm trưởng, cụm phó chấm")
    FINAL = "final", _("Cơ quan thi đua chốt")


class SheetState(models.TextChoices):
    DRAFT = "draft", _("Đang chấm")
    SUBMITTED = "submitted", _("Đã gửi")
    CHECKED = "checked", _("Đã thẩm định")
    FINAL = "final", _("Đã chốt, công bố")


class Classification(models.TextChoices):
    """Xếp loại by the share of the table's maximum (thresholds are settings of the table)."""

    EXCELLENT = "excellent", _("Xuất sắc")
    GOOD = "good", _("Tốt")
    FAIR = "fair", _("Khá")
    AVERAGE = "average", _("Trung bình")
