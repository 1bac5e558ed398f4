from django.contrib import admin

from portal.associations.models import (
    Association,
    AssociationStaff,
    AssociationStatusChange,
    Invitation,
    MemberImport,
    Membership,
    OfficeBearer,
)


class OfficeBearerInline(admin.TabularInline):
    model = OfficeBearer
    extra = 0


class StaffInline(admin.TabularInline):
    model = AssociationStaff
    extra = 0
    raw_id_fields = ["user"]


class StatusChangeInline(admin.TabularInline):
    model = AssociationStatusChange
    extra = 0
    readonly_fields = ["from_status", "to_status", "by", "at", "reason"]
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Association)
class AssociationAdmin(admin.ModelAdmin):
    """Status changes go through the review page so that each is recorded; here the status is read-only."""

    list_display = ["name", "cluster_name", "state", "status", "stage", "created_at"]
    list_filter = ["status", "stage", "state__is_north_east", "state", "sectors"]
    search_fields = ["name", "cluster_name", "pan", "registration_number"]
    readonly_fields = ["status", "approved_at", "created_by", "created_at"]
    list_select_related = ["state"]
    inlines = [OfficeBearerInline, StaffInline, StatusChangeInline]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["enterprise", "association", "status", "requested_at", "decided_at"]
    list_filter = ["status"]
    search_fields = ["enterprise__name", "association__name"]
    raw_id_fields = ["enterprise", "association", "decided_by"]
    list_select_related = ["enterprise", "association"]


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ["email", "association", "created_at", "accepted_at"]
    raw_id_fields = ["association", "enterprise", "invited_by"]
    exclude = ["token"]


@admin.register(MemberImport)
class MemberImportAdmin(admin.ModelAdmin):
    list_display = ["original_name", "association", "status", "imported_count", "created_at"]
    raw_id_fields = ["association", "uploaded_by"]
