"""Emulation movements (phong trào thi đua), the year's registration (đăng ký thi đua) and
exemplary people and collectives (điển hình tiên tiến, người tốt việc tốt).

A movement is launched by the authority for a period; units take part, reports are made at its
milestones (sơ kết, tổng kết). At the start of a year each unit registers itself and its people
for the titles they aim at; `RegistrationRound` holds the authority's deadline for the year and
whether the awards appraisal requires a registration. Titles are kept by their catalogue code
(`awards.enums.AwardCode` values): emulation never imports awards.
"""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from documents.uploads import storage_name
from emulation.movements.enums import (
    ExemplaryKind,
    MilestoneKind,
    MovementKind,
    RegistrationState,
)

PERIOD_ORDER_MESSAGE = _("Ngày kết thúc phải sau ngày bắt đầu.")


def movement_file_path(instance: "MovementDocument | Milestone", filename: str) -> str:
    today = datetime.date.today()
    return storage_name(f"movements/{today:%Y/%m}/{instance.movement_id}", filename)


def exemplary_photo_path(instance: "ExemplaryPhoto", filename: str) -> str:
    today = datetime.date.today()
    return storage_name(f"exemplary/{today:%Y/%m}/{instance.exemplary_id}", filename)


class Movement(models.Model):
    """A movement (phong trào thi đua) the authority launches for a period."""

    authority = models.ForeignKey(
        "emulation.Authority",
        on_delete=models.PROTECT,
        related_name="movements",
        verbose_name=_("cơ quan"),
    )
    kind = models.CharField(_("loại phong trào"), max_length=20, choices=MovementKind.choices)
    name = models.CharField(_("tên phong trào"), max_length=300)
    launched_by = models.CharField(
        _("cấp phát động"), max_length=200, help_text=_("Ví dụ: Ủy ban nhân dân Quận 1")
    )
    launch_date = models.DateField(_("ngày phát động"))
    period_start = models.DateField(_("thời gian thực hiện từ ngày"))
    period_end = models.DateField(_("đến ngày"))
    goals = models.TextField(_("mục tiêu, nội dung"), blank=True)
    units = models.ManyToManyField(
        "emulation.Unit",
        related_name="movements",
        blank=True,
        verbose_name=_("đơn vị tham gia"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("phong trào thi đua")
        verbose_name_plural = _("phong trào thi đua")
        ordering = ["-launch_date", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(period_end__gte=models.F("period_start")),
                name="movement_period_ordered",
                violation_error_message=PERIOD_ORDER_MESSAGE,
            )
        ]

    def __str__(self) -> str:
        return self.name


class MovementDocument(models.Model):
    """A document attached to a movement: the launching plan, guidance, a report form…"""

    movement = models.ForeignKey(
        Movement, on_delete=models.CASCADE, related_name="documents", verbose_name=_("phong trào")
    )
    title = models.CharField(_("tên văn bản"), max_length=300)
    file = models.FileField(_("tệp"), upload_to=movement_file_path)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("tải lên lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("văn bản của phong trào")
        verbose_name_plural = _("văn bản của phong trào")
        ordering = ["movement", "uploaded_at", "pk"]

    def __str__(self) -> str:
        return self.title


class Milestone(models.Model):
    """A review of a movement (sơ kết, tổng kết) and its report once made."""

    movement = models.ForeignKey(
        Movement, on_delete=models.CASCADE, related_name="milestones", verbose_name=_("phong trào")
    )
    kind = models.CharField(_("loại"), max_length=20, choices=MilestoneKind.choices)
    due_date = models.DateField(_("ngày tổ chức"))
    report = models.TextField(_("báo cáo"), blank=True)
    report_file = models.FileField(_("tệp báo cáo"), upload_to=movement_file_path, blank=True)
    reported_at = models.DateTimeField(_("báo cáo lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("mốc sơ kết, tổng kết")
        verbose_name_plural = _("mốc sơ kết, tổng kết")
        ordering = ["movement", "due_date", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.due_date:%d/%m/%Y}"


class RegistrationRound(models.Model):
    """The authority's registration (đăng ký thi đua) for one year: its deadline, and whether
    the awards appraisal requires a registration for the title proposed."""

    authority = models.ForeignKey(
        "emulation.Authority",
        on_delete=models.PROTECT,
        related_name="registration_rounds",
        verbose_name=_("cơ quan"),
    )
    year = models.PositiveSmallIntegerField(_("năm"))
    deadline = models.DateField(_("hạn đăng ký"))
    requires_registration = models.BooleanField(
        _("bắt buộc đăng ký khi xét danh hiệu"),
        default=False,
        help_text=_("Khi đánh dấu, danh hiệu thi đua chỉ được xét cho người, tập thể đã đăng ký."),
    )

    class Meta:
        verbose_name = _("đợt đăng ký thi đua")
        verbose_name_plural = _("đợt đăng ký thi đua")
        ordering = ["-year"]
        constraints = [
            models.UniqueConstraint(
                fields=["authority", "year"], name="registration_round_unique_year"
            )
        ]

    def __str__(self) -> str:
        return f"{self.year}"


class Registration(models.Model):
    """A unit's registration for the year: drafted by its head or clerk, submitted by its
    head. `state` changes only through `services.set_registration_state` (the workflow)."""

    round = models.ForeignKey(
        RegistrationRound,
        on_delete=models.PROTECT,
        related_name="registrations",
        verbose_name=_("đợt đăng ký"),
    )
    unit = models.ForeignKey(
        "emulation.Unit",
        on_delete=models.PROTECT,
        related_name="registrations",
        verbose_name=_("đơn vị"),
    )
    state = models.CharField(
        _("trạng thái"),
        max_length=20,
        choices=RegistrationState.choices,
        default=RegistrationState.DRAFT,
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("người gửi"),
    )
    submitted_at = models.DateTimeField(_("gửi lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("bản đăng ký thi đua")
        verbose_name_plural = _("bản đăng ký thi đua")
        ordering = ["round", "unit__sort_order", "unit__name"]
        constraints = [
            models.UniqueConstraint(fields=["round", "unit"], name="registration_unique_unit")
        ]

    def __str__(self) -> str:
        return f"{self.unit} – {self.round}"

    @property
    def is_submitted(self) -> bool:
        return self.state == RegistrationState.SUBMITTED


class RegistrationLine(models.Model):
    """One title aimed at: by a person of the unit, or by the unit itself (no person)."""

    registration = models.ForeignKey(
        Registration, on_delete=models.CASCADE, related_name="lines", verbose_name=_("bản đăng ký")
    )
    title_code = models.CharField(_("danh hiệu đăng ký"), max_length=30)
    person = models.ForeignKey(
        "emulation.Person",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="registration_lines",
        verbose_name=_("cá nhân"),
    )

    class Meta:
        verbose_name = _("danh hiệu đăng ký")
        verbose_name_plural = _("danh hiệu đăng ký")
        ordering = ["registration", "person__full_name", "title_code", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["registration", "person", "title_code"],
                name="registration_line_unique_person",
            ),
            models.UniqueConstraint(
                fields=["registration", "title_code"],
                condition=Q(person__isnull=True),
                name="registration_line_unique_collective",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person or self.registration.unit} – {self.title_code}"


class Exemplary(models.Model):
    """An exemplary person or collective (điển hình tiên tiến, người tốt việc tốt) and the
    story of what they did."""

    authority = models.ForeignKey(
        "emulation.Authority",
        on_delete=models.PROTECT,
        related_name="exemplaries",
        verbose_name=_("cơ quan"),
    )
    unit = models.ForeignKey(
        "emulation.Unit",
        on_delete=models.PROTECT,
        related_name="exemplaries",
        verbose_name=_("đơn vị quản lý"),
    )
    kind = models.CharField(_("đối tượng"), max_length=20, choices=ExemplaryKind.choices)
    person = models.ForeignKey(
        "emulation.Person",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="exemplaries",
        verbose_name=_("cá nhân"),
    )
    title = models.CharField(_("tiêu đề"), max_length=300)
    field = models.CharField(_("lĩnh vực"), max_length=200)
    story = models.TextField(_("câu chuyện, thành tích"))
    period_start = models.DateField(_("từ ngày"))
    period_end = models.DateField(_("đến ngày"))
    movement = models.ForeignKey(
        Movement,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="exemplaries",
        verbose_name=_("thuộc phong trào"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("điển hình tiên tiến")
        verbose_name_plural = _("điển hình tiên tiến")
        ordering = ["-period_end", "title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(period_end__gte=models.F("period_start")),
                name="exemplary_period_ordered",
                violation_error_message=PERIOD_ORDER_MESSAGE,
            ),
            models.CheckConstraint(
                condition=Q(kind=ExemplaryKind.PERSON, person__isnull=False)
                | Q(kind=ExemplaryKind.COLLECTIVE, person__isnull=True),
                name="exemplary_subject_given",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def subject_name(self) -> str:
        return self.person.full_name if self.person_id else self.unit.name


class ExemplaryPhoto(models.Model):
    exemplary = models.ForeignKey(
        Exemplary, on_delete=models.CASCADE, related_name="photos", verbose_name=_("điển hình")
    )
    image = models.FileField(_("ảnh"), upload_to=exemplary_photo_path)
    caption = models.CharField(_("chú thích"), max_length=300, blank=True)
    width = models.PositiveIntegerField(_("rộng (px)"))
    height = models.PositiveIntegerField(_("cao (px)"))
    uploaded_at = models.DateTimeField(_("tải lên lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("ảnh")
        verbose_name_plural = _("ảnh")
        ordering = ["exemplary", "uploaded_at", "pk"]

    def __str__(self) -> str:
        return self.caption or self.image.name
