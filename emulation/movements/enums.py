"""Kinds and states of movements, registrations and exemplary stories (phong trào thi đua)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class MovementKind(models.TextChoices):
    REGULAR = "regular", _("Thường xuyên (hằng năm)")
    THEMATIC = "thematic", _("Theo chuyên đề, đợt")


class MilestoneKind(models.TextChoices):
    MID_YEAR = "mid_year", _("Sơ kết")
    YEAR_END = "year_end", _("Tổng kết")


class RegistrationState(models.TextChoices):
    DRAFT = "draft", _("Đang soạn")
    SUBMITTED = "submitted", _("Đã gửi")


class ExemplaryKind(models.TextChoices):
    PERSON = "person", _("Cá nhân")
    COLLECTIVE = "collective", _("Tập thể")
