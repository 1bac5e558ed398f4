"""Background work for events: the reminder email (queued by the send_event_reminders command)."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.tasks import task
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _


@task
def send_event_reminder(registration_id: int) -> int:
    """Email one confirmed attendee a reminder with the event's details and an .ics file."""
    from portal.events.ical import event_calendar
    from portal.events.models import EventStatus, Registration, RegistrationStatus

    registration = Registration.objects.select_related("event__owner", "user").get(pk=registration_id)
    event = registration.event
    if registration.status != RegistrationStatus.CONFIRMED or event.status != EventStatus.PUBLISHED:
        return 0
    when = date_format(timezone.localtime(event.starts_at), "l j F Y, H:i") + " IST"
    if event.mode == "online":
        where = _("Online: %(link)s") % {"link": event.online_link or _("the link is on the event page")}
    else:
        where = ", ".join(part for part in (event.venue, event.address) if part)
    body = "\n\n".join(
        [
            _("Dear %(name)s,") % {"name": registration.user},
            _("A reminder: %(title)s, organised by %(organiser)s, starts on %(when)s.")
            % {"title": event.title, "organiser": event.organiser_name, "when": when},
            where,
            settings.SITE_URL + event.get_absolute_url(),
        ]
    )
    message = EmailMultiAlternatives(
        subject=_("[DIA Portal] Reminder: %(title)s, %(when)s") % {"title": event.title, "when": when},
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[registration.user.email],
    )
    message.attach("event.ics", event_calendar(event, with_link=True), "text/calendar")
    return message.send()
