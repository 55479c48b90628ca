"""Administration of clusters, blocs and pledges. Loaded by `emulation.admin`.

Clusters, their members and terms, delegations and draft pledge content are edited here.
Opening, signing, declining and amending happen only through the pledge pages (the services
keep the history); signatures and the history are read-only, and nothing signed can be deleted.
"""

from django.contrib import admin

from emulation.admin_base import ReadOnlyAdmin
from emulation.models.clusters import Cluster, ClusterMembership, ClusterTerm
from emulation.models.pledges import (
    Delegation,
    Pledge,
    PledgeActivity,
    PledgeEvent,
    PledgeItem,
    PledgeVersion,
    Signature,
)
from emulation.pledges.enums import VersionStatus


class MembershipInline(admin.TabularInline):
    model = ClusterMembership
    extra = 0
    autocomplete_fields = ("unit",)


class TermInline(admin.TabularInline):
    model = ClusterTerm
    extra = 0
    autocomplete_fields = ("head_unit", "deputy_unit")


@admin.register(Cluster)
class ClusterAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "year", "code", "authority")
    list_filter = ("year", "kind", "authority")
    search_fields = ("name", "code")
    list_select_related = ("authority",)
    inlines = (MembershipInline, TermInline)


@admin.register(Delegation)
class DelegationAdmin(admin.ModelAdmin):
    list_display = ("unit", "delegate", "valid_from", "valid_to", "reference", "granted_by")
    list_select_related = ("unit", "delegate", "granted_by")
    autocomplete_fields = ("unit",)
    raw_id_fields = ("delegate", "granted_by")


class DraftOnlyInline(admin.TabularInline):
    """Content rows are editable while their version is a draft, read-only after."""

    extra = 0

    def _editable(self, obj) -> bool:
        return obj is None or obj.status == VersionStatus.DRAFT

    def has_add_permission(self, request, obj=None) -> bool:
        return self._editable(obj) and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None) -> bool:
        return self._editable(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None) -> bool:
        return self._editable(obj) and super().has_delete_permission(request, obj)


class ItemInline(DraftOnlyInline):
    model = PledgeItem
    raw_id_fields = ("target",)


class ActivityInline(DraftOnlyInline):
    model = PledgeActivity


@admin.register(PledgeVersion)
class PledgeVersionAdmin(admin.ModelAdmin):
    list_display = ("pledge", "number", "status", "deadline", "opened_at", "completed_at")
    list_filter = ("status", "pledge__cluster__year")
    list_select_related = ("pledge__cluster",)
    fields = (
        "pledge",
        "number",
        "status",
        "title",
        "slogan",
        "score_table_reference",
        "deadline",
        "head_signs_last",
        "amendment_reason",
        "verification_code",
    )
    readonly_fields = ("pledge", "number", "status", "verification_code", "amendment_reason")
    inlines = (ItemInline, ActivityInline)

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        if obj is not None and obj.status != VersionStatus.DRAFT:
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Pledge)
class PledgeAdmin(ReadOnlyAdmin):
    list_display = ("cluster", "created_by", "created_at")
    list_select_related = ("cluster", "created_by")


@admin.register(Signature)
class SignatureAdmin(ReadOnlyAdmin):
    list_display = ("version", "unit", "signer_name", "signed_at", "auth_method", "ip_address")
    list_select_related = ("version__pledge__cluster", "unit")


@admin.register(PledgeEvent)
class PledgeEventAdmin(ReadOnlyAdmin):
    list_display = ("pledge", "sequence", "kind", "actor", "unit", "created_at")
    list_filter = ("kind",)
    list_select_related = ("pledge__cluster", "actor", "unit")
    readonly_fields = ("row_hash", "previous_hash")
