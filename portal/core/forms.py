"""Form pieces shared by every app: identifier fields that normalise what people type."""

from django import forms

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
