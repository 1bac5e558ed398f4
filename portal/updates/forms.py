from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from portal.associations.models import Association
from portal.core.i18n import language_choices, normalise_language
from portal.core.models import Sector, State
from portal.core.uploads import validate_upload
from portal.updates.models import Kind, Recognition, Role, Update

AUDIENCE_EVERYONE = "everyone"
AUDIENCE_CHOSEN = "chosen"

DATETIME_WIDGET = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class UpdateForm(forms.ModelForm):
    """Write or edit an update. ``association`` is the publishing association (None when SIDBI publishes)."""

    audience = forms.ChoiceField(
        label=_("Audience"),
        widget=forms.RadioSelect,
        initial=AUDIENCE_EVERYONE,
        choices=[(AUDIENCE_EVERYONE, _("Everyone")), (AUDIENCE_CHOSEN, _("Only the people chosen below"))],
    )
    target_sectors = forms.ModelMultipleChoiceField(
        label=_("Sectors"), queryset=Sector.objects.all(), required=False, widget=forms.CheckboxSelectMultiple
    )
    target_states = forms.ModelMultipleChoiceField(
        label=_("States"), queryset=State.objects.all(), required=False, widget=forms.SelectMultiple
    )
    target_associations = forms.ModelMultipleChoiceField(
        label=_("Associations"),
        queryset=Association.objects.approved(),
        required=False,
        widget=forms.SelectMultiple,
    )
    target_roles = forms.MultipleChoiceField(
        label=_("Roles"), choices=Role.choices, required=False, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = Update
        fields = [
            "kind",
            "language",
            "title",
            "body",
            "circular_number",
            "attachment",
            "deadline",
            "publish_at",
            "expires_at",
        ]
        widgets = {
            "body": forms.Textarea(attrs={"rows": 10}),
            "deadline": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "publish_at": DATETIME_WIDGET,
            "expires_at": DATETIME_WIDGET,
            "attachment": forms.ClearableFileInput(attrs={"accept": "application/pdf"}),
        }
        help_texts = {
            "body": _("Plain text; line breaks are kept."),
            "circular_number": _("Required for circulars."),
            "attachment": _("A PDF; required for circulars."),
            "deadline": _("Required for opportunities."),
            "publish_at": _("Leave as now to publish at once, or choose a later time to schedule it."),
            "expires_at": _("Optional: the update disappears from feeds after this time."),
        }

    def __init__(self, *args, association=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.association = association
        self.fields["publish_at"].required = False
        self.fields["language"].choices = language_choices()
        self.fields["language"].help_text = _("The language you write this update in.")
        self.fields["language"].required = False
        if not self.instance.pk:
            self.initial.setdefault("publish_at", timezone.localtime().replace(second=0, microsecond=0))
            # By default the language the author is using the portal in.
            self.initial.setdefault("language", normalise_language(get_language()))
        else:
            self.initial["audience"] = AUDIENCE_EVERYONE if self.instance.for_everyone else AUDIENCE_CHOSEN
            self.initial["target_sectors"] = list(self.instance.sectors.all())
            self.initial["target_states"] = list(self.instance.states.all())
            self.initial["target_associations"] = list(self.instance.associations.all())
            self.initial["target_roles"] = list(self.instance.roles)
        if association is not None:
            # An association's office can only aim at its own members: no other associations, no SIDBI or providers.
            del self.fields["target_associations"]
            self.fields["target_roles"].choices = [
                (Role.MEMBERS, Role.MEMBERS.label),
                (Role.OFFICE_BEARERS, Role.OFFICE_BEARERS.label),
            ]
            self.fields["audience"].choices = [
                (AUDIENCE_EVERYONE, _("Everyone (public)")),
                (AUDIENCE_CHOSEN, _("Only our members (narrow down below if you wish)")),
            ]

    def clean_attachment(self):
        attachment = self.cleaned_data.get("attachment")
        if attachment and hasattr(attachment, "content_type"):  # a new upload, not the stored file
            validate_upload(attachment, kinds=("pdf",))
        return attachment

    def clean_deadline(self):
        deadline = self.cleaned_data.get("deadline")
        if deadline is not None and deadline < timezone.localdate():
            raise ValidationError(_("The deadline has passed. Choose today or a later date."), code="past")
        return deadline

    def clean(self):
        data = super().clean()
        kind = data.get("kind")
        if kind == Kind.CIRCULAR:
            if not data.get("circular_number"):
                self.add_error("circular_number", _("A circular needs its number."))
            if not data.get("attachment") and "attachment" not in self.errors:
                self.add_error("attachment", _("A circular needs its PDF attached."))
        if kind == Kind.OPPORTUNITY and not data.get("deadline") and "deadline" not in self.errors:
            self.add_error("deadline", _("An opportunity needs a deadline."))
        publish_at = data.get("publish_at") or timezone.now()
        data["publish_at"] = publish_at
        expires_at = data.get("expires_at")
        if expires_at is not None and expires_at <= max(publish_at, timezone.now()):
            self.add_error("expires_at", _("The expiry must be after the publishing time."))
        targets = ("target_sectors", "target_states", "target_associations", "target_roles")
        chosen = data.get("audience") == AUDIENCE_CHOSEN
        if chosen and self.association is None and not any(data.get(name) for name in targets):
            self.add_error("audience", _("Choose at least one sector, state, association or role."))
        return data

    def audience_kwargs(self) -> dict:
        data = self.cleaned_data
        return {
            "for_everyone": data["audience"] == AUDIENCE_EVERYONE,
            "sectors": data.get("target_sectors") or [],
            "states": data.get("target_states") or [],
            "associations": data.get("target_associations") or [],
            "roles": data.get("target_roles") or [],
        }

    def clean_language(self) -> str:
        # Left out (an older client, the API): the language already recorded, else the author's current one.
        chosen = self.cleaned_data.get("language")
        return chosen or (self.instance.language if self.instance.pk else normalise_language(get_language()))

    def model_fields(self) -> dict:
        return {name: self.cleaned_data.get(name) for name in self._meta.fields}


class WithdrawForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=500, required=False)


class FollowForm(forms.Form):
    sectors = forms.ModelMultipleChoiceField(
        label=_("Sectors"), queryset=Sector.objects.all(), required=False, widget=forms.CheckboxSelectMultiple
    )
    associations = forms.ModelMultipleChoiceField(
        label=_("Associations"),
        queryset=Association.objects.approved(),
        required=False,
        widget=forms.SelectMultiple,
    )


class RecognitionForm(forms.ModelForm):
    class Meta:
        model = Recognition
        fields = ["association", "person_name", "title", "financial_year", "citation"]
        widgets = {"citation": forms.Textarea(attrs={"rows": 5})}
        help_texts = {"financial_year": _("April to March, written as 2026-27.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["association"].queryset = Association.objects.approved()

    def validate_unique(self):
        """The service refuses duplicates with a clear message; skip the model's own check here."""

    def validate_constraints(self):
        """As validate_unique: the service owns the duplicate check."""
