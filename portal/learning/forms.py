from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from portal.associations.models import Stage
from portal.core.i18n import language_of
from portal.core.models import Sector
from portal.core.uploads import validate_upload
from portal.learning.models import Kind, LearningPath, Resource, Series, Topic


class LibraryFilterForm(forms.Form):
    """The search box and filters of the library home (GET)."""

    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    kind = forms.ChoiceField(label=_("Kind"), required=False, choices=[("", _("All kinds")), *Kind.choices])
    topic = forms.ModelChoiceField(
        label=_("Topic"),
        required=False,
        queryset=Topic.objects.order_by("name"),
        to_field_name="slug",
        empty_label=_("All topics"),
    )
    sector = forms.ModelChoiceField(
        label=_("Sector"),
        required=False,
        queryset=Sector.objects.order_by("name"),
        to_field_name="slug",
        empty_label=_("All sectors"),
    )
    stage = forms.ChoiceField(label=_("Cluster stage"), required=False, choices=[("", _("All stages")), *Stage.choices])


class ResourceForm(forms.ModelForm):
    upload = forms.FileField(
        label=_("Document (PDF)"),
        required=False,
        help_text=_("Needed for a document; optional for guides, toolkits, case studies and reports."),
    )

    class Meta:
        model = Resource
        fields = [
            "kind",
            "title",
            "summary",
            "body",
            "language",
            "link",
            "topics",
            "sectors",
            "cluster_stage",
            "audience",
            "series",
            "episode_number",
            "speakers",
            "recorded_on",
            "duration_minutes",
            "related",
        ]
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 2}),
            "body": forms.Textarea(attrs={"rows": 10}),
            "topics": forms.CheckboxSelectMultiple,
            "sectors": forms.CheckboxSelectMultiple,
            "recorded_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def __init__(self, *args, association, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.association = association
        self.fields["series"].queryset = Series.objects.filter(association=association).order_by("title")
        self.fields["series"].help_text = _("For recorded sessions only.")
        self.fields["sectors"].queryset = Sector.objects.order_by("name")
        self.fields["topics"].queryset = Topic.objects.order_by("name")
        related = Resource.objects.visible_to(user).published().order_by("title")
        if self.instance.pk:
            related = related.exclude(pk=self.instance.pk)
        self.fields["related"].queryset = related
        self.fields["related"].help_text = _("Hold Ctrl (or Cmd) to choose several.")
        if association is None:
            del self.fields["audience"]
        if not self.instance.pk:
            # By default the language the author reads the portal in.
            self.initial.setdefault("language", language_of(user, default=get_language()))

    def clean_upload(self):
        upload = self.cleaned_data.get("upload")
        if upload:
            validate_upload(upload, kinds=("pdf",))
        return upload

    def clean(self):
        data = super().clean()
        kind = data.get("kind")
        has_file = bool(data.get("upload") or self.instance.file)
        if kind == Kind.DOCUMENT and not has_file:
            self.add_error("upload", _("A document needs its PDF."))
        if kind in (Kind.VIDEO, Kind.EPISODE) and not data.get("link"):
            self.add_error("link", _("Give the link to the recording."))
        if kind == Kind.EPISODE and not data.get("series"):
            self.add_error("series", _("A recorded session belongs to a series: choose one."))
        if kind != Kind.EPISODE and data.get("series"):
            self.add_error("series", _("Only recorded sessions belong to a series."))
        return data

    def service_fields(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("upload", None)
        return data


class SeriesForm(forms.ModelForm):
    class Meta:
        model = Series
        fields = ["title", "description"]


class PathForm(forms.ModelForm):
    class Meta:
        model = LearningPath
        fields = ["title", "description", "cluster_stage"]
        widgets = {"description": forms.Textarea(attrs={"rows": 6})}


class StepForm(forms.Form):
    resource = forms.ModelChoiceField(label=_("Resource"), queryset=Resource.objects.none())
    note = forms.CharField(label=_("Note (optional)"), required=False, max_length=300)

    def __init__(self, *args, path, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["resource"].queryset = Resource.objects.public().exclude(path_steps__path=path).order_by("title")
