from django.contrib import admin

from portal.desk.models import RoutingRule, ServiceLevel


@admin.register(ServiceLevel)
class ServiceLevelAdmin(admin.ModelAdmin):
    list_display = ["kind", "first_response_hours", "resolution_days"]


@admin.register(RoutingRule)
class RoutingRuleAdmin(admin.ModelAdmin):
    list_display = ["priority", "kind", "sector", "state", "provider", "active"]
    list_filter = ["active", "kind"]
    list_editable = ["active"]
    raw_id_fields = ["provider"]
