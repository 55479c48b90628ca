"""Administration of the organisation: authorities and their names by period, units, people
with their posts, user accounts with role and unit, and the working calendar.

Every changelist selects its related rows in the same query (or computes from one prefetch),
so that a page costs the same number of queries whatever the number of rows.
"""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.db.models import OuterRef, Subquery
from django.utils.translation import gettext_lazy as _

from config import clock
from emulation.models import (
    Authority,
    AuthorityIdentity,
    CalendarDay,
    Employment,
    Person,
    Unit,
    User,
)
from emulation.pledges import admin as pledges_admin  # noqa: F401 - registers the pledges' admin
from emulation.scoring import admin as scoring_admin  # noqa: F401 - registers the scoring admin
from emulation.targets import admin as targets_admin  # noqa: F401 - registers the targets' admin


class AuthorityIdentityInline(admin.StackedInline):
    model = AuthorityIdentity
    extra = 0
    fields = (
        ("valid_from", "valid_to"),
        ("name", "level"),
        "superior_name",
        ("issuer_name", "issuer_symbol"),
        "place_name",
        "address",
    )


@admin.register(Authority)
class AuthorityAdmin(admin.ModelAdmin):
    list_display = ("code", "current_name", "current_level", "created_at")
    search_fields = ("code", "identities__name")
    readonly_fields = ("created_at",)
    inlines = (AuthorityIdentityInline,)

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("identities")

    @staticmethod
    def _identity_today(authority: Authority) -> AuthorityIdentity | None:
        """The identity in force today, from the prefetched rows (no query per row)."""
        today = clock.today()
        valid = [
            identity
            for identity in authority.identities.all()
            if identity.valid_from <= today
            and (identity.valid_to is None or identity.valid_to >= today)
        ]
        return max(valid, key=lambda identity: identity.valid_from, default=None)

    @admin.display(description=_("tên hiện nay"))
    def current_name(self, authority: Authority) -> str:
        identity = self._identity_today(authority)
        return identity.name if identity else ""

    @admin.display(description=_("cấp hiện nay"))
    def current_level(self, authority: Authority) -> str:
        identity = self._identity_today(authority)
        return identity.get_level_display() if identity else ""


class ValidityFilter(admin.SimpleListFilter):
    """Units in activity today, or dissolved or merged (giải thể, sáp nhập) before today."""

    title = _("hiệu lực")
    parameter_name = "hieu_luc"

    def lookups(self, request, model_admin):
        return (
            ("active", _("Đang hoạt động")),
            ("ended", _("Đã giải thể, sáp nhập")),
        )

    def queryset(self, request, queryset):
        today = clock.today()
        if self.value() == "active":
            return queryset.valid_on(today)
        if self.value() == "ended":
            return queryset.filter(valid_to__lt=today)
        return queryset


@admin.register(Unit)
class UnitAdmin(admin.ModelAdmin):
    list_display = (
        "name",
        "code",
        "kind",
        "authority_code",
        "parent",
        "head",
        "valid_from",
        "valid_to",
        "merged_into",
        "sort_order",
    )
    list_filter = ("kind", ValidityFilter, "authority")
    list_select_related = ("authority", "parent", "head", "merged_into")
    search_fields = ("name", "code")
    autocomplete_fields = ("parent", "head", "merged_into")
    list_per_page = 50
    fieldsets = (
        (None, {"fields": ("authority", ("code", "name"), "kind", "parent", "head", "sort_order")}),
        (_("Liên hệ"), {"fields": ("address", "phone")}),
        (_("Hiệu lực"), {"fields": (("valid_from", "valid_to"), "merged_into")}),
    )

    @admin.display(description=_("cơ quan"), ordering="authority__code")
    def authority_code(self, unit: Unit) -> str:
        return unit.authority.code


class EmploymentInline(admin.TabularInline):
    model = Employment
    extra = 0
    fields = ("unit", "position", "category", "start_date", "end_date")
    autocomplete_fields = ("unit",)
    ordering = ("-start_date",)

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("unit")


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = (
        "full_name",
        "gender",
        "date_of_birth",
        "staff_code",
        "current_unit",
        "authority_code",
    )
    list_filter = ("gender", "authority")
    list_select_related = ("authority",)
    search_fields = ("full_name", "staff_code", "email")
    inlines = (EmploymentInline,)
    list_per_page = 50

    def get_queryset(self, request):
        # The unit of the post held today, as one subquery instead of a query per row.
        today = clock.today()
        current = (
            Employment.objects.current_on(today)
            .filter(person=OuterRef("pk"))
            .order_by("-start_date")
        )
        return (
            super()
            .get_queryset(request)
            .annotate(current_unit_name=Subquery(current.values("unit__name")[:1]))
        )

    @admin.display(description=_("đơn vị hiện nay"), ordering="current_unit_name")
    def current_unit(self, person: Person) -> str:
        return person.current_unit_name or ""

    @admin.display(description=_("cơ quan"), ordering="authority__code")
    def authority_code(self, person: Person) -> str:
        return person.authority.code


@admin.register(Employment)
class EmploymentAdmin(admin.ModelAdmin):
    list_display = ("person", "unit", "position", "category", "start_date", "end_date")
    list_filter = ("category", "unit__kind")
    list_select_related = ("person", "unit")
    search_fields = ("person__full_name", "person__staff_code", "unit__name", "position")
    autocomplete_fields = ("person", "unit")
    list_per_page = 50


_ROLE_FIELDSET = (_("Vai trò và đơn vị"), {"fields": ("role", "unit", "person")})


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    fieldsets = (*DjangoUserAdmin.fieldsets, _ROLE_FIELDSET)
    add_fieldsets = (
        *DjangoUserAdmin.add_fieldsets,
        (_ROLE_FIELDSET[0], {"classes": ("wide",), **_ROLE_FIELDSET[1]}),
    )
    list_display = ("username", "full_name", "role", "unit", "is_active", "is_staff")
    list_filter = ("role", "is_active", "is_staff", "is_superuser")
    list_select_related = ("unit",)
    search_fields = ("username", "first_name", "last_name", "email", "unit__name")
    autocomplete_fields = ("unit", "person")

    # Sorted by given name (tên), as Vietnamese name lists are.
    @admin.display(description=_("họ và tên"), ordering="first_name")
    def full_name(self, user: User) -> str:
        # Vietnamese order: family and middle names first ("Trần Thị Lan").
        return f"{user.last_name} {user.first_name}".strip()


@admin.register(CalendarDay)
class CalendarDayAdmin(admin.ModelAdmin):
    list_display = ("day", "weekday", "kind", "name")
    list_filter = ("kind",)
    date_hierarchy = "day"
    search_fields = ("name",)

    @admin.display(description=_("thứ"))
    def weekday(self, obj: CalendarDay) -> str:
        return WEEKDAYS[obj.day.weekday()]


WEEKDAYS = (
    _("Thứ Hai"),
    _("Thứ Ba"),
    _("Thứ Tư"),
    _("Thứ Năm"),
    _("Thứ Sáu"),
    _("Thứ Bảy"),
    _("Chủ nhật"),
)
