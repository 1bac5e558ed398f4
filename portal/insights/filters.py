"""The filters every figure of the national dashboard obeys: sector, state, north-east, stage, period.

Stock figures (associations, members, stages) are counted as they stand now within the chosen
associations; flow figures (requirements posted, events held, money sanctioned) are counted within
the chosen period. The period's "previous" twin (same length, just before) gives the change shown.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.associations.models import Association, Stage
from portal.core.models import Sector, State

PERIODS = [
    ("12m", _("Last 12 months")),
    ("fy", _("This financial year")),
    ("last_fy", _("Last financial year")),
    ("all", _("All time")),
]
EPOCH = date(2000, 1, 1)


def financial_year_start(day: date) -> date:
    return date(day.year if day.month >= 4 else day.year - 1, 4, 1)


@dataclass(frozen=True)
class Filters:
    sector: str = ""
    state: str = ""
    north_east: bool = False
    stage: str = ""
    period: str = "12m"
    # A calendar month (the monthly report): period="month" and month=its first day.
    month: date | None = None

    @property
    def key(self) -> str:
        return f"{self.sector}|{self.state}|{int(self.north_east)}|{self.stage}|{self.period}|{self.month}"

    def query(self, **extra) -> str:
        """The filters as a query string, for drill-down links and exports (extra keys override)."""
        from urllib.parse import urlencode

        params = {"sector": self.sector, "state": self.state, "stage": self.stage, "period": self.period}
        if self.north_east:
            params["north_east"] = "on"
        params.update(extra)
        return urlencode({k: v for k, v in params.items() if v})

    def bounds(self, today: date | None = None) -> tuple[date, date]:
        """First and last day of the period (inclusive)."""
        today = today or timezone.localdate()
        if self.period == "month" and self.month:
            following = (self.month.replace(day=28) + timedelta(days=4)).replace(day=1)
            return self.month, following - timedelta(days=1)
        if self.period == "fy":
            return financial_year_start(today), today
        if self.period == "last_fy":
            start = financial_year_start(today)
            return date(start.year - 1, 4, 1), start - timedelta(days=1)
        if self.period == "all":
            return EPOCH, today
        return today - timedelta(days=365) + timedelta(days=1), today

    def previous_bounds(self, today: date | None = None) -> tuple[date, date] | None:
        """The period just before, of the same length (None for "all time")."""
        if self.period == "all":
            return None
        start, end = self.bounds(today)
        if self.period == "month":
            before = (start - timedelta(days=1)).replace(day=1)
            return before, start - timedelta(days=1)
        if self.period == "fy":
            return date(start.year - 1, 4, 1), date(end.year - 1, end.month, min(end.day, 28))
        length = end - start
        return start - length - timedelta(days=1), start - timedelta(days=1)

    def describe(self) -> str:
        parts = [
            self.month.strftime("%B %Y") if self.period == "month" and self.month else str(dict(PERIODS)[self.period])
        ]
        if self.sector:
            parts.append(Sector.objects.filter(slug=self.sector).values_list("name", flat=True).first() or "")
        if self.state:
            parts.append(State.objects.filter(code=self.state).values_list("name", flat=True).first() or "")
        if self.north_east:
            parts.append(str(_("North-eastern states")))
        if self.stage:
            parts.append(str(Stage(self.stage).label))
        return " · ".join(p for p in parts if p)


class FilterForm(forms.Form):
    sector = forms.ChoiceField(label=_("Sector"), required=False)
    state = forms.ChoiceField(label=_("State"), required=False)
    north_east = forms.BooleanField(label=_("North-eastern states only"), required=False)
    stage = forms.ChoiceField(label=_("Cluster stage"), required=False, choices=[("", _("All stages")), *Stage.choices])
    period = forms.ChoiceField(label=_("Period"), required=False, choices=PERIODS)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sector"].choices = [("", _("All sectors")), *Sector.objects.values_list("slug", "name")]
        self.fields["state"].choices = [("", _("All states")), *State.objects.values_list("code", "name")]

    def filters(self) -> Filters:
        """The valid filters; anything invalid is ignored rather than failing the dashboard."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return Filters(
            sector=data.get("sector") or "",
            state=data.get("state") or "",
            north_east=bool(data.get("north_east")),
            stage=data.get("stage") or "",
            period=data.get("period") or "12m",
        )


def filters_from(request) -> tuple[FilterForm, Filters]:
    form = FilterForm(request.GET or None)
    return form, form.filters() if request.GET else Filters()


def association_scope(filters: Filters, *, approved: bool = True):
    """The associations the filters select (approved ones unless asked otherwise)."""
    qs = Association.objects.all()
    if approved:
        qs = qs.approved()
    if filters.sector:
        through = Association.sectors.through.objects.filter(sector__slug=filters.sector)
        qs = qs.filter(pk__in=through.values("association_id"))
    if filters.state:
        qs = qs.filter(state__code=filters.state)
    if filters.north_east:
        qs = qs.filter(state__is_north_east=True)
    if filters.stage:
        qs = qs.filter(stage=filters.stage)
    return qs
