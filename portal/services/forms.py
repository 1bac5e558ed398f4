from django import forms
from django.utils.translation import gettext_lazy as _

from portal.services.models import Service

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ServiceForm(forms.ModelForm):
    class Meta:
        model = Service
        fields = ["kind", "title", "description", "unit", "price_member", "price_non_member", "published"]
        help_texts = {
            "published": _("Published services are shown to every logged-in user; drafts only to your office.")
        }

    def clean(self):
        data = super().clean()
        for name in ("price_member", "price_non_member"):
            if data.get(name) is not None and data[name] < 0:
                self.add_error(name, _("A price cannot be negative."))
        return data


class BookingForm(forms.Form):
    note = forms.CharField(
        label=_("Note to the association"), max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    preferred_date = forms.DateField(label=_("Preferred date"), required=False, widget=DATE)


class DeclineForm(forms.Form):
    reason = forms.CharField(
        label=_("Why the booking is declined"), max_length=1000, widget=forms.Textarea(attrs={"rows": 2})
    )


class DeliverForm(forms.Form):
    fee = forms.DecimalField(label=_("Fee charged (₹)"), max_digits=14, decimal_places=2, min_value=0)
    reason = forms.CharField(
        label=_("Why the fee differs from the price"),
        max_length=300,
        required=False,
        help_text=_("Needed only when you charge something other than the price fixed at booking."),
    )
    delivered_on = forms.DateField(label=_("Delivered on"), widget=DATE)


class RatingForm(forms.Form):
    rating = forms.TypedChoiceField(
        label=_("Your rating"), coerce=int, choices=[(n, str(n)) for n in range(5, 0, -1)], widget=forms.RadioSelect
    )
    comment = forms.CharField(
        label=_("Comment"), max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
