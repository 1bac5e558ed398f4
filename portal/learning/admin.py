"""Admin for the library's reference data: topics are kept here (there is no page for them in the portal).
Resources, series and paths are edited through the portal's own pages, which check permissions and write audit
rows; the admin lists them read-only for support. A resource's versions in other languages are added in the
admin (the resource itself stays read-only there)."""

from django.contrib import admin

from portal.learning.models import LearningPath, Resource, ResourceTranslation, Series, Topic


@admin.register(Topic)
class TopicAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name"]


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ResourceTranslationInline(admin.StackedInline):
    """The same resource in other languages: readers of those languages see it instead of the original."""

    model = ResourceTranslation
    extra = 0


@admin.register(Resource)
class ResourceAdmin(ReadOnlyAdmin):
    """The resource read-only; only its language versions (the inline) are edited here."""

    inlines = [ResourceTranslationInline]
    list_display = ["title", "kind", "association", "audience", "status", "published_at"]
    list_filter = ["kind", "status", "audience", "language"]
    search_fields = ["title"]

    def has_change_permission(self, request, obj=None):
        # Needed to save the inline versions; every field of the resource itself stays read-only.
        return admin.ModelAdmin.has_change_permission(self, request, obj)

    def get_readonly_fields(self, request, obj=None):
        return [field.name for field in Resource._meta.get_fields() if field.concrete and not field.auto_created]

    def save_model(self, request, obj, form, change):
        """Nothing of the resource changes here (it is edited on the portal's pages, with audit rows)."""


@admin.register(Series)
class SeriesAdmin(ReadOnlyAdmin):
    list_display = ["title", "association"]


@admin.register(LearningPath)
class LearningPathAdmin(ReadOnlyAdmin):
    list_display = ["title", "cluster_stage", "status"]
    list_filter = ["cluster_stage", "status"]
