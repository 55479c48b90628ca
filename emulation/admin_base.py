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


class ReadOnlyInline(admin.TabularInline):
    """Lines of a record shown under it in the admin, for the same reason as ReadOnlyAdmin."""

    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
