from django import forms
from django.utils.translation import gettext_lazy as _

from portal.plans.catalogue import SUGGESTION_CHOICES
from portal.plans.models import ActionPlan, Activity, ActivityStatus, Decision, Target

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class PlanForm(forms.ModelForm):
    class Meta:
        model = ActionPlan
        fields = ["title", "period_start", "period_end", "objectives"]
        widgets = {"period_start": DATE, "period_end": DATE, "objectives": forms.Textarea(attrs={"rows": 6})}
        help_texts = {"objectives": _("What the association wants to achieve in this period, and why.")}

    def clean(self):
        data = super().clean()
        start, end = data.get("period_start"), data.get("period_end")
        if start and end and end <= start:
            self.add_error("period_end", _("The period must end after it starts."))
        return data


class NewPlanForm(PlanForm):
    suggestions = forms.MultipleChoiceField(
        label=_("Start from these income-generating activities"),
        choices=SUGGESTION_CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Each becomes an activity you can adapt: rename it, set who leads it, its dates and budget."),
    )


class ActivityForm(forms.ModelForm):
    class Meta:
        model = Activity
        fields = ["suggestion", "title", "owner_name", "starts_on", "ends_on", "budget", "status"]
        widgets = {"starts_on": DATE, "ends_on": DATE}

    def clean(self):
        data = super().clean()
        start, end = data.get("starts_on"), data.get("ends_on")
        if start and end and end < start:
            self.add_error("ends_on", _("An activity must end after it starts."))
        if data.get("budget") is not None and data["budget"] < 0:
            self.add_error("budget", _("A budget cannot be negative."))
        return data


class TargetForm(forms.ModelForm):
    class Meta:
        model = Target
        fields = ["indicator", "label", "baseline", "target"]


ActivityFormSet = forms.modelformset_factory(Activity, form=ActivityForm, extra=1, can_delete=True)
TargetFormSet = forms.modelformset_factory(Target, form=TargetForm, extra=1, can_delete=True)


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[(value, label) for value, label in Decision.choices if value != Decision.SUBMITTED],
        widget=forms.RadioSelect,
    )
    comments = forms.CharField(
        label=_("Comments"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Needed when you send the plan back or reject it."),
    )


class ProgressForm(forms.Form):
    notes = forms.CharField(label=_("What happened"), max_length=4000, widget=forms.Textarea(attrs={"rows": 3}))
    amount_spent = forms.DecimalField(
        label=_("Amount spent (₹)"), max_digits=14, decimal_places=2, min_value=0, initial=0, required=False
    )
    status = forms.ChoiceField(label=_("Status now"), choices=ActivityStatus.choices)
    evidence = forms.FileField(label=_("Evidence (PDF or image)"), required=False)
