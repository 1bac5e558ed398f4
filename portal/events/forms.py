from django import forms
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from portal.core.i18n import language_choices, language_of
from portal.core.models import Sector, State
from portal.events.models import Audience, Event, EventKind, Mode

LOCAL = "%Y-%m-%dT%H:%M"


def _when(label):
    return forms.DateTimeField(
        label=label,
        help_text=_("Indian Standard Time (IST)."),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format=LOCAL),
    )


class EventForm(forms.ModelForm):
    starts_at = _when(_("Starts at (IST)"))
    ends_at = _when(_("Ends at (IST)"))
    registration_deadline = _when(_("Registration closes at (IST)"))

    class Meta:
        model = Event
        fields = [
            "kind",
            "title",
            "description",
            "language",
            "sectors",
            "state",
            "mode",
            "venue",
            "address",
            "online_link",
            "starts_at",
            "ends_at",
            "registration_deadline",
            "capacity",
            "audience",
            "fee",
        ]
        widgets = {
            "sectors": forms.CheckboxSelectMultiple,
            "mode": forms.RadioSelect,
            "audience": forms.RadioSelect,
            "address": forms.Textarea(attrs={"rows": 2}),
            "description": forms.Textarea(attrs={"rows": 8}),
        }

    def __init__(self, *args, sidbi: bool, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = language_choices()
        self.fields["language"].required = False
        self.fields["language"].help_text = _("The language you write in; it is kept as you wrote it.")
        if not self.instance.pk:
            self.initial.setdefault("language", language_of(user, default=get_language()))
        self.fields["sectors"].queryset = Sector.objects.order_by("name")
        self.fields["sectors"].help_text = _("For filtering; none chosen: open to every sector.")
        self.fields["state"].queryset = State.objects.order_by("name")
        self.fields["fee"].min_value = 0
        if sidbi:
            self.fields["audience"].choices = [c for c in Audience.choices if c[0] != Audience.MEMBERS]

    def clean_starts_at(self):
        value = self.cleaned_data["starts_at"]
        if self.instance.pk is None and value <= timezone.now():
            raise forms.ValidationError(_("The event must start in the future."))
        return value

    def clean_fee(self):
        value = self.cleaned_data["fee"]
        if value is not None and value < 0:
            raise forms.ValidationError(_("The fee cannot be negative."))
        return value or 0

    def clean(self):
        data = super().clean()
        starts, ends, deadline = data.get("starts_at"), data.get("ends_at"), data.get("registration_deadline")
        if starts and ends and ends <= starts:
            self.add_error("ends_at", _("The event must end after it starts."))
        if starts and deadline and deadline > starts:
            self.add_error("registration_deadline", _("Registration must close before the event starts."))
        if data.get("mode") == Mode.ONLINE and not data.get("online_link"):
            self.add_error("online_link", _("Give the link attendees will join from."))
        if data.get("mode") == Mode.IN_PERSON and not data.get("venue"):
            self.add_error("venue", _("Give the venue."))
        return data


class CancelForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason (sent to everyone registered)"), max_length=1000, widget=forms.Textarea(attrs={"rows": 2})
    )


class FeedbackForm(forms.Form):
    rating = forms.TypedChoiceField(
        label=_("How useful was it? (1 = not at all, 5 = very)"),
        choices=[(n, str(n)) for n in range(1, 6)],
        coerce=int,
        widget=forms.RadioSelect,
    )
    comments = forms.CharField(
        label=_("Comments"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 4})
    )


class FilterForm(forms.Form):
    """The list's filters (GET); unknown values are ignored by selectors.filters_from."""

    q = forms.CharField(label=_("Search"), required=False)
    kind = forms.ChoiceField(label=_("Kind"), required=False, choices=[("", _("All kinds")), *EventKind.choices])
    sector = forms.ModelChoiceField(
        label=_("Sector"), required=False, queryset=Sector.objects.order_by("name"), empty_label=_("All sectors")
    )
    state = forms.ModelChoiceField(
        label=_("State"), required=False, queryset=State.objects.order_by("name"), empty_label=_("All states")
    )
    when = forms.ChoiceField(
        label=_("When"),
        required=False,
        choices=[("upcoming", _("Upcoming")), ("past", _("Past")), ("all", _("All"))],
    )
