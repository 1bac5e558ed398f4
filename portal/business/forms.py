import re

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.associations.models import Association
from portal.business.models import MESSAGE_MAX_LENGTH, Capacity, Lead, LeadKind, Product
from portal.core.models import Sector, State

HS_CODE = re.compile(r"^\d{4}(\d{2}){0,2}$")


class ProductForm(forms.ModelForm):
    class Meta:
        model = Product
        fields = ["name", "description", "sector", "hs_code"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sector"].queryset = Sector.objects.order_by("name")

    def clean_hs_code(self):
        value = self.cleaned_data["hs_code"].replace(".", "").replace(" ", "")
        if value and not HS_CODE.match(value):
            raise forms.ValidationError(_("An HS code has 4, 6 or 8 digits, for example 6109 or 610910."))
        return value


class CapacityForm(forms.ModelForm):
    class Meta:
        model = Capacity
        fields = ["monthly_capacity", "unit", "spare_available", "machines"]
        widgets = {"machines": forms.Textarea(attrs={"rows": 3})}

    def clean_monthly_capacity(self):
        value = self.cleaned_data["monthly_capacity"]
        if value is not None and value < 0:
            raise forms.ValidationError(_("The capacity cannot be negative."))
        return value


class DirectoryFilterForm(forms.Form):
    q = forms.CharField(label=_("Product or name"), required=False, max_length=100)
    sector = forms.ModelChoiceField(label=_("Sector"), queryset=Sector.objects.order_by("name"), required=False)
    state = forms.ModelChoiceField(label=_("State"), queryset=State.objects.order_by("name"), required=False)
    association = forms.ModelChoiceField(
        label=_("Association"), queryset=Association.objects.approved().order_by("name"), required=False
    )
    spare = forms.BooleanField(label=_("Has spare capacity"), required=False)


class LeadFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    kind = forms.ChoiceField(label=_("Kind"), choices=[("", _("Any kind"))] + LeadKind.choices, required=False)
    sector = forms.ModelChoiceField(label=_("Sector"), queryset=Sector.objects.order_by("name"), required=False)
    state = forms.ModelChoiceField(label=_("State"), queryset=State.objects.order_by("name"), required=False)


class EnterpriseChoiceMixin:
    """Adds "for which enterprise" when the user acts for more than one member enterprise."""

    def _enterprise_field(self, enterprises):
        self.fields["enterprise"] = forms.ModelChoiceField(
            label=_("For the enterprise"), queryset=enterprises, empty_label=None
        )
        self._only_enterprise = None
        choices = list(enterprises[:2])
        if len(choices) == 1:
            self._only_enterprise = choices[0]
            self.fields["enterprise"].widget = forms.HiddenInput()
            self.fields["enterprise"].initial = choices[0].pk
            self.fields["enterprise"].required = False

    def clean_enterprise(self):
        return self.cleaned_data.get("enterprise") or self._only_enterprise


class LeadForm(EnterpriseChoiceMixin, forms.ModelForm):
    expires_on = forms.DateField(label=_("Expires on"), widget=forms.DateInput(attrs={"type": "date"}))

    class Meta:
        model = Lead
        fields = ["kind", "title", "sector", "state", "district", "description", "expires_on"]
        widgets = {"description": forms.Textarea(attrs={"rows": 5})}

    def __init__(self, *args, enterprises, **kwargs):
        super().__init__(*args, **kwargs)
        self._enterprise_field(enterprises)
        self.fields["sector"].queryset = Sector.objects.order_by("name")
        self.fields["state"].queryset = State.objects.order_by("name")

    def clean_expires_on(self):
        value = self.cleaned_data["expires_on"]
        if value < timezone.localdate():
            raise forms.ValidationError(_("The expiry date has passed: choose today or a later date."))
        return value


class InterestForm(EnterpriseChoiceMixin, forms.Form):
    message = forms.CharField(
        label=_("Message to the poster"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, enterprises, **kwargs):
        super().__init__(*args, **kwargs)
        self._enterprise_field(enterprises)


class ConnectForm(EnterpriseChoiceMixin, forms.Form):
    note = forms.CharField(
        label=_("Note (why you would like to connect)"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, enterprises, **kwargs):
        super().__init__(*args, **kwargs)
        self._enterprise_field(enterprises)


class MessageForm(forms.Form):
    body = forms.CharField(
        label=_("Message"),
        max_length=MESSAGE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "max_length": _("A message can be %(limit_value)d characters at most (this one has %(show_value)d)."),
            "required": _("Write a message first."),
        },
    )


class ReportForm(forms.Form):
    reason = forms.CharField(
        label=_("What is wrong with this message?"), max_length=1000, widget=forms.Textarea(attrs={"rows": 2})
    )


class ResolveForm(forms.Form):
    resolution = forms.CharField(
        label=_("What was done"), max_length=1000, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
