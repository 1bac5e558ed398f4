"""The suggested income-generating activities an association picks from when it writes an action plan.

Defined in one place: the new-plan form offers them, the plan keeps the key of the one an activity came from.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Suggestion:
    key: str
    title: str
    description: str
    indicators: tuple[str, ...]


SUGGESTED_ACTIVITIES: tuple[Suggestion, ...] = (
    Suggestion(
        "common_facility",
        _("Common facility centre"),
        _("Shared machines or a tool room that members hire by the hour or job, too costly for one firm alone."),
        (_("Machine hours sold"), _("Members using the centre"), _("Income from user charges (₹)")),
    ),
    Suggestion(
        "testing",
        _("Testing services"),
        _("A testing laboratory (own or tied up with an accredited one) for quality and export compliance."),
        (_("Tests done"), _("Firms served"), _("Income from test fees (₹)")),
    ),
    Suggestion(
        "training",
        _("Training programmes"),
        _("Paid skill, management and compliance trainings for owners and workers."),
        (_("Programmes held"), _("People trained"), _("Income from fees (₹)")),
    ),
    Suggestion(
        "aggregated_purchase",
        _("Aggregated purchase"),
        _("Pooling members' orders of raw material (yarn, steel, resin) for a better price, for a service charge."),
        (_("Volume bought"), _("Members taking part"), _("Savings passed on (₹)")),
    ),
    Suggestion(
        "market_linkage",
        _("Market linkage and trade fairs"),
        _("Buyer-seller meets, a shared stall at trade fairs, an online catalogue of members' products."),
        (_("Fairs attended"), _("Buyer leads"), _("Stall and participation fees (₹)")),
    ),
    Suggestion(
        "consultancy",
        _("Consultancy and compliance help"),
        _("GST, labour, pollution and export paperwork handled for members at a fee."),
        (_("Cases handled"), _("Firms served"), _("Consultancy income (₹)")),
    ),
    Suggestion(
        "advertising",
        _("Paid advertising and publications"),
        _("A directory, newsletter or website with paid listings and advertisements."),
        (_("Advertisers"), _("Copies or visits"), _("Advertising income (₹)")),
    ),
    Suggestion(
        "sponsorship",
        _("Sponsorship of events"),
        _("Banks, suppliers and buyers sponsor the association's seminars, fairs and awards."),
        (_("Sponsors"), _("Events sponsored"), _("Sponsorship income (₹)")),
    ),
)

SUGGESTIONS_BY_KEY = {suggestion.key: suggestion for suggestion in SUGGESTED_ACTIVITIES}
SUGGESTION_CHOICES = [(suggestion.key, suggestion.title) for suggestion in SUGGESTED_ACTIVITIES]
