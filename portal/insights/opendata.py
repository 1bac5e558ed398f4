"""Open data: aggregate statistics by sector and by state, safe to publish.

No personal or enterprise-level data. Any cell that counts, or rests on, fewer than
``SUPPRESS_BELOW`` enterprises is suppressed (shown as "<5", null in JSON), so that nobody can
single out a firm from a small cluster. Counts of associations are public anyway (the directory).
"""

from django.core.cache import cache
from django.db.models import Count, Q
from django.utils import timezone

from portal.associations.models import Association, Membership, MembershipStatus
from portal.core.models import Sector, State

SUPPRESS_BELOW = 5
CACHE_KEY = "insights:opendata:v1"


def suppress(value: int, basis: int) -> int | None:
    """The value, or None when it rests on fewer than SUPPRESS_BELOW enterprises."""
    return None if basis < SUPPRESS_BELOW else value


def _requirement_counts(group: str) -> dict:
    from portal.desk.models import Requirement, Status

    rows = (
        Requirement.objects.filter(association__status="approved", posted_at__isnull=False)
        .values(group)
        .annotate(
            posted=Count("pk"),
            solved=Count("pk", filter=Q(status__in=[Status.RESOLVED, Status.CLOSED])),
            enterprises=Count("enterprise", distinct=True),
        )
        .order_by()
    )
    return {row[group]: row for row in rows}


def open_data() -> dict:
    """The published tables, computed by aggregate queries and cached for an hour."""
    data = cache.get(CACHE_KEY)
    if data is not None:
        return data
    approved = Association.objects.approved()
    members = Membership.objects.filter(status=MembershipStatus.APPROVED, association__status="approved")

    by_state_assoc = dict(approved.values_list("state__code").annotate(n=Count("pk")).order_by())
    by_state_members = dict(
        members.values_list("enterprise__state__code").annotate(n=Count("enterprise", distinct=True)).order_by()
    )
    state_requirements = _requirement_counts("enterprise__state__code")
    states = []
    for code, name, north_east in State.objects.values_list("code", "name", "is_north_east"):
        enterprises = by_state_members.get(code, 0)
        req = state_requirements.get(code, {"posted": 0, "solved": 0, "enterprises": 0})
        states.append(
            {
                "state": name,
                "code": code,
                "north_east": north_east,
                "associations": by_state_assoc.get(code, 0),
                "member_enterprises": suppress(enterprises, enterprises),
                "requirements_posted": suppress(req["posted"], req["enterprises"]),
                "requirements_solved": suppress(req["solved"], req["enterprises"]),
            }
        )

    by_sector_assoc = dict(approved.values_list("sectors__slug").annotate(n=Count("pk", distinct=True)).order_by())
    by_sector_members = dict(
        members.values_list("enterprise__sector__slug").annotate(n=Count("enterprise", distinct=True)).order_by()
    )
    sector_requirements = _requirement_counts("enterprise__sector__slug")
    sectors = []
    for slug, name in Sector.objects.values_list("slug", "name"):
        enterprises = by_sector_members.get(slug, 0)
        req = sector_requirements.get(slug, {"posted": 0, "solved": 0, "enterprises": 0})
        sectors.append(
            {
                "sector": name,
                "slug": slug,
                "associations": by_sector_assoc.get(slug, 0),
                "member_enterprises": suppress(enterprises, enterprises),
                "requirements_posted": suppress(req["posted"], req["enterprises"]),
                "requirements_solved": suppress(req["solved"], req["enterprises"]),
            }
        )
    data = {
        "generated_at": timezone.now().isoformat(timespec="seconds"),
        "suppression": f"Cells resting on fewer than {SUPPRESS_BELOW} enterprises are suppressed (null).",
        "by_state": states,
        "by_sector": sectors,
    }
    cache.set(CACHE_KEY, data, 3600)
    return data
