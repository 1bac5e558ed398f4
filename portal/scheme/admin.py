from django.contrib import admin

from portal.scheme.models import Appraisal, StageAssessment, StepDecision, SustainabilityMatrix


class StepDecisionInline(admin.TabularInline):
    model = StepDecision
    extra = 0
    can_delete = False
    readonly_fields = ["step", "decision", "to_step", "by", "comments", "at"]
    fields = readonly_fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Appraisal)
class AppraisalAdmin(admin.ModelAdmin):
    list_display = ["association", "step", "step_since", "in_scheme_since"]
    list_filter = ["step"]
    search_fields = ["association__name"]
    raw_id_fields = ["association", "recommended_by", "sanctioned_by", "started_by"]
    readonly_fields = ["step", "recommended_by", "sanctioned_by", "in_scheme_since"]
    inlines = [StepDecisionInline]


@admin.register(SustainabilityMatrix)
class SustainabilityMatrixAdmin(admin.ModelAdmin):
    list_display = ["association", "score", "tier", "approved_at"]
    raw_id_fields = ["association", "appraisal"]


@admin.register(StageAssessment)
class StageAssessmentAdmin(admin.ModelAdmin):
    list_display = ["association", "assessed_on", "stage"]
    list_filter = ["stage"]
    raw_id_fields = ["association", "by"]
