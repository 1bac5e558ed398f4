"""Form pieces shared by every app: identifier fields that normalise what people type."""

from django import forms
from django.utils.translation import gettext_lazy as _

from portal.core import identifiers


class _NormalisingField(forms.CharField):
    normalise = staticmethod(lambda value: value)

    def to_python(self, value):
        value = super().to_python(value)
        return self.normalise(value) if value else value


class UdyamField(_NormalisingField):
    normalise = staticmethod(identifiers.normalise_udyam)
    default_validators = [identifiers.validate_udyam]


class PanField(_NormalisingField):
    normalise = staticmethod(identifiers.normalise_pan)
    default_validators = [identifiers.validate_pan]


class GstinField(_NormalisingField):
    normalise = staticmethod(identifiers.normalise_gstin)
    default_validators = [identifiers.validate_gstin]


class PinField(_NormalisingField):
    normalise = staticmethod(identifiers.normalise_pin)
    default_validators = [identifiers.validate_pin]


class MobileField(_NormalisingField):
    normalise = staticmethod(identifiers.normalise_mobile)
    default_validators = [identifiers.validate_mobile]


def sector_filter_field(label=None, empty_label=None) -> forms.ModelChoiceField:
    """An optional sector choice for list filters, addressed by slug in the URL (?sector=textiles)."""
    from portal.core.models import Sector

    label, empty_label = label or _("Sector"), empty_label or _("All sectors")
    return forms.ModelChoiceField(
        label=label, queryset=Sector.objects.all(), required=False, to_field_name="slug", empty_label=empty_label
    )


def state_filter_field(label=None, empty_label=None) -> forms.ModelChoiceField:
    """An optional state choice for list filters, addressed by its two-letter code (?state=AS)."""
    from portal.core.models import State

    label, empty_label = label or _("State"), empty_label or _("All states")
    return forms.ModelChoiceField(
        label=label, queryset=State.objects.all(), required=False, to_field_name="code", empty_label=empty_label
    )


def sectors_served_field(*, label, help_text) -> forms.ModelMultipleChoiceField:
    """Optional tick-boxes of sectors where none ticked means every sector."""
    from portal.core.models import Sector

    return forms.ModelMultipleChoiceField(
        label=label,
        queryset=Sector.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=help_text,
    )


def states_served_field(*, label, help_text) -> forms.ModelMultipleChoiceField:
    """Optional tick-boxes of states where none ticked means the whole of India."""
    from portal.core.models import State

    return forms.ModelMultipleChoiceField(
        label=label,
        queryset=State.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=help_text,
    )
