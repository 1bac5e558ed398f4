from django import forms
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from portal.associations.models import Association, MembershipStatus
from portal.core.i18n import language_choices, language_of, normalise_language
from portal.desk.models import FINANCIAL_KINDS, Kind, OfferKind, Requirement
from portal.enterprises.models import Enterprise
from portal.providers.models import Provider, ProviderStatus

MAX_FILES = 5


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input (Django's documented pattern); each is checked by the service."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else ([data] if data else [])
        if len(files) > MAX_FILES:
            raise forms.ValidationError(_("Attach at most %(n)s files.") % {"n": MAX_FILES})
        return [super(MultipleFileField, self).clean(f, initial) for f in files]


class RequirementForm(forms.ModelForm):
    """A requirement in one form: the financial or technical fields are required by kind."""

    def clean_language(self) -> str:
        chosen = self.cleaned_data.get("language")
        return chosen or (self.instance.language if self.instance.pk else normalise_language(get_language()))

    enterprise = forms.ModelChoiceField(label=_("Enterprise"), queryset=Enterprise.objects.none())
    association = forms.ModelChoiceField(label=_("Through the association"), queryset=Association.objects.none())
    attachments = MultipleFileField(
        label=_("Attachments"), help_text=_("Up to 5 files: PDF, image, CSV or Excel, 5 MB each")
    )

    class Meta:
        model = Requirement
        fields = [
            "enterprise",
            "association",
            "kind",
            "title",
            "description",
            "language",
            "urgency",
            "visibility",
            "amount",
            "purpose",
            "tenure_months",
            "collateral",
            "existing_borrowing",
            "latest_turnover",
            "needed_by",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 5}),
            "needed_by": forms.DateInput(attrs={"type": "date"}),
            "visibility": forms.RadioSelect,
        }
        help_texts = {
            "amount": _("In rupees, for example 2500000 for ₹25 lakh"),
            "visibility": _("Providers never see your phone or email until you accept one of their offers."),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = language_choices()
        self.fields["language"].required = False
        self.fields["language"].help_text = _("The language you write in; it is kept as you wrote it.")
        if not self.instance.pk:
            self.initial.setdefault("language", language_of(user, default=get_language()))
        enterprises = Enterprise.objects.of_user(user).order_by("name")
        self.fields["enterprise"].queryset = enterprises
        self.fields["association"].queryset = (
            Association.objects.approved()
            .filter(
                memberships__enterprise__in=enterprises,
                memberships__status=MembershipStatus.APPROVED,
            )
            .distinct()
            .order_by("name")
        )
        for name in ("enterprise", "association"):
            choices = list(self.fields[name].queryset[:2])
            if len(choices) == 1:
                self.fields[name].initial = choices[0].pk
                self.fields[name].empty_label = None
        if self.instance.pk:
            self.initial.setdefault("enterprise", self.instance.enterprise_id)
            self.initial.setdefault("association", self.instance.association_id)
        self.fields["kind"].choices = [
            ("", "---------"),
            (_("Financial"), [(k.value, k.label) for k in Kind if k in FINANCIAL_KINDS]),
            (_("Technical"), [(k.value, k.label) for k in Kind if k not in FINANCIAL_KINDS]),
        ]

    def clean_title(self):
        return " ".join(self.cleaned_data["title"].split())

    def clean_needed_by(self):
        needed_by = self.cleaned_data.get("needed_by")
        if needed_by and needed_by < timezone.localdate():
            raise forms.ValidationError(_("Choose a date from today on."))
        return needed_by

    def clean(self):
        data = super().clean()
        kind = data.get("kind")
        # A field that already has an error (0, a date in the past) gets no second, contradicting one.
        if kind in FINANCIAL_KINDS:
            if not data.get("amount") and "amount" not in self.errors:
                self.add_error("amount", _("Say how much you need."))
            if not data.get("purpose") and "purpose" not in self.errors:
                self.add_error("purpose", _("Say what the money is for."))
            turnover, amount = data.get("latest_turnover"), data.get("amount")
            if turnover and amount and amount > turnover * 10:
                self.add_error("amount", _("This is more than ten times your turnover; please check the zeros."))
        elif kind and not data.get("needed_by") and "needed_by" not in self.errors:
            self.add_error("needed_by", _("Say by when you need it."))
        return data


class AssignForm(forms.Form):
    provider = forms.ModelChoiceField(
        label=_("Provider"), queryset=Provider.objects.filter(status=ProviderStatus.APPROVED).order_by("name")
    )
    note = forms.CharField(label=_("Note to the provider (optional)"), required=False, max_length=2000)

    def __init__(self, *args, requirement: Requirement | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        if requirement is not None:
            # Providers who help with this kind come first; others remain choosable.
            providers = list(self.fields["provider"].queryset)
            providers.sort(key=lambda p: (requirement.kind not in (p.help_kinds or []), p.name))
            self.fields["provider"].choices = [("", "---------")] + [
                (p.pk, f"{p.name} ({p.get_kind_display()})") for p in providers
            ]


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}), max_length=2000)


