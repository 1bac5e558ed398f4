from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.core.errors import ActionRefused
from portal.enterprises.models import Enterprise
from portal.pooling import services
from portal.pooling.models import MAX_PRICE, MAX_QUANTITY, MIN_PRICE, MIN_QUANTITY, PooledDemand

QUANTITY_ERRORS = {
    "min_value": _("The quantity must be more than zero."),
    "max_value": _("The quantity can be at most 1,000,000,000: check for extra zeros."),
    "max_decimal_places": _("Use at most three decimals."),
    "max_digits": _("The quantity can be at most 1,000,000,000: check for extra zeros."),
    "max_whole_digits": _("The quantity can be at most 1,000,000,000: check for extra zeros."),
    "invalid": _("Enter a number, for example 250 or 12.5."),
}


def quantity_field(label, **kwargs) -> forms.DecimalField:
    return forms.DecimalField(
        label=label,
        min_value=MIN_QUANTITY,
        max_value=MAX_QUANTITY,
        max_digits=13,
        decimal_places=3,
        error_messages=QUANTITY_ERRORS,
        widget=forms.NumberInput(attrs={"step": "any", "min": "0", "inputmode": "decimal"}),
        **kwargs,
    )


class PooledDemandForm(forms.ModelForm):
    """What the office-bearer fills in to open a pooled demand."""

    target_quantity = quantity_field(_("Target quantity"), help_text=_("In the unit above, for example 20000"))
    closes_at = forms.DateTimeField(
        label=_("Commitments close at"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        help_text=_("Indian Standard Time. Members can commit until then; then you export the list to negotiate."),
    )

    class Meta:
        model = PooledDemand
        fields = ["title", "category", "description", "unit", "target_quantity", "closes_at"]
        widgets = {"description": forms.Textarea(attrs={"rows": 5})}
        help_texts = {
            "title": _("For example: Bulk cotton yarn purchase, 40s count"),
            "unit": _("What members commit in: kg, tonnes, tests, stall share…"),
            "description": _("Specification, delivery place and terms, what members should know"),
        }

    def clean_closes_at(self):
        try:
            return services.clean_closes_at(self.cleaned_data["closes_at"])
        except ActionRefused as exc:
            raise forms.ValidationError(exc.message, code=exc.code) from None

    def clean_unit(self):
        unit = " ".join(self.cleaned_data["unit"].split())
        if not unit:
            raise forms.ValidationError(_("Say in which unit members commit."))
        return unit


class CommitForm(forms.Form):
    """A member enterprise's quantity; the enterprise is asked only when the person acts for several."""

    enterprise = forms.ModelChoiceField(label=_("Committing for"), queryset=Enterprise.objects.none(), empty_label=None)
    quantity = quantity_field(_("Quantity"))

    def __init__(self, *args, enterprises: list[Enterprise], unit: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["enterprise"].queryset = Enterprise.objects.filter(pk__in=[e.pk for e in enterprises]).order_by(
            "name"
        )
        if unit:
            self.fields["quantity"].label = _("Quantity (%(unit)s)") % {"unit": unit}
        self.single_enterprise = enterprises[0] if len(enterprises) == 1 else None
        if self.single_enterprise is not None:
            self.fields["enterprise"].widget = forms.HiddenInput()
            self.fields["enterprise"].initial = self.single_enterprise.pk
            self.fields["enterprise"].required = False

    def clean_enterprise(self):
        return self.cleaned_data.get("enterprise") or self.single_enterprise


class WithdrawForm(forms.Form):
    enterprise = forms.ModelChoiceField(queryset=Enterprise.objects.none(), widget=forms.HiddenInput)

    def __init__(self, *args, enterprises, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["enterprise"].queryset = enterprises


class OutcomeForm(forms.Form):
    price_per_unit = forms.DecimalField(
        label=_("Negotiated price per unit (₹)"),
        min_value=MIN_PRICE,
        max_value=MAX_PRICE,
        max_digits=12,
        decimal_places=2,
        help_text=_("In rupees, before GST, for one unit of what members committed"),
        error_messages={
            "min_value": _("The negotiated price must be more than zero."),
            "max_value": _("The price per unit can be at most ₹10,00,00,000: check for extra zeros."),
            "max_digits": _("The price per unit can be at most ₹10,00,00,000: check for extra zeros."),
            "max_whole_digits": _("The price per unit can be at most ₹10,00,00,000: check for extra zeros."),
            "max_decimal_places": _("Use at most two decimals (paise)."),
            "invalid": _("Enter an amount in rupees, for example 245.50."),
        },
        widget=forms.NumberInput(attrs={"step": "0.01", "min": "0", "inputmode": "decimal"}),
    )
    supplier = forms.CharField(label=_("Supplier"), max_length=200)
    notes = forms.CharField(
        label=_("Notes for members"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Delivery schedule, payment terms, how members place their orders"),
    )


class CancelForm(forms.Form):
    reason = forms.CharField(
        label=_("Why is it cancelled?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Enterprises that committed are told this."),
    )


def local_input(value) -> str:
    """A datetime as the datetime-local input shows it (used to pre-fill a sensible closing date)."""
    return timezone.localtime(value).strftime("%Y-%m-%dT%H:%M")
