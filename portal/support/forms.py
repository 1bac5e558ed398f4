from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from portal.support.models import Application, BudgetLine, Head, Status

MONEY_WIDGET = {"inputmode": "decimal"}


def money_field(label, *, required=True, min_value=Decimal("0")):
    return forms.DecimalField(
        label=label,
        required=required,
        max_digits=14,
        decimal_places=2,
        min_value=min_value,
        widget=forms.NumberInput(attrs={**MONEY_WIDGET, "step": "0.01"}),
    )


class ApplicationForm(forms.ModelForm):
    class Meta:
        model = Application
        fields = ["title", "justification"]
        widgets = {"justification": forms.Textarea(attrs={"rows": 8})}


class LineForm(forms.ModelForm):
    amount_requested = money_field(_("Amount requested (₹)"), min_value=Decimal("0.01"))
    own_contribution = money_field(_("Association's own contribution (₹)"), required=False)

    class Meta:
        model = BudgetLine
        fields = ["head", "item", "amount_requested", "own_contribution", "years"]

    def clean(self):
        data = super().clean()
        years = data.get("years") or 1
        if years > 1 and data.get("head") and data["head"] != Head.HUMAN_RESOURCES:
            self.add_error("years", _("Only trained human resources (salary support) can run over several years."))
        if data.get("years") is not None and not 1 <= data["years"] <= 5:
            self.add_error("years", _("Salary support runs over 1 to 5 years."))
        return data


class DocumentForm(forms.Form):
    title = forms.CharField(label=_("What it is"), max_length=200)
    file = forms.FileField(label=_("File (PDF, image or Excel)"))


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}), max_length=5000)


class RecommendForm(forms.Form):
    """One recommended amount and reason per budget line, a note and proposed conditions."""

    note = forms.CharField(label=_("Recommendation note"), widget=forms.Textarea(attrs={"rows": 4}), max_length=5000)
    conditions = forms.CharField(
        label=_("Proposed conditions of sanction"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=5000,
        required=False,
    )

    def __init__(self, *args, lines, **kwargs):
        super().__init__(*args, **kwargs)
        self.lines = lines
        for line in lines:
            field = money_field(_("Recommended for “%(item)s” (₹)") % {"item": line.item})
            field.initial = line.amount_requested
            self.fields[f"amount_{line.pk}"] = field
            self.fields[f"reason_{line.pk}"] = forms.CharField(
                label=_("Reason for a changed amount"), max_length=500, required=False
            )

    def clean(self):
        data = super().clean()
        for line in self.lines:
            amount = data.get(f"amount_{line.pk}")
            if amount is None:
                continue
            if amount > line.amount_requested:
                self.add_error(f"amount_{line.pk}", _("Recommend at most the amount requested."))
            elif amount != line.amount_requested and not data.get(f"reason_{line.pk}", "").strip():
                self.add_error(f"reason_{line.pk}", _("Say why the amount is changed."))
        return data

    def amounts(self) -> dict:
        return {
            line.pk: (self.cleaned_data[f"amount_{line.pk}"], self.cleaned_data.get(f"reason_{line.pk}", ""))
            for line in self.lines
        }

    def rows(self):
        for line in self.lines:
            yield line, self[f"amount_{line.pk}"], self[f"reason_{line.pk}"]


class ApproveForm(forms.Form):
    conditions = forms.CharField(
        label=_("Conditions of sanction"), widget=forms.Textarea(attrs={"rows": 5}), max_length=5000, required=False
    )


class TrancheForm(forms.Form):
    head = forms.ChoiceField(label=_("Head"), choices=Head.choices)
    amount = money_field(_("Amount (₹)"), min_value=Decimal("0.01"))
    milestone = forms.CharField(label=_("Milestone that releases it"), max_length=300)

    def __init__(self, *args, heads=None, **kwargs):
        super().__init__(*args, **kwargs)
        if heads is not None:
            self.fields["head"].choices = [(h.head, h.get_head_display()) for h in heads]


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data]
        return [single(data, initial)] if data else []


class UCForm(forms.Form):
    amount_utilised = money_field(_("Amount utilised (₹)"), min_value=Decimal("0.01"))
    period_from = forms.DateField(label=_("Period from"), widget=forms.DateInput(attrs={"type": "date"}))
    period_to = forms.DateField(label=_("Period to"), widget=forms.DateInput(attrs={"type": "date"}))
    statement = forms.CharField(
        label=_("What the money was spent on"), widget=forms.Textarea(attrs={"rows": 5}), max_length=5000
    )
    evidence = MultipleFileField(label=_("Evidence (bills, statements, photographs: PDF or images)"))
    declaration = forms.BooleanField(
        label=_(
            "We certify that the amount stated was spent on the purposes sanctioned, in line with the conditions of "
            "sanction, and that the evidence attached is true."
        )
    )

    def clean(self):
        data = super().clean()
        if data.get("period_from") and data.get("period_to") and data["period_from"] > data["period_to"]:
            self.add_error("period_to", _("The period must end after it starts."))
        return data


class StatusFilterForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=[("", _("All"))] + Status.choices[1:], required=False)
