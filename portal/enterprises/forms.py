from django import forms
from django.utils.translation import gettext_lazy as _

from portal.core.forms import GstinField, MobileField, PanField, PinField, UdyamField
from portal.core.models import Sector, State
from portal.enterprises.models import Category, Enterprise, SharedField, default_shared_fields


class EnterpriseForm(forms.ModelForm):
    # Declared fields ignore Meta.error_messages, so the duplicate message is given here.
    udyam_number = UdyamField(
        label=_("Udyam Registration Number"),
        help_text=_("As UDYAM-XX-00-0000000"),
        error_messages={"unique": _("An enterprise with this Udyam number is already on the portal.")},
    )
    pan = PanField(label=_("PAN"))
    gstin = GstinField(label=_("GSTIN"), required=False)
    pin_code = PinField(label=_("PIN code"))
    phone = MobileField(label=_("Mobile number"), required=False)
    shared_fields = forms.MultipleChoiceField(
        label=_("What fellow members of your associations may see"),
        choices=SharedField.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_(
            "Your name and sector are always shown to fellow members. SIDBI and your own people see everything."
        ),
    )

    class Meta:
        model = Enterprise
        fields = [
            "name",
            "udyam_number",
            "pan",
            "gstin",
            "category",
            "sector",
            "products",
            "employees",
            "address",
            "district",
            "state",
            "pin_code",
            "phone",
            "email",
            "website",
            "shared_fields",
        ]
        widgets = {"products": forms.Textarea(attrs={"rows": 3}), "address": forms.Textarea(attrs={"rows": 2})}
        labels = {"sector": _("Sector"), "state": _("State")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is None and "shared_fields" in self.fields:
            # A new profile starts with the modest default: products, size and location.
            self.initial.setdefault("shared_fields", [str(f) for f in default_shared_fields()])

    def clean_gstin(self):
        # The GSTIN's unique constraint is conditional, which Django reports as an unhelpful non-field
        # error ("Constraint ... is violated"); check here so the message sits beside the field.
        gstin = self.cleaned_data.get("gstin")
        if gstin and Enterprise.objects.filter(gstin=gstin).exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(_("An enterprise with this GSTIN is already on the portal."))
        return gstin

    def clean(self):
        data = super().clean()
        gstin, pan, state = data.get("gstin"), data.get("pan"), data.get("state")
        if gstin and pan and gstin[2:12] != pan:
            self.add_error("gstin", _("The GSTIN does not contain this PAN (characters 3 to 12 must be the PAN)."))
        if gstin and state and gstin[:2] != state.gst_code:
            self.add_error(
                "gstin",
                _("This GSTIN is registered in another state (code %(code)s); %(state)s has code %(expected)s.")
                % {"code": gstin[:2], "state": state.name, "expected": state.gst_code},
            )
        return data


class AddPersonForm(forms.Form):
    email = forms.EmailField(label=_("Email of the person to add"))


class ImportRowForm(EnterpriseForm):
    """One row of a member import: the same rules as the profile form, with names for sector and state."""

    sector = forms.CharField()
    state = forms.CharField()
    category = forms.CharField()  # spreadsheets say "Micro" as often as "micro"

    class Meta(EnterpriseForm.Meta):
        fields = [f for f in EnterpriseForm.Meta.fields if f != "shared_fields"]

    def __init__(self, *args, sectors: dict, states: dict, **kwargs):
        self._sectors, self._states = sectors, states
        super().__init__(*args, **kwargs)
        self.fields.pop("shared_fields", None)

    def clean_category(self):
        value = (self.cleaned_data.get("category") or "").strip().lower()
        if value not in Category.values:
            raise forms.ValidationError(
                _("Unknown MSME category “%(value)s”: use micro, small or medium.") % {"value": value}
            )
        return value

    def clean_sector(self):
        value = (self.cleaned_data.get("sector") or "").strip().lower()
        sector = self._sectors.get(value)
        if sector is None:
            raise forms.ValidationError(_("Unknown sector “%(value)s”.") % {"value": value})
        return sector

    def clean_state(self):
        value = (self.cleaned_data.get("state") or "").strip().lower()
        state = self._states.get(value)
        if state is None:
            raise forms.ValidationError(
                _("Unknown state “%(value)s”: use its name or two-letter code.") % {"value": value}
            )
        return state

    @staticmethod
    def lookups() -> tuple[dict, dict]:
        sectors = {}
        for sector in Sector.objects.all():
            sectors[sector.slug.lower()] = sector
            sectors[sector.name.lower()] = sector
        states = {}
        for state in State.objects.all():
            states[state.code.lower()] = state
            states[state.name.lower()] = state
        return sectors, states
