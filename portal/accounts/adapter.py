from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from django.contrib.auth import get_user_model
from django.contrib.sites.shortcuts import get_current_site
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import translation

from portal.accounts.models import User
from portal.core.audit import security_event
from portal.core.i18n import in_language_of
from portal.core.tasks import send_email


class PortalAccountAdapter(DefaultAccountAdapter):
    """Sends allauth's emails through the task queue so a slow mail server never blocks a page."""

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        # The same context allauth's own send_mail gives its templates: without current_site the emails
        # read "Hello from !" and "register an account on .".
        request = allauth_context.request
        ctx = {"request": request, "email": email, "current_site": get_current_site(request)}
        ctx.update(context)
        # In the recipient's language: their profile's, or the page's for someone who has not chosen yet.
        recipient = context.get("user") or User.objects.filter(email__iexact=email).first()
        with in_language_of(recipient, default=translation.get_language()):
            msg = self.render_mail(template_prefix, email, ctx)
        html = None
        if isinstance(msg, EmailMultiAlternatives) and msg.alternatives:
            html = msg.alternatives[0][0]
        send_email.enqueue(subject=msg.subject, body=msg.body, to=list(msg.to), html=html)

    def get_client_ip(self, request) -> str:
        """allauth's per-address limits key on the real client, as every other limit of the portal does."""
        from portal.core.net import client_ip

        return client_ip(request) or super().get_client_ip(request)

    def validation_error(self, code, *args):
        # allauth refuses a locked-out log-in through this error: the one place a lock-out can be recorded.
        if code == "too_many_login_attempts":
            request = allauth_context.request
            typed = request.POST.get("login", "") if request is not None else ""
            user = get_user_model().objects.filter(email__iexact=typed).first() if typed else None
            security_event(kind="lockout", user=user, request=request)
        return super().validation_error(code, *args)


def render_email(template_prefix: str, context: dict) -> tuple[str, str]:
    subject = render_to_string(f"{template_prefix}_subject.txt", context).strip()
    body = render_to_string(f"{template_prefix}_message.txt", context)
    return " ".join(subject.splitlines()), body
