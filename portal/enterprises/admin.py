from django.contrib import admin

from portal.enterprises.models import Enterprise, EnterpriseUser


class EnterpriseUserInline(admin.TabularInline):
    model = EnterpriseUser
    extra = 0
    raw_id_fields = ["user"]


@admin.register(Enterprise)
class EnterpriseAdmin(admin.ModelAdmin):
    list_display = ["name", "udyam_number", "category", "sector", "state"]
    list_filter = ["category", "sector", "state__is_north_east"]
    search_fields = ["name", "udyam_number", "gstin", "pan"]
    list_select_related = ["sector", "state"]
    inlines = [EnterpriseUserInline]
