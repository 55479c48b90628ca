"""Kinds and states of clusters, blocs and pledges (cụm, khối, giao ước thi đua)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from config.reauth import AuthMethod  # noqa: F401  (shared by every signature; kept importable here)


class ClusterKind(models.TextChoices):
    CLUSTER = "cluster", _("Cụm thi đua")
    BLOC = "bloc", _("Khối thi đua")


class VersionStatus(models.TextChoices):
    DRAFT = "draft", _("Dự thảo")
    OPEN = "open", _("Đang ký")
    COMPLETE = "complete", _("Đã ký đủ")
    SUPERSEDED = "superseded", _("Đã thay bằng bản sửa đổi")


class SlotStatus(models.TextChoices):
    PENDING = "pending", _("Chưa ký")
    SIGNED = "signed", _("Đã ký")
    DECLINED = "declined", _("Từ chối ký")


class ItemKind(models.TextChoices):
    FREE = "free", _("Cam kết")
    TARGET = "target", _("Chỉ tiêu")


class ActivityKind(models.TextChoices):
    MID_YEAR_REVIEW = "mid_year_review", _("Sơ kết 6 tháng")
    YEAR_END_REVIEW = "year_end_review", _("Tổng kết năm")
    EXCHANGE_VISIT = "exchange_visit", _("Giao lưu, học tập kinh nghiệm")
    REPORT_DEADLINE = "report_deadline", _("Hạn nộp báo cáo")
    OTHER = "other", _("Hoạt động khác")


class EventKind(models.TextChoices):
    CREATED = "created", _("Tạo dự thảo")
    COMMENTED = "commented", _("Góp ý dự thảo")
    EDITED = "edited", _("Sửa dự thảo")
    OPENED = "opened", _("Mở ký")
    VIEWED = "viewed", _("Xem văn bản ký")
    SIGNED = "signed", _("Ký")
    DECLINED = "declined", _("Từ chối ký")
    REMINDED = "reminded", _("Nhắc ký")
    COMPLETED = "completed", _("Đã ký đủ")
    AMENDED = "amended", _("Sửa đổi")
