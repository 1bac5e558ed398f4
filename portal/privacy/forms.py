from django import forms
from django.utils.translation import gettext_lazy as _

from portal.core.identifiers import normalise_mobile, validate_mobile
from portal.privacy.notice import PURPOSES, REQUIRED_PURPOSE


class SignupConsentForm(forms.Form):
    """Added by allauth to its sign-up form (ACCOUNT_SIGNUP_FORM_CLASS): one box per purpose of the notice."""

    full_name = forms.CharField(label=_("Your full name"), max_length=150)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for purpose in PURPOSES:
            self.fields[f"consent_{purpose.code}"] = forms.BooleanField(
                label=purpose.label,
                help_text=purpose.explanation,
                required=purpose.required,
                initial=False,
                error_messages={
                    "required": _(
                        "Tick this box to agree to the privacy notice: the portal cannot run an account without it."
                    )
                },
            )

    def purposes(self) -> set[str]:
        return {p.code for p in PURPOSES if self.cleaned_data.get(f"consent_{p.code}")}

    def signup(self, request, user) -> None:
        from portal.core.audit import request_ip
        from portal.privacy.services import consents_record_at_signup

        user.full_name = self.cleaned_data["full_name"].strip()
        user.save(update_fields=["full_name"])
        consents_record_at_signup(user=user, purposes=self.purposes(), ip=request_ip(request))


class ConsentChangeForm(forms.Form):
    purpose = forms.ChoiceField(choices=[(p.code, p.label) for p in PURPOSES if p.code != REQUIRED_PURPOSE])
    action = forms.ChoiceField(choices=[("give", "give"), ("withdraw", "withdraw")])


class PersonalDetailsForm(forms.Form):
    full_name = forms.CharField(label=_("Full name"), max_length=150)
    phone = forms.CharField(
        label=_("Mobile number"),
        max_length=13,
        required=False,
        help_text=_("Indian mobile number, for example +919876543210."),
    )

    def clean_phone(self) -> str:
        value = self.cleaned_data["phone"].strip()
        if not value:
            return ""
        value = normalise_mobile(value)
        validate_mobile(value)
        return value


class DeleteAccountForm(forms.Form):
    password = forms.CharField(label=_("Your password"), widget=forms.PasswordInput, strip=False)
    confirm = forms.BooleanField(
        label=_("I understand my account will be deleted and cannot be restored."),
        error_messages={"required": _("Tick this box to confirm.")},
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self) -> str:
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("That is not your password."))
        return password


class GrievanceForm(forms.Form):
    name = forms.CharField(label=_("Your name"), max_length=150)
    email = forms.EmailField(label=_("Your email"), help_text=_("We send the acknowledgement and the answer here."))
    subject = forms.CharField(label=_("Subject"), max_length=200)
    description = forms.CharField(
        label=_("What happened and what you would like done"), max_length=5000, widget=forms.Textarea(attrs={"rows": 6})
    )


class GrievanceResponseForm(forms.Form):
    response = forms.CharField(label=_("Answer"), max_length=5000, widget=forms.Textarea(attrs={"rows": 6}))
