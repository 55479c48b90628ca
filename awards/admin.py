"""Administration of awards: the catalogue and its rule sets by date (a new version is added
here, without code), base salaries, and the records the eligibility rules read.

Nominations, ballots and decisions are shown read-only: they change only through the workflow
services, which keep their history, their secrecy and their numbering.
"""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from awards.models import (
    Award,
    AwardRuleSet,
    BaseSalary,
    Certificate,
    CertificateTemplate,
    CouncilSession,
    Decision,
    DecisionLine,
    Discipline,
    Initiative,
    Nomination,
    NominationEvent,
    NominationLine,
    PersonYear,
    TitleHeld,
    UnitYear,
)
from emulation.admin_base import ReadOnlyAdmin, ReadOnlyInline


class AwardRuleSetInline(admin.StackedInline):
    model = AwardRuleSet
    extra = 0
    fieldsets = (
        (None, {"fields": (("valid_from", "valid_to"), "legal_basis")}),
        (
            _("Tiền thưởng và thẩm quyền"),
            {
                "fields": (
                    ("coefficient", "collective_multiplier"),
                    "deciding_level",
                    "dossier_items",
                )
            },
        ),
        (
            _("Điều kiện"),
            {
                "fields": (
                    ("min_months_worked", "requires_initiative"),
                    ("max_ratio", "max_ratio_rounding"),
                    ("min_member_ratio", "consecutive_years"),
                )
            },
        ),
        (
            _("Hội đồng"),
            {
                "fields": (
                    ("requires_secret_ballot", "public_notice_days"),
                    ("vote_threshold", "threshold_of_all_members", "threshold_inclusive"),
                )
            },
        ),
    )


@admin.register(Award)
class AwardAdmin(admin.ModelAdmin):
    list_display = ("name", "code", "category", "for_individual", "for_collective", "for_household")
    list_filter = ("category",)
    search_fields = ("name", "code")
    inlines = [AwardRuleSetInline]


@admin.register(BaseSalary)
class BaseSalaryAdmin(admin.ModelAdmin):
    list_display = ("valid_from", "amount", "legal_basis")


@admin.register(PersonYear)
class PersonYearAdmin(admin.ModelAdmin):
    list_display = ("person", "year", "unit", "duty_rating", "months_worked")
    list_filter = ("year", "duty_rating")
    search_fields = ("person__full_name", "unit__name")
    list_select_related = ("person", "unit")
    autocomplete_fields = ("person", "unit")


@admin.register(UnitYear)
class UnitYearAdmin(admin.ModelAdmin):
    list_display = ("unit", "year", "duty_rating")
    list_filter = ("year", "duty_rating")
    search_fields = ("unit__name",)
    list_select_related = ("unit",)
    autocomplete_fields = ("unit",)


@admin.register(Discipline)
class DisciplineAdmin(admin.ModelAdmin):
    list_display = ("person", "level", "decided_on", "decision_number")
    list_filter = ("level",)
    search_fields = ("person__full_name", "decision_number")
    list_select_related = ("person",)
    autocomplete_fields = ("person",)


@admin.register(Initiative)
class InitiativeAdmin(admin.ModelAdmin):
    list_display = ("title", "person", "level", "decision_number", "recognised_on")
    list_filter = ("level",)
    search_fields = ("title", "person__full_name", "decision_number")
    list_select_related = ("person",)
    autocomplete_fields = ("person",)


@admin.register(TitleHeld)
class TitleHeldAdmin(admin.ModelAdmin):
    list_display = ("__str__", "award", "year", "decision_reference", "revoked")
    list_filter = ("year", "award", "revoked")
    search_fields = ("person__full_name", "unit__name", "decision_reference")
    list_select_related = ("person", "unit", "award")
    autocomplete_fields = ("person", "unit")
    readonly_fields = ("decision_line", "revoked")


class NominationLineInline(ReadOnlyInline):
    model = NominationLine
    fields = (
        "award",
        "subject_kind",
        "person",
        "subject_unit",
        "household_name",
        "eligible",
        "approved",
    )


class NominationEventInline(ReadOnlyInline):
    model = NominationEvent
    fields = ("at", "from_state", "to_state", "by", "reason")
    readonly_fields = ("at",)


@admin.register(Nomination)
class NominationAdmin(ReadOnlyAdmin):
    list_display = ("title", "unit", "year", "state", "verdict")
    list_filter = ("year", "state", "verdict")
    search_fields = ("title", "unit__name")
    list_select_related = ("unit",)
    inlines = [NominationLineInline, NominationEventInline]


@admin.register(CouncilSession)
class CouncilSessionAdmin(ReadOnlyAdmin):
    list_display = ("title", "held_on", "state")


class DecisionLineInline(ReadOnlyInline):
    model = DecisionLine
    fields = ("nomination_line", "amount")


@admin.register(Decision)
class DecisionAdmin(ReadOnlyAdmin):
    list_display = ("__str__", "title", "year", "status", "signed_on")
    list_filter = ("status", "year")
    search_fields = ("title", "symbol")
    inlines = [DecisionLineInline]


@admin.register(CertificateTemplate)
class CertificateTemplateAdmin(admin.ModelAdmin):
    list_display = ("authority", "offset_x_mm", "offset_y_mm", "updated_at")


@admin.register(Certificate)
class CertificateAdmin(ReadOnlyAdmin):
    list_display = ("code", "gold_book_number", "decision_line", "issued_at")
    search_fields = ("code",)
    list_select_related = ("decision_line__nomination_line__person",)
