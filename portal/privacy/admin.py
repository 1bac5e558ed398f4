from django.contrib import admin

from portal.privacy.models import Breach, Consent, Grievance


@admin.register(Breach)
class BreachAdmin(admin.ModelAdmin):
    """The breach register: what happened, whose data, and when the Board, CERT-In and the people were told."""

    list_display = [
        "detected_at",
        "nature",
        "people_affected",
        "reported_to_board_at",
        "reported_to_cert_in_at",
        "people_notified_at",
    ]
    date_hierarchy = "detected_at"
    readonly_fields = ["recorded_by", "recorded_at"]

    def save_model(self, request, obj, form, change):
        if not change:
            obj.recorded_by = request.user
        super().save_model(request, obj, form, change)

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Consent)
class ConsentAdmin(admin.ModelAdmin):
    list_display = ["user", "purpose", "notice_version", "given_at", "withdrawn_at"]
    list_filter = ["purpose", "notice_version"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Grievance)
class GrievanceAdmin(admin.ModelAdmin):
    list_display = ["reference", "subject", "status", "created_at", "due_at", "escalated_at"]
    list_filter = ["status"]
    readonly_fields = ["reference", "created_at", "due_at", "escalated_at"]
