"""The authority (the tenant), its units, people and users.

Everything that changes over time keeps its history by date: an authority's identity (District 1
until 30/06/2025, a ward after), a unit's life (merged or dissolved), a person's posts.
"""

import datetime
import unicodedata

from django.contrib.auth.models import AbstractUser, UserManager
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from config import clock
from emulation.enums import (
    AUTHORITY_WIDE_ROLES,
    AuthorityLevel,
    Gender,
    Role,
    StaffCategory,
    UnitKind,
    choice_label,
)


def normalize_text(value: str) -> str:
    """Names are stored in NFC so that they compare, sort and extract from PDFs as typed."""
    return unicodedata.normalize("NFC", " ".join((value or "").split()))


class ValidityQuerySet(models.QuerySet):
    def valid_on(self, day: datetime.date):
        return self.filter(Q(valid_from__lte=day), Q(valid_to__isnull=True) | Q(valid_to__gte=day))


class Authority(models.Model):
    """The issuing authority (cơ quan, đơn vị ban hành): the tenant of every record.

    Its name, level and document header change with reorganisations; they live in
    `AuthorityIdentity` rows by date, so that a 2024 decision still reads "Quận 1".
    """

    code = models.SlugField(_("mã"), max_length=40, unique=True)
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("cơ quan ban hành")
        verbose_name_plural = _("cơ quan ban hành")

    def __str__(self) -> str:
        identity = self.identity_on(clock.today())
        return identity.name if identity else self.code

    def identity_on(self, day: datetime.date) -> "AuthorityIdentity | None":
        return AuthorityIdentity.of_authority_on(self.pk, day)

    def representing_unit_on(self, day: datetime.date) -> "Unit | None":
        """The superior's unit that stands for this authority on `day` (with its authority),
        or None at the top or when the superior is not on the instance."""
        return (
            Unit.objects.valid_on(day)
            .filter(represents=self)
            .select_related("authority")
            .order_by("-valid_from")
            .first()
        )

    def superior_on(self, day: datetime.date) -> "Authority | None":
        """The authority above this one on `day` on this instance (the province of a commune),
        through the superior's unit that represents it."""
        unit = self.representing_unit_on(day)
        return unit.authority if unit is not None else None


class AuthorityIdentity(models.Model):
    """The authority as it was named and ranked between two dates."""

    authority = models.ForeignKey(
        Authority, on_delete=models.CASCADE, related_name="identities", verbose_name=_("cơ quan")
    )
    valid_from = models.DateField(_("hiệu lực từ ngày"))
    valid_to = models.DateField(_("đến ngày"), null=True, blank=True)
    name = models.CharField(_("tên"), max_length=200, help_text=_("Ví dụ: Quận 1"))
    level = models.CharField(_("cấp"), max_length=20, choices=AuthorityLevel.choices)
    superior_name = models.CharField(
        _("cơ quan cấp trên"),
        max_length=200,
        blank=True,
        help_text=_("Dòng trên cùng của tiêu đề văn bản, ví dụ: THÀNH PHỐ HỒ CHÍ MINH"),
    )
    issuer_name = models.CharField(
        _("tên cơ quan ban hành văn bản"),
        max_length=200,
        help_text=_("Ví dụ: ỦY BAN NHÂN DÂN QUẬN 1"),
    )
    issuer_symbol = models.CharField(
        _("chữ viết tắt"), max_length=20, help_text=_("Trong số ký hiệu văn bản, ví dụ: UBND")
    )
    place_name = models.CharField(
        _("địa danh"), max_length=100, help_text=_("Ghi trước ngày tháng văn bản, ví dụ: Quận 1")
    )
    address = models.CharField(_("địa chỉ"), max_length=300, blank=True)

    objects = ValidityQuerySet.as_manager()

    class Meta:
        verbose_name = _("tên gọi theo thời kỳ")
        verbose_name_plural = _("tên gọi theo thời kỳ")
        ordering = ["authority", "valid_from"]
        constraints = [
            models.UniqueConstraint(
                fields=["authority", "valid_from"], name="authority_identity_unique_start"
            ),
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gte=models.F("valid_from")),
                name="authority_identity_dates_ordered",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @classmethod
    def of_authority_on(cls, authority_id: int, day: datetime.date) -> "AuthorityIdentity | None":
        """The identity of the authority `authority_id` on `day`, read by the id alone (a
        page that shows the name need not read the authority's own row)."""
        return (
            cls.objects.filter(authority_id=authority_id)
            .valid_on(day)
            .order_by("-valid_from")
            .first()
        )

    def clean(self) -> None:
        if self.valid_from and self.authority_id:
            overlapping = AuthorityIdentity.objects.filter(authority_id=self.authority_id).exclude(
                pk=self.pk
            )
            end = self.valid_to or datetime.date.max
            overlapping = overlapping.filter(
                Q(valid_to__isnull=True) | Q(valid_to__gte=self.valid_from), valid_from__lte=end
            )
            if overlapping.exists():
                raise ValidationError(_("Thời kỳ này trùng với một tên gọi khác của cơ quan."))


