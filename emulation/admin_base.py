"""What every admin of the project builds on (emulation's and awards')."""

from django.contrib import admin


class ReadOnlyAdmin(admin.ModelAdmin):
    """Rows shown, never added, changed or deleted here: they change only through the pages,
    whose services keep their history and rules."""

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
