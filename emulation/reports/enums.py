"""States and choices of the year-end report (báo cáo tổng kết)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ReportStatus(models.TextChoices):
    """A report is written as a draft (dự thảo) and issued (ban hành) when the chairperson
    signs it; an issued report is never edited again."""

    DRAFT = "draft", _("Dự thảo")
    ISSUED = "issued", _("Đã ký ban hành")


class SignerCapacity(models.TextChoices):
    """In whose name the report is signed (Nghị định 30/2020: "TM." for the collective, then
    the chairperson, or "KT. CHỦ TỊCH" for a deputy signing in the chairperson's stead)."""

    CHAIRPERSON = "chairperson", _("Chủ tịch")
    DEPUTY = "deputy", _("Phó Chủ tịch, ký thay Chủ tịch")
