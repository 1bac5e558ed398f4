"""The one registry of notification kinds, grouped the way people choose how to hear about them.

A notification's ``kind`` (for example ``desk.assigned``) belongs to the first group whose pattern it
matches; kinds that match no pattern fall into ``other``. Add a group here when an app sends a new family.
"""

from fnmatch import fnmatchcase

from django.utils.translation import gettext_lazy as _

# group key -> (label, patterns)
KINDS = {
    "desk": (_("Requirements"), ("desk.*",)),
    "updates": (_("Updates and opportunities"), ("updates.*",)),
    "pooling": (_("Pooled demand"), ("pooling.*", "pooled_demand_*")),
    "research": (_("Research and surveys"), ("research.*",)),
    "associations": (_("Associations and membership"), ("associations.*", "membership.*")),
    "providers": (_("Banks and service providers"), ("provider.*", "providers.*")),
    "community": (_("Discussions"), ("community.*",)),
    "events": (_("Events and trainings"), ("events.*",)),
    "learning": (_("Learning library"), ("learning.*",)),
    "business": (_("Business leads and messages"), ("business.*",)),
    "scheme": (_("DIA scheme: appraisal, action plans, support"), ("scheme.*", "plans.*", "support.*")),
    "services": (_("Association services"), ("services.*",)),
    "finances": (_("Dues, invoices and receipts"), ("finances.*",)),
    "other": (_("Everything else"), ("*",)),
}

GROUP_CHOICES = [(key, label) for key, (label, _patterns) in KINDS.items()]


def group_of(kind: str) -> str:
    """The preference group a kind belongs to."""
    for key, (_label, patterns) in KINDS.items():
        if any(fnmatchcase(kind, pattern) for pattern in patterns):
            return key
    return "other"


def label_of(group: str) -> str:
    return str(KINDS[group][0]) if group in KINDS else group