class UnitQuerySet(ValidityQuerySet):
    def active(self):
        return self.valid_on(clock.today())


class Unit(models.Model):
    """A unit (đơn vị) under the authority: a ward, an office, a school, an organisation…"""

    authority = models.ForeignKey(
        Authority, on_delete=models.PROTECT, related_name="units", verbose_name=_("cơ quan")
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("đơn vị cấp trên"),
    )
    code = models.CharField(_("mã đơn vị"), max_length=30)
    name = models.CharField(_("tên đơn vị"), max_length=200)
    kind = models.CharField(_("loại đơn vị"), max_length=30, choices=UnitKind.choices)
    head = models.ForeignKey(
        "Person",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="headed_units",
        verbose_name=_("thủ trưởng"),
    )
    address = models.CharField(_("địa chỉ"), max_length=300, blank=True)
    phone = models.CharField(_("điện thoại"), max_length=30, blank=True)
    valid_from = models.DateField(_("thành lập từ ngày"), default=datetime.date(2000, 1, 1))
    valid_to = models.DateField(_("giải thể, sáp nhập ngày"), null=True, blank=True)
    merged_into = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="merged_from",
        verbose_name=_("sáp nhập vào"),
    )
    sort_order = models.PositiveIntegerField(_("thứ tự"), default=0)
    # A province's unit standing for a subordinate authority on the same instance (a commune
    # or ward, a department): the tree of authorities, dated by the unit's validity. That
    # authority's submissions arrive at this unit's authority (awards.submissions.upward).
    represents = models.ForeignKey(
        Authority,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="representing_units",
        verbose_name=_("cơ quan cấp dưới"),
        help_text=_("Xã, phường hoặc sở, ngành mà đơn vị này đại diện trong cơ quan cấp trên"),
    )

    objects = UnitQuerySet.as_manager()

    class Meta:
        verbose_name = _("đơn vị")
        verbose_name_plural = _("đơn vị")
        ordering = ["sort_order", "name"]
        constraints = [
            models.UniqueConstraint(fields=["authority", "code"], name="unit_code_unique"),
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gte=models.F("valid_from")),
                name="unit_dates_ordered",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        self.name = normalize_text(self.name)
        super().save(*args, **kwargs)

    def clean(self) -> None:
        if self.parent_id and self.parent.authority_id != self.authority_id:
            raise ValidationError({"parent": _("Đơn vị cấp trên phải thuộc cùng cơ quan.")})
        if self.represents_id and self.represents_id == self.authority_id:
            raise ValidationError({"represents": _("Cơ quan không thể là cấp dưới của chính nó.")})
        if self.merged_into_id and not self.valid_to:
            raise ValidationError({"valid_to": _("Đơn vị đã sáp nhập phải có ngày sáp nhập.")})

    def get_kind_display(self) -> str:
        return choice_label(UnitKind, self.kind)

    def is_active_on(self, day: datetime.date) -> bool:
        return self.valid_from <= day and (self.valid_to is None or self.valid_to >= day)


