"""Read-only admin views: the book, invoices and payments change only through the services (and never get deleted)."""

from django.contrib import admin

from portal.finances.models import DuesSchedule, Invoice, LedgerEntry, OpeningBalance, Payment


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(LedgerEntry)
class LedgerEntryAdmin(ReadOnlyAdmin):
    list_display = ("on_date", "association", "direction", "category", "amount", "reference")
    list_filter = ("direction", "category")
    search_fields = ("association__name", "description", "reference")
    list_select_related = ("association",)


@admin.register(Invoice)
class InvoiceAdmin(ReadOnlyAdmin):
    list_display = ("number", "association", "enterprise", "amount", "amount_paid", "status")
    list_filter = ("status", "financial_year")
    search_fields = ("number", "enterprise__name", "association__name")
    list_select_related = ("association", "enterprise")


@admin.register(Payment)
class PaymentAdmin(ReadOnlyAdmin):
    list_display = ("receipt_number", "association", "amount", "paid_on", "mode")
    list_select_related = ("association",)


admin.site.register(DuesSchedule, ReadOnlyAdmin)
admin.site.register(OpeningBalance, ReadOnlyAdmin)
