from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from django.contrib.sites.shortcuts import get_current_site
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string

from portal.core.tasks import send_email


class PortalAccountAdapter(DefaultAccountAdapter):
    """Sends allauth's emails through the task queue so a slow mail server never blocks a page."""

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        # The same context allauth's own send_mail gives its templates: without current_site the emails
        # read "Hello from !" and "register an account on .".
        request = allauth_context.request
        ctx = {"request": request, "email": email, "current_site": get_current_site(request)}
        ctx.update(context)
        msg = self.render_mail(template_prefix, email, ctx)
        html = None
        if isinstance(msg, EmailMultiAlternatives) and msg.alternatives:
            html = msg.alternatives[0][0]
        send_email.enqueue(subject=msg.subject, body=msg.body, to=list(msg.to), html=html)

    def get_client_ip(self, request) -> str:
        """allauth's per-address limits key on the real client, as every other limit of the portal does."""
        from portal.core.net import client_ip

        return client_ip(request) or super().get_client_ip(request)

    def pre_authenticate(self, request, **credentials) -> None:
        from django.core.exceptions import ValidationError

        try:
            super().pre_authenticate(request, **credentials)
        except ValidationError:
            from portal.core.audit import security_event

            security_event(kind="login_locked", request=request, login=str(credentials.get("email", ""))[:200])
            raise

    def authentication_failed(self, request, **credentials) -> None:
        from portal.core.audit import security_event

        security_event(kind="login_failed", request=request, login=str(credentials.get("email", ""))[:200])


def render_email(template_prefix: str, context: dict) -> tuple[str, str]:
    subject = render_to_string(f"{template_prefix}_subject.txt", context).strip()
    body = render_to_string(f"{template_prefix}_message.txt", context)
    return " ".join(subject.splitlines()), body
