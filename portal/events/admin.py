from django.contrib import admin

from portal.events.models import Event, Feedback, Registration


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "owner", "starts_at", "status", "confirmed_count", "capacity"]
    list_filter = ["kind", "status", "audience"]
    search_fields = ["title"]
    raw_id_fields = ["owner", "created_by"]
    readonly_fields = ["confirmed_count"]


@admin.register(Registration)
class RegistrationAdmin(admin.ModelAdmin):
    list_display = ["event", "user", "status", "attended_at", "fee_paid"]
    list_filter = ["status"]
    raw_id_fields = ["event", "user"]
    # Places change only through the services (the waiting list and the confirmed count move together).
    readonly_fields = ["status", "confirmed_note"]

    @admin.display(description="note")
    def confirmed_note(self, obj):
        return "Change registrations on the portal so the waiting list moves up."


@admin.register(Feedback)
class FeedbackAdmin(admin.ModelAdmin):
    list_display = ["registration", "rating", "created_at"]
    raw_id_fields = ["registration"]
