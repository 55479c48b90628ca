from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from documents.models import Job


@admin.register(Job)
class JobAdmin(admin.ModelAdmin):
    """Document jobs, read-only: they are created by requests and changed only by the workers
    and the job pages (documents.services)."""

    list_display = (
        "pk",
        "kind_label",
        "requested_by",
        "status",
        "progress",
        "attempts",
        "created_at",
        "finished_at",
    )
    list_filter = ("status", "kind", "created_at")
    search_fields = ("requested_by__username", "requested_by__last_name", "kind", "result_sha256")
    date_hierarchy = "created_at"
    list_select_related = ("requested_by",)
    fieldsets = (
        (None, {"fields": ("kind", "params", "requested_by", "status", "progress", "error")}),
        (
            _("Kết quả"),
            {"fields": ("result", "result_sha256", "result_size", "page_count")},
        ),
        (
            _("Quá trình chạy"),
            {
                "fields": (
                    "attempts",
                    "worker_pid",
                    "created_at",
                    "published_at",
                    "started_at",
                    "finished_at",
                )
            },
        ),
    )
    readonly_fields = tuple(field for _name, options in fieldsets for field in options["fields"])

    @admin.display(description=_("loại tài liệu"), ordering="kind")
    def kind_label(self, job: Job) -> str:
        return job.get_kind_display()

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        # Viewing stays allowed through the view permission; nothing may be edited here.
        return False
