"""Administration of scoring tables. Loaded by `emulation.admin`.

Tables, their groups and items, and their settings are edited here; copying a table to the
next year and opening rounds go through the services. Sheets, score versions and their
history are read-only: scores change only through the scoring pages.
"""

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from emulation.admin_base import ReadOnlyAdmin
from emulation.models.clusters import Cluster
from emulation.models.scoring import (
    CriteriaGroup,
    Criterion,
    ScoreEntry,
    ScoreSheet,
    ScoreTable,
    ScoringRound,
    SheetEvent,
)
from emulation.scoring.enums import RoundKind
from emulation.scoring.services import ScoringError, copy_table, open_round


class GroupInline(admin.TabularInline):
    model = CriteriaGroup
    extra = 0


class CriterionInline(admin.TabularInline):
    model = Criterion
    extra = 0


@admin.register(ScoreTable)
class ScoreTableAdmin(admin.ModelAdmin):
    list_display = ("title", "cluster", "bonus_cap", "penalty_cap", "flags_per_cluster")
    list_select_related = ("cluster",)
    search_fields = ("title", "cluster__name", "cluster__code")
    inlines = (GroupInline, CriterionInline)
    actions = ("copy_to_next_year", "open_mid_year", "open_year_end")

    @admin.action(description=_("Sao chép sang cụm, khối cùng mã của năm sau"))
    def copy_to_next_year(self, request, queryset):
        for table in queryset.select_related("cluster"):
            cluster = Cluster.objects.filter(
                authority_id=table.cluster.authority_id,
                code=table.cluster.code,
                year=table.cluster.year + 1,
            ).first()
            if cluster is None:
                messages.error(
                    request,
                    _("Chưa có cụm, khối %(code)s năm %(year)s.")
                    % {"code": table.cluster.code, "year": table.cluster.year + 1},
                )
                continue
            try:
                copy_table(source=table, cluster=cluster, user=request.user)
            except ScoringError as exc:
                messages.error(request, str(exc))

    def _open(self, request, queryset, kind):
        for table in queryset:
            try:
                open_round(table=table, kind=kind, user=request.user)
            except ScoringError as exc:
                messages.error(request, f"{table}: {exc}")

    @admin.action(description=_("Mở đợt sơ kết 6 tháng"))
    def open_mid_year(self, request, queryset):
        self._open(request, queryset, RoundKind.MID_YEAR)

    @admin.action(description=_("Mở đợt tổng kết năm"))
    def open_year_end(self, request, queryset):
        self._open(request, queryset, RoundKind.YEAR_END)


@admin.register(ScoringRound)
class ScoringRoundAdmin(ReadOnlyAdmin):
    list_display = ("table", "kind", "deadline", "created_at")
    list_select_related = ("table",)


@admin.register(ScoreSheet)
class ScoreSheetAdmin(ReadOnlyAdmin):
    list_display = ("round", "unit", "state", "total", "finalised_at")
    list_select_related = ("round__table", "unit")
    list_filter = ("state",)


@admin.register(ScoreEntry)
class ScoreEntryAdmin(ReadOnlyAdmin):
    list_display = ("sheet", "criterion", "stage", "points", "author", "created_at")
    list_select_related = ("sheet__unit", "criterion", "author")
    list_filter = ("stage",)


@admin.register(SheetEvent)
class SheetEventAdmin(ReadOnlyAdmin):
    list_display = ("sheet", "from_state", "to_state", "by", "at")
    list_select_related = ("sheet__unit", "by")
