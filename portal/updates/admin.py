from django.contrib import admin

from portal.updates.models import Follow, Recognition, Update, UpdateTranslation


class UpdateTranslationInline(admin.StackedInline):
    """The same update in other languages: readers of those languages see it instead of the original."""

    model = UpdateTranslation
    extra = 0


@admin.register(Update)
class UpdateAdmin(admin.ModelAdmin):
    inlines = [UpdateTranslationInline]
    list_display = ["title", "kind", "association", "status", "publish_at"]
    list_filter = ["kind", "status", "language"]
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
