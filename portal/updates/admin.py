from django.contrib import admin

from portal.updates.models import Follow, Recognition, Update


@admin.register(Update)
class UpdateAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "association", "status", "publish_at"]
    list_filter = ["kind", "status"]
    search_fields = ["title", "circular_number"]
    raw_id_fields = ["association", "created_by", "broadcast"]


@admin.register(Recognition)
class RecognitionAdmin(admin.ModelAdmin):
    list_display = ["person_name", "title", "association", "financial_year"]
    raw_id_fields = ["association", "created_by", "update"]


@admin.register(Follow)
class FollowAdmin(admin.ModelAdmin):
    list_display = ["user", "sector", "association"]
    raw_id_fields = ["user", "association"]
