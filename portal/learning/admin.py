"""Admin for the library's reference data: topics are kept here (there is no page for them in the portal).
Resources, series and paths are edited through the portal's own pages, which check permissions and write audit
rows; the admin lists them read-only for support."""

from django.contrib import admin

from portal.learning.models import LearningPath, Resource, Series, Topic


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


@admin.register(Resource)
class ResourceAdmin(ReadOnlyAdmin):
    list_display = ["title", "kind", "association", "audience", "status", "published_at"]
    list_filter = ["kind", "status", "audience", "language"]
    search_fields = ["title"]


@admin.register(Series)
class SeriesAdmin(ReadOnlyAdmin):
    list_display = ["title", "association"]


@admin.register(LearningPath)
class LearningPathAdmin(ReadOnlyAdmin):
    list_display = ["title", "cluster_stage", "status"]
    list_filter = ["cluster_stage", "status"]
