from django.contrib import admin

from portal.providers.models import Provider, ProviderUser


class ProviderUserInline(admin.TabularInline):
    model = ProviderUser
    extra = 0
    raw_id_fields = ["user"]


@admin.register(Provider)
class ProviderAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "status"]
    list_filter = ["kind", "status"]
    search_fields = ["name"]
    inlines = [ProviderUserInline]
