from django.contrib import admin

from portal.core.models import AuditLog, Sector, State


@admin.register(State)
class StateAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "gst_code", "is_union_territory", "is_north_east"]
    list_filter = ["is_north_east", "is_union_territory"]


@admin.register(Sector)
class SectorAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]


@admin.register(AuditLog)
class AuditLogAdmin(admin.ModelAdmin):
    """Read-only: audit records are never changed or deleted, not even by administrators."""

    list_display = ["at", "actor", "action", "target_repr", "association"]
    list_filter = ["action"]
    search_fields = ["target_repr", "actor__email", "reason"]
    list_select_related = ["actor", "association"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
