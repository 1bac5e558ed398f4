from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.tasks import task


@task
def send_email(
    *, subject: str, body: str, to: list[str], html: str | None = None, headers: dict[str, str] | None = None
) -> int:
    """Send one email; runs in the worker (or immediately in development). ``headers`` adds e.g. List-Unsubscribe."""
    message = EmailMultiAlternatives(
        subject=subject, body=body, from_email=settings.DEFAULT_FROM_EMAIL, to=to, headers=headers or None
    )
    if html:
        message.attach_alternative(html, "text/html")
    return message.send()
