"""States and choices of the year-end report (báo cáo tổng kết)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ReportStatus(models.TextChoices):
    """A report is written as a draft (dự thảo) and issued (ban hành) when the chairperson
    signs it; an issued report is never edited again."""

    DRAFT = "draft", _("Dự thảo")
    ISSUED = "issued", _("Đã ký ban hành")