class MessageForm(forms.Form):
    body = forms.CharField(label=_("Message"), widget=forms.Textarea(attrs={"rows": 3}), max_length=8000)
    internal = forms.BooleanField(label=_("Internal note (the member does not see it)"), required=False)
    attachments = MultipleFileField(label=_("Attachments"))

    def __init__(self, *args, allow_internal: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if not allow_internal:
            del self.fields["internal"]


class OfferForm(forms.Form):
    kind = forms.ChoiceField(label=_("Offer"), choices=OfferKind.choices, widget=forms.RadioSelect)
    amount = forms.DecimalField(
        label=_("Loan amount (₹)"), required=False, min_value=1, max_digits=14, decimal_places=2
    )
    interest_rate = forms.DecimalField(
        label=_("Interest rate (% a year)"), required=False, min_value=0, max_value=36, max_digits=5, decimal_places=2
    )
    tenure_months = forms.IntegerField(label=_("Tenure (months)"), required=False, min_value=1, max_value=360)
    conditions = forms.CharField(
        label=_("Conditions"), required=False, widget=forms.Textarea(attrs={"rows": 2}), max_length=4000
    )
    price = forms.DecimalField(label=_("Price (₹)"), required=False, min_value=0, max_digits=14, decimal_places=2)
    timeline = forms.CharField(label=_("Timeline"), required=False, max_length=200)
    scope = forms.CharField(
        label=_("Scope of work"), required=False, widget=forms.Textarea(attrs={"rows": 2}), max_length=4000
    )

    def __init__(self, *args, requirement: Requirement, **kwargs):
        super().__init__(*args, **kwargs)
        self.requirement = requirement
        if not requirement.is_financial:
            self.fields["kind"].choices = [(OfferKind.SERVICE.value, OfferKind.SERVICE.label)]
            self.fields["kind"].initial = OfferKind.SERVICE

    def clean(self):
        data = super().clean()
        if data.get("kind") == OfferKind.LOAN:
            for name in ("amount", "interest_rate", "tenure_months"):
                if data.get(name) in (None, ""):
                    self.add_error(name, _("Needed for a loan offer."))
        elif data.get("kind") == OfferKind.SERVICE:
            if data.get("price") is None:
                self.add_error("price", _("Needed for a service quote."))
            if not data.get("scope"):
                self.add_error("scope", _("Say what you will do."))
        return data

    def terms(self) -> dict:
        data = self.cleaned_data
        if data["kind"] == OfferKind.LOAN:
            keys = ("amount", "interest_rate", "tenure_months", "conditions")
        else:
            keys = ("price", "timeline", "scope", "conditions")
        return {key: data[key] for key in keys if data.get(key) not in (None, "")}


class ResolveForm(forms.Form):
    rating = forms.TypedChoiceField(
        label=_("How well was it handled?"),
        choices=[(n, f"{n} ★") for n in range(5, 0, -1)],
        coerce=int,
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=_("Comment (optional)"), required=False, widget=forms.Textarea(attrs={"rows": 2}), max_length=2000
    )


class DeskFilterForm(forms.Form):
    status = forms.ChoiceField(
        required=False,
        choices=[("", _("All open")), ("overdue", _("Overdue")), ("resolved", _("Resolved")), ("all", _("Everything"))],
    )
    kind = forms.ChoiceField(required=False, choices=[("", _("All kinds"))] + list(Kind.choices))
    q = forms.CharField(required=False, max_length=100)
