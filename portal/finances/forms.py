from decimal import Decimal

from django import forms
from django.core.validators import RegexValidator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.finances.models import (
    Direction,
    ExpenseHead,
    IncomeSource,
    PaymentMode,
    financial_year_label,
    financial_year_of,
)

MAX_AMOUNT = Decimal("999999999999.99")


class DateInput(forms.DateInput):
    input_type = "date"


def _not_future(value):
    if value and value > timezone.localdate():
        raise forms.ValidationError(_("The date cannot be in the future."))
    return value


def entry_kind_choices():
    return [
        (_("Income"), [(f"{Direction.INCOME}:{value}", label) for value, label in IncomeSource.choices]),
        (_("Expense"), [(f"{Direction.EXPENSE}:{value}", label) for value, label in ExpenseHead.choices]),
    ]


class EntryForm(forms.Form):
    kind = forms.ChoiceField(label=_("Income source or expense head"), choices=entry_kind_choices)
    amount = forms.DecimalField(
        label=_("Amount (₹)"), max_digits=14, decimal_places=2, min_value=Decimal("0.01"), max_value=MAX_AMOUNT
    )
    on_date = forms.DateField(label=_("Date"), widget=DateInput)
    description = forms.CharField(label=_("Description"), max_length=300)

    def clean_on_date(self):
        return _not_future(self.cleaned_data["on_date"])

    def entry(self) -> dict:
        direction, category = self.cleaned_data["kind"].split(":", 1)
        return {
            "direction": direction,
            "category": category,
            "amount": self.cleaned_data["amount"],
            "on_date": self.cleaned_data["on_date"],
            "description": self.cleaned_data["description"],
        }


class CorrectionForm(forms.Form):
    amount = forms.DecimalField(
        label=_("Amount to reverse (₹)"),
        required=False,
        max_digits=14,
        decimal_places=2,
        min_value=Decimal("0.01"),
        help_text=_("Leave empty to reverse the whole entry."),
    )
    reason = forms.CharField(label=_("Why is it being corrected?"), max_length=250)


class ImportForm(forms.Form):
    file = forms.FileField(label=_("Spreadsheet (.xlsx)"))


class OpeningBalanceForm(forms.Form):
    amount = forms.DecimalField(
        label=_("Cash and bank balance (₹)"),
        max_digits=14,
        decimal_places=2,
        max_value=MAX_AMOUNT,
        min_value=-MAX_AMOUNT,
        help_text=_("What the association held on that date, from its books or bank statements."),
    )
    as_of = forms.DateField(label=_("As of"), widget=DateInput)

    def clean_as_of(self):
        return _not_future(self.cleaned_data["as_of"])


def target_year_choices():
    this_year = financial_year_of(timezone.localdate())
    return [(year, financial_year_label(year)) for year in range(this_year + 1, this_year + 16)]


class TargetForm(forms.Form):
    target_year = forms.TypedChoiceField(
        label=_("Cover running costs without grants by the financial year"), coerce=int, choices=target_year_choices
    )


def schedule_year_choices():
    this_year = financial_year_of(timezone.localdate())
    return [(year, financial_year_label(year)) for year in (this_year - 1, this_year, this_year + 1)]


class DuesScheduleForm(forms.Form):
    financial_year = forms.TypedChoiceField(label=_("Financial year"), coerce=int, choices=schedule_year_choices)
    invoice_prefix = forms.CharField(
        label=_("Invoice number prefix"),
        max_length=12,
        validators=[RegexValidator(r"^[A-Za-z0-9-]+$", _("Use letters, digits and hyphens only."))],
        help_text=_("Invoices are numbered PREFIX/2026-27/0001."),
    )
    due_days = forms.IntegerField(label=_("Days to pay"), min_value=0, max_value=365, initial=30)


class DuesCategoryForm(forms.Form):
    name = forms.CharField(label=_("Category"), max_length=80, required=False)
    msme_category = forms.ChoiceField(
        label=_("For MSME category"),
        required=False,
        choices=[
            ("", _("— none (use as default or by name) —")),
            ("micro", _("Micro")),
            ("small", _("Small")),
            ("medium", _("Medium")),
        ],
    )
    is_default = forms.BooleanField(label=_("Default for everyone else"), required=False)
    amount = forms.DecimalField(
        label=_("Annual dues (₹)"),
        required=False,
        max_digits=14,
        decimal_places=2,
        min_value=Decimal("0.01"),
        max_value=MAX_AMOUNT,
    )

    def clean(self):
        data = super().clean()
        filled = data.get("name") or data.get("amount")
        if filled and not (data.get("name") and data.get("amount")):
            raise forms.ValidationError(_("Give both the category's name and its amount."))
        if filled and not (data.get("msme_category") or data.get("is_default")):
            raise forms.ValidationError(_("Say which MSME category pays this, or make it the default."))
        return data


DuesCategoryFormSet = forms.formset_factory(DuesCategoryForm, extra=0, min_num=4, max_num=12)


class PaymentForm(forms.Form):
    amount = forms.DecimalField(
        label=_("Amount received (₹)"), max_digits=14, decimal_places=2, min_value=Decimal("0.01"), max_value=MAX_AMOUNT
    )
    paid_on = forms.DateField(label=_("Paid on"), widget=DateInput)
    mode = forms.ChoiceField(label=_("Mode"), choices=PaymentMode.choices)
    reference = forms.CharField(label=_("Reference (UTR, cheque number)"), max_length=80, required=False)

    def clean_paid_on(self):
        return _not_future(self.cleaned_data["paid_on"])
