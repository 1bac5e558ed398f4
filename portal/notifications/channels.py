"""Ways a notification leaves the portal: email (queued for the worker) and a text-message channel.

The SMS/WhatsApp channel is chosen by the setting NOTIFICATION_SMS_CHANNEL (a dotted path to a class
with ``send(*, to, text)``). Development and tests use ConsoleChannel, which only logs; a real gateway
is a small class with the same method.
"""

import logging
from collections import deque
from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction
from django.utils.module_loading import import_string

logger = logging.getLogger("portal.notifications")


@dataclass
class EmailMessage:
    """One email to one address, with optional extra headers (List-Unsubscribe)."""

    to: str
    subject: str
    body: str
    headers: dict[str, str] = field(default_factory=dict)


class EmailChannel:
    """Queues the email on the worker once the current transaction commits (nothing is sent on rollback)."""

    name = "email"

    def send(self, message: EmailMessage) -> None:
        from portal.core.tasks import send_email

        transaction.on_commit(
            lambda: send_email.enqueue(
                subject=message.subject, body=message.body, to=[message.to], headers=message.headers or None
            )
        )


class TextChannel:
    """The interface of an SMS or WhatsApp gateway: send a short text to a mobile number."""

    name = "sms"

    def send(self, *, to: str, text: str) -> None:  # pragma: no cover - interface
        raise NotImplementedError


class ConsoleChannel(TextChannel):
    """Development channel: writes the message to the log instead of calling a gateway."""

    # The last messages "sent", kept on the class so tests and a developer shell can read them (bounded).
    sent: deque[tuple[str, str]] = deque(maxlen=100)

    def send(self, *, to: str, text: str) -> None:
        ConsoleChannel.sent.append((to, text))
        logger.info("SMS to %s: %s", to, text)


def text_channel() -> TextChannel:
    path = getattr(settings, "NOTIFICATION_SMS_CHANNEL", "portal.notifications.channels.ConsoleChannel")
    return import_string(path)()


def queue_text(*, to: str, text: str) -> None:
    """Send a text after the transaction commits, through the configured channel."""
    transaction.on_commit(lambda: text_channel().send(to=to, text=text))
