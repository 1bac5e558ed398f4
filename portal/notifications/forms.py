from django import forms
from django.utils.translation import gettext_lazy as _

from portal.notifications.kinds import KINDS
from portal.notifications.models import Frequency


class PreferencesForm(forms.Form):
    """One row per group of notification kinds: how often, and by email and SMS."""

    def __init__(self, *args, choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = []
        for group, (label, _patterns) in KINDS.items():
            choice = choices[group]
            self.fields[f"{group}-frequency"] = forms.ChoiceField(
                label=_("How often: %(group)s") % {"group": label}, choices=Frequency.choices, initial=choice.frequency
            )
            self.fields[f"{group}-email"] = forms.BooleanField(label=_("Email"), required=False, initial=choice.email)
            self.fields[f"{group}-sms"] = forms.BooleanField(label=_("SMS"), required=False, initial=choice.sms)
            self.rows.append((group, label, self[f"{group}-frequency"], self[f"{group}-email"], self[f"{group}-sms"]))

    def cleaned_choices(self) -> dict[str, tuple[str, bool, bool]]:
        data = self.cleaned_data
        return {group: (data[f"{group}-frequency"], data[f"{group}-email"], data[f"{group}-sms"]) for group in KINDS}
