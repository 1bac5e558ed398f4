from decimal import Decimal

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from portal.catalogue.models import Offering, OfferingKind
from portal.core.forms import sector_filter_field, sectors_served_field, state_filter_field, states_served_field
from portal.enterprises.models import Category
from portal.providers.needs import FINANCIAL_KINDS, MAX_AMOUNT, Kind

FINANCIAL_CHOICES = [(value, label) for value, label in Kind.choices if value in FINANCIAL_KINDS]


class RupeeField(forms.DecimalField):
    """An amount in rupees as people type it: "25,00,000", "₹ 5,00,000.50" and "500000" are all accepted."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_digits", 14)
        kwargs.setdefault("decimal_places", 2)
        kwargs.setdefault("min_value", Decimal("1"))
        kwargs.setdefault("max_value", Decimal(MAX_AMOUNT))
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "decimal"}))
        super().__init__(**kwargs)

    def to_python(self, value):
        if isinstance(value, str):
            value = value.replace("₹", "").replace(",", "").replace(" ", "").strip()
            if value.lower().startswith("rs."):
                value = value[3:]
        return super().to_python(value)


class OfferingForm(forms.ModelForm):
    eligible_categories = forms.MultipleChoiceField(
        label=_("MSME categories eligible"),
        choices=Category.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Leave all unticked if every category may apply."),
    )
    purposes = forms.MultipleChoiceField(
        label=_("Financial needs it serves"),
        choices=FINANCIAL_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Leave all unticked if it serves any financial need."),
    )
    sectors = sectors_served_field(label=_("Sectors"), help_text=_("Leave all unticked if every sector may apply."))
    states = states_served_field(label=_("States"), help_text=_("Leave all unticked if it is available across India."))
    min_amount = RupeeField(label=_("Smallest amount (₹)"), required=False, help_text=_("Optional"))
    max_amount = RupeeField(label=_("Largest amount (₹)"), required=False, help_text=_("Optional"))

    class Meta:
        model = Offering
        fields = [
            "name",
            "offered_by",
            "kind",
            "summary",
            "details",
            "eligible_categories",
            "purposes",
            "sectors",
            "states",
            "min_amount",
            "max_amount",
            "interest",
            "terms",
            "link",
        ]
        widgets = {
            "details": forms.Textarea(attrs={"rows": 6}),
            "terms": forms.Textarea(attrs={"rows": 3}),
        }

    def clean_name(self):
        return " ".join(self.cleaned_data["name"].split())

    def clean_offered_by(self):
        return " ".join(self.cleaned_data["offered_by"].split())

    def clean_eligible_categories(self):
        chosen = set(self.cleaned_data["eligible_categories"])
        return [value for value in Category.values if value in chosen]

    def clean_purposes(self):
        chosen = set(self.cleaned_data["purposes"])
        return [value for value, _label in FINANCIAL_CHOICES if value in chosen]

    def clean(self):
        data = super().clean()
        low, high = data.get("min_amount"), data.get("max_amount")
        if low is not None and high is not None and low > high:
            self.add_error("max_amount", _("The largest amount cannot be below the smallest."))
        name, offered_by = data.get("name"), data.get("offered_by")
        if (
            name
            and offered_by
            and Offering.objects.filter(name__iexact=name, offered_by__iexact=offered_by)
            .exclude(pk=self.instance.pk)
            .exists()
        ):
            self.add_error("name", _("%(by)s already has an offering with this name.") % {"by": offered_by})
        return data

    # Both of the model's constraints (a unique name per lender, min ≤ max) are checked in clean() beside the
    # fields they concern, so the model's own generic non-field messages would only repeat them.
    def validate_unique(self):
        pass

    def validate_constraints(self):
        pass


class FilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    kind = forms.ChoiceField(label=_("Kind"), choices=[("", _("All kinds")), *OfferingKind.choices], required=False)
    category = forms.ChoiceField(
        label=_("Your MSME category"), choices=[("", _("Any category")), *Category.choices], required=False
    )
    sector = sector_filter_field(label=_("Your sector"), empty_label=_("Any sector"))
    state = state_filter_field(label=_("Your state"), empty_label=_("Any state"))
    amount = RupeeField(label=_("Amount you need (₹)"), required=False)

    def filter(self, queryset):
        """Apply the valid filters; an offering with no sectors, states or categories listed is open to all."""
        data = getattr(self, "cleaned_data", {})
        through_sectors = Offering.sectors.through.objects
        through_states = Offering.states.through.objects
        if q := (data.get("q") or "").strip():
            queryset = queryset.filter(Q(name__icontains=q) | Q(offered_by__icontains=q) | Q(summary__icontains=q))
        if data.get("kind"):
            queryset = queryset.filter(kind=data["kind"])
        if data.get("category"):
            # JSON "contains" is not available on SQLite; the list's text holds the quoted choice.
            queryset = queryset.filter(
                Q(eligible_categories__icontains=f'"{data["category"]}"') | Q(eligible_categories=[])
            )
        if data.get("sector"):
            queryset = queryset.filter(
                Q(pk__in=through_sectors.filter(sector=data["sector"]).values("offering_id"))
                | ~Q(pk__in=through_sectors.values("offering_id"))
            )
        if data.get("state"):
            queryset = queryset.filter(
                Q(pk__in=through_states.filter(state=data["state"]).values("offering_id"))
                | ~Q(pk__in=through_states.values("offering_id"))
            )
        if (amount := data.get("amount")) is not None:
            queryset = queryset.filter(Q(min_amount__isnull=True) | Q(min_amount__lte=amount)).filter(
                Q(max_amount__isnull=True) | Q(max_amount__gte=amount)
            )
        return queryset