class Person(models.Model):
    """A person (cá nhân) with an identity that stays the same across years and transfers."""

    authority = models.ForeignKey(
        Authority, on_delete=models.PROTECT, related_name="people", verbose_name=_("cơ quan")
    )
    full_name = models.CharField(_("họ và tên"), max_length=120)
    gender = models.CharField(_("giới tính"), max_length=10, choices=Gender.choices)
    date_of_birth = models.DateField(_("ngày sinh"), null=True, blank=True)
    staff_code = models.CharField(_("mã cán bộ"), max_length=30, blank=True)
    email = models.EmailField(_("thư điện tử"), blank=True)
    units = models.ManyToManyField(
        Unit, through="Employment", related_name="people", verbose_name=_("đơn vị")
    )

    class Meta:
        verbose_name = _("cá nhân")
        verbose_name_plural = _("cá nhân")
        ordering = ["full_name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["authority", "staff_code"],
                condition=~Q(staff_code=""),
                name="person_staff_code_unique",
            )
        ]

    def __str__(self) -> str:
        return self.full_name

    def save(self, *args, **kwargs):
        self.full_name = normalize_text(self.full_name)
        super().save(*args, **kwargs)


class EmploymentQuerySet(models.QuerySet):
    def current_on(self, day: datetime.date):
        return self.filter(Q(start_date__lte=day), Q(end_date__isnull=True) | Q(end_date__gte=day))


class Employment(models.Model):
    """A person's post in a unit between two dates (công tác). Transfers close one, open another."""

    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="employments", verbose_name=_("cá nhân")
    )
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="employments", verbose_name=_("đơn vị")
    )
    position = models.CharField(_("chức vụ"), max_length=120, blank=True)
    category = models.CharField(_("ngạch, loại"), max_length=20, choices=StaffCategory.choices)
    start_date = models.DateField(_("từ ngày"))
    end_date = models.DateField(_("đến ngày"), null=True, blank=True)

    objects = EmploymentQuerySet.as_manager()

    class Meta:
        verbose_name = _("quá trình công tác")
        verbose_name_plural = _("quá trình công tác")
        ordering = ["person", "start_date"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
                name="employment_dates_ordered",
            )
        ]

    def __str__(self) -> str:
        return f"{self.person} – {self.unit}"

    def clean(self) -> None:
        if self.unit_id and self.person_id and self.unit.authority_id != self.person.authority_id:
            raise ValidationError({"unit": _("Đơn vị phải thuộc cùng cơ quan với cá nhân.")})


class User(AbstractUser):
    """A signed-in user: one role, one unit. Every query of unit data is scoped by them."""

    role = models.CharField(_("vai trò"), max_length=30, choices=Role.choices)
    unit = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="users",
        verbose_name=_("đơn vị"),
    )
    person = models.OneToOneField(
        Person,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="user",
        verbose_name=_("cá nhân"),
    )
    # Set on an account created with an initial password (emulation.accounts): until it is
    # changed, every page leads to the password change (config.middleware).
    must_change_password = models.BooleanField(_("phải đổi mật khẩu khi đăng nhập"), default=False)

    objects = UserManager()

    class Meta:
        verbose_name = _("người dùng")
        verbose_name_plural = _("người dùng")

    def get_role_display(self) -> str:
        return choice_label(Role, self.role)

    def get_full_name(self) -> str:
        """Vietnamese order, family name first: "Trần Thị Lan"."""
        return f"{self.last_name} {self.first_name}".strip()

    @property
    def authority_id(self) -> int | None:
        return self.unit.authority_id if self.unit_id else None

    @property
    def is_authority_wide(self) -> bool:
        return self.role in AUTHORITY_WIDE_ROLES

    def clean(self) -> None:
        super().clean()
        if not self.is_superuser and not self.unit_id:
            raise ValidationError({"unit": _("Người dùng phải thuộc một đơn vị.")})
