"""What the privacy notice promises, in one place: its version, the purposes of consent and the retention table.

The /privacy/ page, the sign-up form, docs/security.md and ``manage.py apply_retention`` all read this module.
"""

from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext_lazy as _

# Change the version whenever the notice's substance changes: consents record the version they were given for.
NOTICE_VERSION = "2026-12-04"


@dataclass(frozen=True)
class Purpose:
    code: str
    label: str
    explanation: str
    required: bool = False


PURPOSES = (
    Purpose(
        "account",
        _("Running my account"),
        _(
            "Needed to use the portal: your name, email, mobile number and what you do on the portal, used to "
            "run your account, your associations' work and the DIA scheme."
        ),
        required=True,
    ),
    Purpose(
        "email_updates",
        _("Notifications by email"),
        _("Emails about your requirements, events, dues, messages and updates you follow."),
    ),
    Purpose(
        "sms_updates",
        _("Notifications by text message"),
        _("Text messages (SMS) to your mobile number for the notifications you choose to get by SMS."),
    ),
)
PURPOSE_CODES = tuple(p.code for p in PURPOSES)
REQUIRED_PURPOSE = "account"


def purpose(code: str) -> Purpose:
    return next(p for p in PURPOSES if p.code == code)


@dataclass(frozen=True)
class Retention:
    kind: str
    period: str
    days: int | None  # None: kept as long as the law or the association's books need (never purged here)
    what_happens: str


def retention_table() -> list[Retention]:
    """How long each kind of data is kept; ``apply_retention`` enforces every row that has a number of days."""
    return [
        Retention(
            _("Your data download (export file)"),
            _("%(days)s days") % {"days": settings.PRIVACY_EXPORT_KEEP_DAYS},
            settings.PRIVACY_EXPORT_KEEP_DAYS,
            _("The file is deleted; you can ask for a new one at any time."),
        ),
        Retention(
            _("Notifications in the portal"),
            _("%(days)s days") % {"days": settings.PRIVACY_NOTIFICATION_KEEP_DAYS},
            settings.PRIVACY_NOTIFICATION_KEEP_DAYS,
            _("Read notifications older than this are deleted."),
        ),
        Retention(
            _("Sessions (where you are logged in)"),
            _("%(days)s days without use") % {"days": settings.PRIVACY_SESSION_KEEP_DAYS},
            settings.PRIVACY_SESSION_KEEP_DAYS,
            _("Expired sessions and their device records are deleted."),
        ),
        Retention(
            _("Accounts you delete"),
            _("at once"),
            0,
            _(
                "Name, email, mobile number, log-in details and private data are erased at once; records the "
                "law requires are kept without your name."
            ),
        ),
        Retention(
            _("Security and audit logs (log-ins, failures, changes)"),
            _("at least %(days)s days, then as long as the records they describe")
            % {"days": settings.PRIVACY_AUDIT_MIN_DAYS},
            None,
            _("Kept: CERT-In requires at least 180 days; rows cannot be changed or deleted."),
        ),
        Retention(
            _("Financial records (books, invoices, payments, sanctions, disbursements)"),
            _("8 years after the financial year"),
            None,
            _("Kept without your name once you delete your account (accounting and audit law)."),
        ),
        Retention(
            _("Grievances"),
            _("%(days)s days after closing") % {"days": settings.PRIVACY_GRIEVANCE_KEEP_DAYS},
            settings.PRIVACY_GRIEVANCE_KEEP_DAYS,
            _("Closed grievances are deleted."),
        ),
    ]
