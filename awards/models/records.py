"""The records the rules read: each person's and unit's year (xếp loại, months worked),
disciplines (kỷ luật), initiatives (sáng kiến) and the titles already held.
"""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from awards.enums import DisciplineLevel, DutyRating, InitiativeLevel
from awards.models.catalogue import Award
from emulation.enums import AuthorityLevel, choice_label
from emulation.models import Person, Unit


class PersonYear(models.Model):
    """A person's year as the rules read it: the unit whose roll they are on, the duty rating
    (xếp loại chất lượng) and the months worked."""

    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="award_years", verbose_name=_("cá nhân")
    )
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="award_roll", verbose_name=_("đơn vị")
    )
    year = models.PositiveSmallIntegerField(_("năm"))
    duty_rating = models.CharField(_("xếp loại"), max_length=20, choices=DutyRating.choices)
    months_worked = models.PositiveSmallIntegerField(_("số tháng công tác"), default=12)

    class Meta:
        verbose_name = _("kết quả năm của cá nhân")
        verbose_name_plural = _("kết quả năm của cá nhân")
        ordering = ["-year", "person"]
        constraints = [
            models.UniqueConstraint(fields=["person", "year"], name="person_year_unique"),
            models.CheckConstraint(
                condition=Q(months_worked__lte=12), name="person_year_months_at_most_12"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} – {self.year}"

    def get_duty_rating_display(self) -> str:
        # Django's own translates the label of every choice on each call; a dossier lists
        # each nominee's ratings of ten years.
        return choice_label(DutyRating, self.duty_rating)


class UnitYear(models.Model):
    """A collective's own rating for the year (hoàn thành tốt nhiệm vụ và kế hoạch…)."""

    unit = models.ForeignKey(
        Unit, on_delete=models.CASCADE, related_name="award_years", verbose_name=_("đơn vị")
    )
    year = models.PositiveSmallIntegerField(_("năm"))
    duty_rating = models.CharField(_("xếp loại"), max_length=20, choices=DutyRating.choices)

    class Meta:
        verbose_name = _("kết quả năm của tập thể")
        verbose_name_plural = _("kết quả năm của tập thể")
        constraints = [models.UniqueConstraint(fields=["unit", "year"], name="unit_year_unique")]

    def __str__(self) -> str:
        return f"{self.unit} – {self.year}"


class Discipline(models.Model):
    """A disciplinary measure (kỷ luật) with its level and date."""

    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="disciplines", verbose_name=_("cá nhân")
    )
    level = models.CharField(_("hình thức"), max_length=20, choices=DisciplineLevel.choices)
    decided_on = models.DateField(_("ngày quyết định"))
    decision_number = models.CharField(_("số quyết định"), max_length=60, blank=True)

    class Meta:
        verbose_name = _("kỷ luật")
        verbose_name_plural = _("kỷ luật")
        ordering = ["-decided_on"]

    def __str__(self) -> str:
        return f"{self.person} – {self.get_level_display()}"


class Initiative(models.Model):
    """A recognised initiative (sáng kiến) or research work, with its scope of recognition."""

    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="initiatives", verbose_name=_("cá nhân")
    )
    title = models.CharField(_("tên sáng kiến"), max_length=300)
    level = models.CharField(_("cấp công nhận"), max_length=20, choices=InitiativeLevel.choices)
    decision_number = models.CharField(_("số quyết định công nhận"), max_length=60)
    recognised_on = models.DateField(_("ngày công nhận"))

    class Meta:
        verbose_name = _("sáng kiến")
        verbose_name_plural = _("sáng kiến")
        ordering = ["-recognised_on"]

    def __str__(self) -> str:
        return self.title


class TitleHeld(models.Model):
    """An award a person or a unit already holds for a year (recorded from an earlier decision,
    or by signing a decision here). Revoked awards keep their row, marked revoked."""

    person = models.ForeignKey(
        Person,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="titles_held",
        verbose_name=_("cá nhân"),
    )
    unit = models.ForeignKey(
        Unit,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="titles_held",
        verbose_name=_("tập thể"),
    )
    award = models.ForeignKey(Award, on_delete=models.PROTECT, verbose_name=_("danh hiệu"))
    year = models.PositiveSmallIntegerField(_("năm thành tích"))
    decision_reference = models.CharField(_("quyết định"), max_length=120, blank=True)
    decided_on = models.DateField(_("ngày quyết định"), null=True, blank=True)
    issuer_level = models.CharField(
        _("cấp ban hành"),
        max_length=20,
        choices=AuthorityLevel.choices,
        blank=True,
        help_text=_("Cấp của cơ quan đã quyết định, ví dụ: Quận, huyện (trước 01/07/2025)"),
    )
    decision_line = models.OneToOneField(
        "DecisionLine",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="title_held",
        verbose_name=_("dòng quyết định"),
    )
    revoked = models.BooleanField(_("đã hủy bỏ"), default=False)

    class Meta:
        verbose_name = _("danh hiệu đã đạt")
        verbose_name_plural = _("danh hiệu đã đạt")
        ordering = ["-year"]
        constraints = [
            models.CheckConstraint(
                condition=Q(person__isnull=False, unit__isnull=True)
                | Q(person__isnull=True, unit__isnull=False),
                name="title_held_one_subject",
            )
        ]

    def __str__(self) -> str:
        return f"{self.person or self.unit} – {self.award} {self.year}"

    def get_issuer_level_display(self) -> str:
        # As PersonYear.get_duty_rating_display: one label translated, not all of them.
        return choice_label(AuthorityLevel, self.issuer_level)
