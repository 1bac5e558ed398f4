from django import forms
from django.utils.translation import gettext_lazy as _

from portal.scheme import eligibility, matrix
from portal.scheme.models import Decision


class EligibilityForm(forms.Form):
    """The eligibility criteria from portal/scheme/eligibility.py, one field each."""

    def __init__(self, *args, prefill: dict | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        for criterion in eligibility.CRITERIA:
            if criterion.minimum is None:
                field = forms.BooleanField(label=criterion.label, required=False, help_text=criterion.help)
            else:
                field = forms.IntegerField(
                    label=criterion.label, min_value=0, max_value=100000, help_text=criterion.help
                )
            field.help_text = " ".join(
                str(part)
                for part in (
                    criterion.help,
                    _("%(points)s points.") % {"points": criterion.points},
                    _("Required.") if criterion.required else "",
                )
                if part
            )
            self.fields[criterion.key] = field
            if prefill and criterion.key in prefill:
                self.fields[criterion.key].initial = prefill[criterion.key]


class MatrixForm(forms.Form):
    """The 22 yes/no sustainability parameters from portal/scheme/matrix.py."""

    def __init__(self, *args, initial_answers: dict | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        for parameter in matrix.PARAMETERS:
            self.fields[parameter.key] = forms.BooleanField(
                label=parameter.label, required=False, initial=bool((initial_answers or {}).get(parameter.key))
            )

    def grouped(self):
        """(dimension, [bound fields]) in matrix order, for the template."""
        return [
            (dimension, [self[p.key] for p in matrix.PARAMETERS if p.dimension == dimension.key])
            for dimension in matrix.DIMENSIONS
        ]


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[
            ("approve", _("Approve")),
            (Decision.SENT_BACK, _("Send back with comments")),
            (Decision.REJECTED, _("Reject")),
        ],
        widget=forms.RadioSelect,
    )
    comments = forms.CharField(
        label=_("Comments"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Required to send back or reject: say what to change or why."),
    )
    step = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, recommend: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if recommend:
            self.fields["decision"].choices = [
                ("approve", _("Recommend for sanction")),
                (Decision.SENT_BACK, _("Send back with comments")),
                (Decision.REJECTED, _("Reject")),
            ]

    def clean(self):
        data = super().clean()
        if data.get("decision") in {Decision.SENT_BACK, Decision.REJECTED} and not (data.get("comments") or "").strip():
            self.add_error("comments", _("Say why: comments are required to send back or reject."))
        return data
