"""The public home page and each person's dashboard: the top layer, reading every app below it."""

from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.db.models import Count, Q
from django.shortcuts import render
from django.utils import timezone

from portal.associations.models import Association, Membership, MembershipStatus
from portal.core.models import Sector, State
from portal.desk.models import Requirement, Status
from portal.events.models import Event, EventKind, EventStatus
from portal.home.selectors import dashboard_for


def public_counts() -> dict:
    """Headline figures for the home page, computed from the records and cached for five minutes."""
    counts = cache.get("home:counts")
    if counts is None:
        approved = Association.objects.approved()
        counts = {
            "associations": approved.count(),
            "enterprises": Membership.objects.filter(status=MembershipStatus.APPROVED, association__status="approved")
            .values("enterprise")
            .distinct()
            .count(),
            "states": approved.values("state").distinct().count(),
            "north_east": approved.filter(state__is_north_east=True).count(),
            **activity_counts(),
        }
        cache.set("home:counts", counts, 300)
    return counts


def activity_counts() -> dict:
    """Events held, webinars hosted and requirements solved, from the records (never typed in)."""
    events = Event.objects.filter(status=EventStatus.PUBLISHED, ends_at__lte=timezone.now()).aggregate(
        held=Count("pk"), webinars=Count("pk", filter=Q(kind=EventKind.WEBINAR))
    )
    solved = Requirement.objects.filter(status__in=[Status.RESOLVED, Status.CLOSED]).count()
    return {"events_held": events["held"], "webinars": events["webinars"], "requirements_solved": solved}


def home(request):
    return render(
        request,
        "home/home.html",
        {
            "counts": public_counts(),
            "sectors": Sector.objects.all(),
            "ne_states": State.objects.filter(is_north_east=True),
        },
    )


@login_required
def dashboard(request):
    """One page per person: what is waiting for them, whatever roles they hold."""
    return render(request, "home/dashboard.html", dashboard_for(request.user))
