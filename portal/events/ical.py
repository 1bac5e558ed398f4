"""iCalendar output (RFC 5545) with the icalendar package: one event, or a person's feed."""

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext
from icalendar import Calendar, vText
from icalendar import Event as VEvent

from portal.events.models import Event, EventStatus, Mode


def _calendar(name: str) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", "-//SIDBI//DIA Portal events//EN")
    calendar.add("version", "2.0")
    # icalendar types unknown X- properties as vUnknown, written raw: a title with a newline broke the file
    # (500). Typed as text, it is escaped like SUMMARY (\n, \; and \,) and folded.
    calendar.add("x-wr-calname", vText(name))
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    return calendar


def _vevent(event: Event, *, with_link: bool) -> VEvent:
    item = VEvent()
    host = settings.SITE_URL.split("://", 1)[-1].split("/", 1)[0] or "diaportal"
    item.add("uid", f"event-{event.pk}@{host}")
    item.add("dtstamp", timezone.now())
    # UTC instants: every calendar shows them in its own zone; the portal shows IST.
    item.add("dtstart", event.starts_at)
    item.add("dtend", event.ends_at)
    item.add("summary", event.title)
    url = settings.SITE_URL + event.get_absolute_url()
    item.add("url", url)
    description = [event.description, "", url]
    if event.mode == Mode.ONLINE:
        if with_link and event.online_link:
            item.add("location", event.online_link)
            description.insert(0, event.online_link + "\n")
        else:
            item.add("location", gettext("Online"))
    else:
        item.add("location", ", ".join(part for part in (event.venue, event.address.replace("\n", ", ")) if part))
    item.add("description", "\n".join(description))
    item.add(
        "organizer",
        f"MAILTO:{event.owner.email}" if event.owner_id else "MAILTO:dia@sidbi.in",
        parameters={"cn": event.organiser_name},
    )
    item.add("status", "CANCELLED" if event.status == EventStatus.CANCELLED else "CONFIRMED")
    return item


def event_calendar(event: Event, *, with_link: bool) -> bytes:
    calendar = _calendar(event.title)
    calendar.add_component(_vevent(event, with_link=with_link))
    return calendar.to_ical()


def feed_calendar(events, *, link_for: set[int], name: str) -> bytes:
    """``link_for``: ids of the events whose online link the reader may see (their confirmed registrations)."""
    calendar = _calendar(name)
    for event in events:
        calendar.add_component(_vevent(event, with_link=event.pk in link_for))
    return calendar.to_ical()
