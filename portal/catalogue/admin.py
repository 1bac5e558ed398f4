from django.contrib import admin

from portal.catalogue.models import Offering


@admin.register(Offering)
class OfferingAdmin(admin.ModelAdmin):
    list_display = ["name", "offered_by", "kind", "min_amount", "max_amount", "active", "updated_at"]
    list_filter = ["kind", "active", "offered_by"]
    search_fields = ["name", "offered_by", "summary"]
    filter_horizontal = ["sectors", "states"]
    readonly_fields = ["created_at", "updated_at", "updated_by"]

    def save_model(self, request, obj, form, change):
        obj.updated_by = request.user
        super().save_model(request, obj, form, change)
