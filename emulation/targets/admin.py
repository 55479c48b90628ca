"""Administration of targets: the evaluation rule sets (tolerance by date) and the catalogue.

Actual values, their history, periods and imports are shown read-only here: they change only
through the targets pages (services keep history and check the period lock).
Loaded by `emulation.admin` (`from emulation.targets import admin`).
"""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from emulation.admin_base import ReadOnlyAdmin
from emulation.models import (
    Actual,
    ActualChange,
    ReportingPeriod,
    ReportingPeriodEvent,
    Target,
    TargetImport,
    TargetRuleSet,
)


@admin.register(TargetRuleSet)
class TargetRuleSetAdmin(admin.ModelAdmin):
    list_display = ("authority", "valid_from", "valid_to", "tolerance", "note")
    list_filter = ("authority",)
    list_select_related = ("authority",)


@admin.register(Target)
class TargetAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "year", "unit", "group", "direction", "plan_value")
    list_filter = ("year", "group", "direction", "authority")
    search_fields = ("code", "name")
    list_select_related = ("unit", "authority")
    autocomplete_fields = ("unit", "parent")
    fields = (
        ("authority", "year"),
        "unit",
        ("code", "sort_order"),
        "name",
        ("group", "unit_of_measure"),
        "direction",
        ("plan_value", "baseline_value"),
        ("range_min", "range_max"),
        ("weight", "is_mandatory"),
        "parent",
    )


class ReportingPeriodEventInline(admin.TabularInline):
    model = ReportingPeriodEvent
    extra = 0
    can_delete = False
    readonly_fields = ("action", "reason", "by", "at")

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(ReportingPeriod)
class ReportingPeriodAdmin(ReadOnlyAdmin):
    list_display = ("authority", "year", "kind", "state")
    list_filter = ("year", "state", "authority")
    list_select_related = ("authority",)
    inlines = [ReportingPeriodEventInline]


@admin.register(Actual)
class ActualAdmin(ReadOnlyAdmin):
    list_display = ("target", "period", "value_kind", "value", "submitted_by", "updated_at")
    list_filter = ("value_kind", "period__year", "period__kind")
    search_fields = ("target__code", "target__name")
    list_select_related = ("target", "period", "submitted_by")


@admin.register(ActualChange)
class ActualChangeAdmin(ReadOnlyAdmin):
    list_display = ("actual", "old_value", "new_value", "changed_by", "changed_at", "source")
    list_filter = ("source",)
    list_select_related = ("actual__target", "actual__period", "changed_by")


@admin.register(TargetImport)
class TargetImportAdmin(ReadOnlyAdmin):
    list_display = ("filename", "uploaded_by", "state", "row_count", "created_at")
    list_filter = ("state",)
    list_select_related = ("uploaded_by",)
    exclude = ("content",)
    readonly_fields = ("size",)

    @admin.display(description=_("dung lượng (byte)"))
    def size(self, obj) -> int:
        return len(obj.content or b"")
