from django import forms
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from portal.core.forms import (
    MobileField,
    sector_filter_field,
    sectors_served_field,
    state_filter_field,
    states_served_field,
)
from portal.providers.models import Provider, ProviderKind
from portal.providers.needs import Kind


class ProviderForm(forms.ModelForm):
    """Registration and profile of a provider; ``locked`` fixes name and kind once SIDBI has approved them."""

    help_kinds = forms.MultipleChoiceField(
        label=_("Kinds of requirement you help with"), choices=Kind.choices, widget=forms.CheckboxSelectMultiple
    )
    sectors = sectors_served_field(
        label=_("Sectors you serve"), help_text=_("Leave all unticked if you serve every sector.")
    )
    states = states_served_field(
        label=_("States you serve"), help_text=_("Leave all unticked if you serve the whole of India.")
    )
    contact_email = forms.EmailField(label=_("Contact email"), max_length=254)
    phone = MobileField(label=_("Contact mobile number"), required=False, help_text=_("Optional"))

    class Meta:
        model = Provider
        fields = [
            "name",
            "kind",
            "help_kinds",
            "description",
            "sectors",
            "states",
            "city",
            "website",
            "contact_email",
            "phone",
        ]
        labels = {"name": _("Name of the organisation"), "website": _("Website")}
        widgets = {"description": forms.Textarea(attrs={"rows": 5})}
        help_texts = {
            "description": _("What you offer MSMEs, in a few lines. Shown in the public directory."),
            "website": _("Optional, for example https://www.example.in"),
        }
        error_messages = {"name": {"unique": _("A provider with this name is already registered.")}}

    def __init__(self, *args, locked: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["description"].required = True
        self.fields["city"].required = True
        if locked:
            for name in ("name", "kind"):
                self.fields[name].disabled = True
                self.fields[name].help_text = _("Fixed after SIDBI's approval; write to SIDBI to change it.")

    def clean_name(self):
        name = " ".join(self.cleaned_data["name"].split())
        if not name:
            raise forms.ValidationError(_("Enter the organisation's name."))
        # The database's constraint is case-sensitive; "Test Bank" and "test bank" are one organisation.
        if Provider.objects.filter(name__iexact=name).exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(_("A provider with this name is already registered."))
        return name

    def clean_help_kinds(self):
        # Stored in the order of the choices, whatever order the browser sent them.
        chosen = set(self.cleaned_data["help_kinds"])
        return [value for value in Kind.values if value in chosen]

    def clean_city(self):
        return " ".join(self.cleaned_data["city"].split())


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"), choices=[("approve", _("Approve")), ("reject", _("Reject"))], widget=forms.RadioSelect
    )
    reason = forms.CharField(
        label=_("Reason (told to the provider)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=2000,
        help_text=_("Needed when you reject."),
    )

    def clean(self):
        data = super().clean()
        if data.get("decision") == "reject" and not (data.get("reason") or "").strip():
            self.add_error("reason", _("Say why, so that the provider knows what to put right."))
        return data


class AddPersonForm(forms.Form):
    email = forms.EmailField(
        label=_("Colleague's email"),
        max_length=254,
        help_text=_("They need a portal account with this email first."),
    )

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()


NORTH_EAST = "ne"


class DirectoryFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    kind = forms.ChoiceField(label=_("Kind"), choices=[("", _("All kinds")), *ProviderKind.choices], required=False)
    help_kind = forms.ChoiceField(
        label=_("Helps with"), choices=[("", _("Any requirement")), *Kind.choices], required=False
    )
    sector = sector_filter_field()
    state = state_filter_field(label=_("Serves the state"), empty_label=_("Any state"))
    north_east = forms.BooleanField(
        label=_("Serves the north-eastern states"),
        required=False,
        help_text=_("Includes providers that serve the whole of India."),
    )
    sort = forms.ChoiceField(
        label=_("Order by"),
        choices=[("name", _("Name")), ("rating", _("Rating")), ("solved", _("Requirements solved"))],
        required=False,
    )

    def filter(self, queryset):
        """Apply the valid filters. M2M filters go through sub-queries, so the rating annotation is never multiplied."""
        data = getattr(self, "cleaned_data", {})
        through_sectors = Provider.sectors.through.objects
        through_states = Provider.states.through.objects
        if q := (data.get("q") or "").strip():
            queryset = queryset.filter(Q(name__icontains=q) | Q(description__icontains=q) | Q(city__icontains=q))
        if data.get("kind"):
            queryset = queryset.filter(kind=data["kind"])
        if data.get("help_kind"):
            # JSON "contains" is not available on SQLite; the list's text holds the quoted choice.
            queryset = queryset.filter(help_kinds__icontains=f'"{data["help_kind"]}"')
        if data.get("sector"):
            # A provider with no sectors serves them all.
            queryset = queryset.filter(
                Q(pk__in=through_sectors.filter(sector=data["sector"]).values("provider_id"))
                | ~Q(pk__in=through_sectors.values("provider_id"))
            )
        everywhere = ~Q(pk__in=through_states.values("provider_id"))
        if data.get("state"):
            queryset = queryset.filter(
                Q(pk__in=through_states.filter(state=data["state"]).values("provider_id")) | everywhere
            )
        if data.get("north_east"):
            queryset = queryset.filter(
                Q(pk__in=through_states.filter(state__is_north_east=True).values("provider_id")) | everywhere
            )
        sort = data.get("sort")
        if sort == "rating":
            # Unrated providers last on every database (PostgreSQL puts NULL first when descending).
            return queryset.order_by(F("average_rating").desc(nulls_last=True), "-solved_count", "name", "pk")
        if sort == "solved":
            return queryset.order_by("-solved_count", "name", "pk")
        return queryset.order_by("name", "pk")
