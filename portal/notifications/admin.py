from django.contrib import admin

from portal.notifications.models import Notification, NotificationPreference


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["created_at", "user", "kind", "title", "read_at"]
    list_filter = ["kind"]
    search_fields = ["title", "user__email"]
    raw_id_fields = ["user"]


@admin.register(NotificationPreference)
class NotificationPreferenceAdmin(admin.ModelAdmin):
    list_display = ["user", "group", "frequency", "email", "sms", "updated_at"]
    list_filter = ["group", "frequency"]
    search_fields = ["user__email"]
    raw_id_fields = ["user"]
