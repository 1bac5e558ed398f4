from django.contrib import admin

from portal.pooling.models import Commitment, PooledDemand


class CommitmentInline(admin.TabularInline):
    model = Commitment
    extra = 0
    raw_id_fields = ["enterprise", "committed_by"]
    readonly_fields = ["created_at", "updated_at"]


@admin.register(PooledDemand)
class PooledDemandAdmin(admin.ModelAdmin):
    """Opening, closing and outcomes go through the portal's pages so that each is audited; status is read-only."""

    list_display = ["title", "association", "category", "status", "target_quantity", "unit", "closes_at"]
    list_filter = ["status", "category"]
    search_fields = ["title", "association__name", "supplier"]
    date_hierarchy = "closes_at"
    list_select_related = ["association"]
    raw_id_fields = ["association", "created_by", "outcome_recorded_by"]
    readonly_fields = ["status", "closed_at", "outcome_recorded_at", "outcome_recorded_by", "created_by", "created_at"]
    inlines = [CommitmentInline]


@admin.register(Commitment)
class CommitmentAdmin(admin.ModelAdmin):
    list_display = ["enterprise", "pooled_demand", "quantity", "updated_at"]
    search_fields = ["enterprise__name", "enterprise__udyam_number", "pooled_demand__title"]
    list_select_related = ["enterprise", "pooled_demand"]
    raw_id_fields = ["pooled_demand", "enterprise", "committed_by"]
