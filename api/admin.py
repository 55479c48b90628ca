from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from api.models import ApiCall, ApiClient
from api.services import revoke_clients
from emulation.admin_base import ReadOnlyAdmin


@admin.register(ApiClient)
class ApiClientAdmin(admin.ModelAdmin):
    """Clients are listed and revoked here; a token is issued only by `issue_api_token`,
    which prints it once."""

    list_display = ["name", "authority", "scope", "created_at", "revoked_at"]
    list_filter = ["scope", "revoked_at"]
    search_fields = ["name", "authority__code"]
    readonly_fields = ["name", "authority", "scope", "token_sha256", "created_at", "revoked_at"]
    actions = ["revoke"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        # Revoked, never deleted: the log of its calls keeps naming it.
        return False

    @admin.action(description=_("Thu hồi mã truy cập của các hệ thống đã chọn"))
    def revoke(self, request, queryset):
        count = revoke_clients(clients=queryset)
        self.message_user(
            request,
            ngettext(
                "Đã thu hồi mã truy cập của %(count)d hệ thống.",
                "Đã thu hồi mã truy cập của %(count)d hệ thống.",
                count,
            )
            % {"count": count},
            messages.SUCCESS,
        )


@admin.register(ApiCall)
class ApiCallAdmin(ReadOnlyAdmin):
    list_display = ["at", "client", "method", "path", "status", "duration_ms", "address"]
    list_filter = ["status", "method", "client"]
    search_fields = ["path", "address"]
    readonly_fields = list_display
