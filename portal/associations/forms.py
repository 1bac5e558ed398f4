import mimetypes
from pathlib import Path

from django import forms
from django.forms import inlineformset_factory
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.associations.models import Association, OfficeBearer, Stage
from portal.core.forms import GstinField, MobileField, PanField, PinField, sector_filter_field, state_filter_field
from portal.core.models import Sector
from portal.core.uploads import KINDS, validate_upload


class AssociationForm(forms.ModelForm):
    # Declared fields do not take Meta.error_messages, so the duplicate-PAN message is given here.
    pan = PanField(
        label=_("PAN of the association"),
        error_messages={"unique": _("An association with this PAN is already registered.")},
    )
    gstin = GstinField(label=_("GSTIN"), required=False, help_text=_("Optional"))
    pin_code = PinField(label=_("PIN code"))
    phone = MobileField(label=_("Contact mobile number"))
    sectors = forms.ModelMultipleChoiceField(
        label=_("Sectors served"), queryset=Sector.objects.all(), widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = Association
        fields = [
            "name",
            "legal_form",
            "registration_number",
            "pan",
            "gstin",
            "year_founded",
            "sectors",
            "cluster_name",
            "state",
            "district",
            "address",
            "pin_code",
            "approx_member_count",
            "website",
            "email",
            "phone",
            "about",
            "registration_certificate",
        ]
        widgets = {"address": forms.Textarea(attrs={"rows": 2}), "about": forms.Textarea(attrs={"rows": 4})}
        help_texts = {
            "cluster_name": _("For example: Tiruppur knitwear, Ludhiana engineering"),
            "registration_certificate": _("PDF or image, up to 5 MB"),
        }
        error_messages = {
            "pan": {"unique": _("An association with this PAN is already registered.")},
            "registration_number": {"unique": _("An association with this registration number is already registered.")},
        }

    def clean_registration_number(self):
        return " ".join(self.cleaned_data["registration_number"].split()).upper()

    def clean_year_founded(self):
        year = self.cleaned_data["year_founded"]
        if not 1850 <= year <= timezone.localdate().year:
            raise forms.ValidationError(_("Enter a year between 1850 and this year."))
        return year

    def clean_registration_certificate(self):
        certificate = self.cleaned_data.get("registration_certificate")
        if certificate and hasattr(certificate, "content_type"):  # a new upload, not the stored file
            mime = validate_upload(certificate, kinds=("pdf", "image"))
            # The file is served inline under its stored name: the extension must match the checked content,
            # or a PDF named .html would be served as a web page.
            stem = Path(certificate.name).stem[:70] or "certificate"
            certificate.name = stem + (mimetypes.guess_extension(mime) or "")
        return certificate

    def clean(self):
        data = super().clean()
        gstin, pan = data.get("gstin"), data.get("pan")
        if gstin and pan and gstin[2:12] != pan:
            self.add_error("gstin", _("The GSTIN does not contain the association's PAN (characters 3 to 12)."))
        elif gstin and Association.objects.filter(gstin=gstin).exclude(pk=self.instance.pk).exists():
            # Said here, beside the field: the conditional unique constraint's own message names no field.
            self.add_error("gstin", _("An association with this GSTIN is already registered."))
        return data


class OfficeBearerForm(forms.ModelForm):
    phone = MobileField(label=_("Mobile number"))

    class Meta:
        model = OfficeBearer
        fields = ["name", "designation", "phone", "email"]


OfficeBearerFormSet = inlineformset_factory(
    Association,
    OfficeBearer,
    form=OfficeBearerForm,
    extra=2,
    min_num=1,
    validate_min=True,
    max_num=15,
    validate_max=True,
    can_delete=True,
)


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("approve", _("Approve")), ("request_info", _("Ask for more information")), ("reject", _("Reject"))],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Reason or question for the applicant"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=4000,
    )

    def clean(self):
        data = super().clean()
        if data.get("decision") in {"reject", "request_info"} and not (data.get("reason") or "").strip():
            self.add_error("reason", _("Say why, so that the applicant knows what to do."))
        return data


class ResubmitForm(forms.Form):
    answer = forms.CharField(label=_("Your answer to SIDBI"), widget=forms.Textarea(attrs={"rows": 3}), max_length=4000)


class DirectoryFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    sector = sector_filter_field()
    state = state_filter_field()
    north_east = forms.BooleanField(label=_("North-eastern states only"), required=False)
    stage = forms.ChoiceField(label=_("Stage"), choices=[("", _("All stages")), *Stage.choices], required=False)

    def filter(self, queryset):
        data = self.cleaned_data
        if data.get("q"):
            from django.db.models import Q

            q = data["q"]
            queryset = queryset.filter(Q(name__icontains=q) | Q(cluster_name__icontains=q) | Q(district__icontains=q))
        if data.get("sector"):
            queryset = queryset.filter(sectors=data["sector"])
        if data.get("state"):
            queryset = queryset.filter(state=data["state"])
        if data.get("north_east"):
            queryset = queryset.filter(state__is_north_east=True)
        if data.get("stage"):
            queryset = queryset.filter(stage=data["stage"])
        return queryset


class JoinForm(forms.Form):
    enterprise = forms.ModelChoiceField(label=_("Enterprise"), queryset=None)
    message = forms.CharField(
        label=_("Message to the association (optional)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, enterprises, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["enterprise"].queryset = enterprises
        only = list(enterprises[:2])
        if len(only) == 1:
            # Most owners have one enterprise: choose it for them, with no empty option.
            self.fields["enterprise"].initial = only[0].pk
            self.fields["enterprise"].empty_label = None


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(choices=[("approve", _("Approve")), ("decline", _("Decline"))])
    reason = forms.CharField(required=False, max_length=1000)


class InviteForm(forms.Form):
    emails = forms.CharField(
        label=_("Email addresses, one per line"), widget=forms.Textarea(attrs={"rows": 4}), max_length=20000
    )

    def clean_emails(self):
        from django.core.validators import validate_email

        emails, bad = [], []
        for line in self.cleaned_data["emails"].replace(",", "\n").splitlines():
            email = line.strip().lower()
            if not email:
                continue
            try:
                validate_email(email)
            except forms.ValidationError:
                bad.append(email[:80])
                continue
            if email not in emails:
                emails.append(email)
        if bad:
            raise forms.ValidationError(_("These are not email addresses: %(bad)s") % {"bad": ", ".join(bad)})
        if not emails:
            raise forms.ValidationError(_("Enter at least one email address."))
        if len(emails) > 200:
            raise forms.ValidationError(_("Invite at most 200 at a time; use an import for more."))
        return emails


class ImportForm(forms.Form):
    file = forms.FileField(label=_("Member list (CSV or Excel .xlsx)"))

    def clean_file(self):
        uploaded = self.cleaned_data["file"]
        mime = validate_upload(uploaded, kinds=("csv", "xlsx"), max_bytes=10 * 1024 * 1024)
        if uploaded.name.lower().endswith(".xlsx") and mime not in KINDS["xlsx"]:
            # Plain text passes as CSV; one named .xlsx was meant to be a workbook, so say what is wrong.
            raise forms.ValidationError(
                _("This file is named .xlsx but is not an Excel workbook. Save it from Excel again, or as CSV.")
            )
        return uploaded
