"""The participation certificate (PDF) for an attendee marked present."""

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from portal.core.i18n import in_language_of
from portal.core.pdf import PortalPDF
from portal.events.models import Registration


def event_dates(event) -> str:
    start, end = timezone.localtime(event.starts_at), timezone.localtime(event.ends_at)
    if start.date() == end.date():
        return date_format(start, "j F Y")
    return f"{date_format(start, 'j F Y')} – {date_format(end, 'j F Y')}"


def certificate_pdf(registration: Registration) -> bytes:
    """The attendee's certificate, in the attendee's language whoever downloads it."""
    with in_language_of(registration.user):
        return _certificate_pdf(registration)


def _certificate_pdf(registration: Registration) -> bytes:
    event, person = registration.event, registration.user
    pdf = PortalPDF(title=_("Certificate of participation"), orientation="landscape")
    pdf.ln(12)
    pdf.paragraph(_("Certificate of participation"), size=26, bold=True, align="C")
    pdf.ln(4)
    pdf.paragraph(_("This is to certify that"), size=13, align="C")
    pdf.paragraph(person.full_name or person.email, size=22, bold=True, align="C")
    pdf.paragraph(_("took part in the %(kind)s") % {"kind": event.get_kind_display().lower()}, size=13, align="C")
    pdf.paragraph(event.title, size=18, bold=True, align="C")
    pdf.paragraph(
        _("organised by %(organiser)s on %(dates)s") % {"organiser": event.organiser_name, "dates": event_dates(event)},
        size=13,
        align="C",
    )
    pdf.ln(10)
    verify = settings.SITE_URL + reverse("events:verify", args=[registration.certificate_code])
    pdf.paragraph(
        _("Verification code: %(code)s · check it at %(url)s") % {"code": registration.certificate_code, "url": verify},
        size=9,
        align="C",
    )
    return pdf.to_bytes()
