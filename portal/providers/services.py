"""Writes for provider organisations: registration, SIDBI's review, colleagues and profile edits.

Every function runs in one transaction, checks who is acting and writes an audit record.
"""

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.accounts.models import SidbiRole, User
from portal.core.audit import audit
from portal.core.errors import ActionRefused
from portal.core.i18n import Msg
from portal.notifications.services import notify
from portal.providers import permissions
from portal.providers.models import Provider, ProviderStatus, ProviderUser
from portal.providers.states import PROVIDER

PROFILE_FIELDS = ["name", "kind", "help_kinds", "description", "city", "website", "contact_email", "phone"]
# Once SIDBI has approved an organisation under a name and kind, its people cannot change them
# (a "Tiny Consultancy" could otherwise become a bank after approval).
LOCKED_WHEN_APPROVED = {"name", "kind"}

REVIEW_DECISIONS = {"approve": ProviderStatus.APPROVED, "reject": ProviderStatus.REJECTED}


def _reviewers():
    return User.objects.filter(sidbi_role=SidbiRole.OFFICER, is_active=True)


def _notify_reviewers(provider: Provider, title: str) -> None:
    notify(
        users=_reviewers(),
        kind="provider.to_review",
        title=title,
        link=reverse("providers:review", args=[provider.pk]),
        body=Msg(
            "%(name)s (%(kind)s, %(city)s) is waiting for review.",
            name=provider.name,
            kind=provider.get_kind_display(),
            city=provider.city,
        ),
    )


@transaction.atomic
def provider_register(
    *,
    by,
    name: str,
    kind: str,
    help_kinds: list[str],
    description: str = "",
    sectors=(),
    states=(),
    city: str = "",
    website: str = "",
    contact_email: str = "",
    phone: str = "",
) -> Provider:
    """Register an organisation for SIDBI's approval; the registering user becomes its first person."""
    if not by.is_authenticated:
        raise ActionRefused(_("Log in to register an organisation."))
    if ProviderUser.objects.filter(user=by, provider__status=ProviderStatus.PENDING).exists():
        raise ActionRefused(_("You already have a registration waiting for SIDBI's decision."))
    if Provider.objects.filter(name__iexact=name).exists():
        raise ActionRefused(_("A provider with this name is already registered."))
    provider = Provider(
        name=name,
        kind=kind,
        help_kinds=list(help_kinds),
        description=description,
        city=city,
        website=website,
        contact_email=contact_email,
        phone=phone,
        status=ProviderStatus.PENDING,
        created_by=by,
    )
    try:
        with transaction.atomic():
            provider.save()
    except IntegrityError as exc:
        # Two people registering the same name at once: the unique constraint decides.
        raise ActionRefused(_("A provider with this name is already registered.")) from exc
    provider.sectors.set(sectors)
    provider.states.set(states)
    ProviderUser.objects.create(provider=provider, user=by)
    permissions.forget_roles(by)
    audit(actor=by, action="provider.registered", target=provider, kind=kind, help_kinds=provider.help_kinds)
    _notify_reviewers(provider, _("Provider to review: %(name)s") % {"name": provider.name})
    return provider


@transaction.atomic
def provider_review(*, provider: Provider, decision: str, by, reason: str = "") -> Provider:
    """A SIDBI officer approves a pending registration or rejects it with a reason; its people are told."""
    if not permissions.can_review(by):
        raise ActionRefused(_("Only a SIDBI scheme officer can review provider registrations."))
    if decision not in REVIEW_DECISIONS:
        raise ActionRefused(_("Unknown decision."))
    reason = reason.strip()
    if decision == "reject" and not reason:
        raise ActionRefused(_("Say why, so that the provider knows what to put right."))
    provider = Provider.objects.select_for_update().get(pk=provider.pk)
    to_status = REVIEW_DECISIONS[decision]
    # Two officers deciding at once: the second finds it decided and changes nothing.
    PROVIDER.check(
        provider.status,
        to_status,
        refusal=_("This registration has already been decided (%(status)s).")
        % {"status": provider.get_status_display()},
    )
    provider.status = to_status
    fields = ["status"]
    if to_status == ProviderStatus.APPROVED:
        provider.approved_at = timezone.now()
        fields.append("approved_at")
    provider.save(update_fields=fields)
    audit(
        actor=by,
        action=f"provider.{to_status}",
        target=provider,
        reason=reason,
        from_status=ProviderStatus.PENDING,
        to_status=to_status,
    )
    people = User.objects.filter(provider_roles__provider=provider)
    if to_status == ProviderStatus.APPROVED:
        title = _("%(name)s is approved and listed in the provider directory") % {"name": provider.name}
        body = _("You can now answer requirements routed to you.") + (f"\n\n{reason}" if reason else "")
    else:
        title = _("%(name)s was not approved") % {"name": provider.name}
        body = _("SIDBI's reason: %(reason)s\n\nCorrect the profile to send it for review again.") % {"reason": reason}
    notify(users=people, kind=f"provider.{to_status}", title=title, link=provider.get_absolute_url(), body=body)
    return provider


@transaction.atomic
def provider_update(*, provider: Provider, by, sectors=None, states=None, **fields) -> Provider:
    """A provider's person corrects the profile. A rejected registration goes back to SIDBI for review."""
    provider = Provider.objects.select_for_update().get(pk=provider.pk)
    if not permissions.can_edit(by, provider):
        raise ActionRefused(_("Only the provider's own people can change its profile."))
    unknown = set(fields) - set(PROFILE_FIELDS)
    if unknown:
        raise ValueError(f"Not profile fields: {sorted(unknown)}")
    if provider.status == ProviderStatus.APPROVED:
        for name in LOCKED_WHEN_APPROVED & set(fields):
            if fields[name] != getattr(provider, name):
                raise ActionRefused(
                    _("The name and kind are fixed after SIDBI's approval; write to SIDBI to change them.")
                )
    if "name" in fields and Provider.objects.filter(name__iexact=fields["name"]).exclude(pk=provider.pk).exists():
        raise ActionRefused(_("A provider with this name is already registered."))
    changed = sorted(name for name, value in fields.items() if getattr(provider, name) != value)
    for name, value in fields.items():
        setattr(provider, name, value)
    resubmitted = PROVIDER.allows(provider.status, ProviderStatus.PENDING)
    if resubmitted:
        provider.status = ProviderStatus.PENDING
    try:
        with transaction.atomic():
            provider.save(update_fields=[*fields, "status"])
    except IntegrityError as exc:
        raise ActionRefused(_("A provider with this name is already registered.")) from exc
    if sectors is not None and set(provider.sectors.all()) != set(sectors):
        provider.sectors.set(sectors)
        changed.append("sectors")
    if states is not None and set(provider.states.all()) != set(states):
        provider.states.set(states)
        changed.append("states")
    audit(actor=by, action="provider.updated", target=provider, changed=changed)
    if resubmitted:
        audit(
            actor=by,
            action="provider.resubmitted",
            target=provider,
            from_status=ProviderStatus.REJECTED,
            to_status=ProviderStatus.PENDING,
        )
        _notify_reviewers(provider, _("Provider corrected and sent again: %(name)s") % {"name": provider.name})
    return provider


@transaction.atomic
def provider_add_person(*, provider: Provider, email: str, by) -> ProviderUser:
    """Add a colleague (an existing portal user) to the provider; they are told in-app and by email."""
    if not permissions.can_edit(by, provider):
        raise ActionRefused(_("Only the provider's own people can add colleagues."))
    user = User.objects.filter(email__iexact=email.strip(), is_active=True).first()
    if user is None:
        raise ActionRefused(_("No portal account uses this email. Ask your colleague to sign up first."))
    person, created = ProviderUser.objects.get_or_create(provider=provider, user=user)
    if not created:
        raise ActionRefused(_("%(email)s already acts for %(name)s.") % {"email": user.email, "name": provider.name})
    permissions.forget_roles(user)
    audit(actor=by, action="provider.person_added", target=provider, user_id=user.pk, email=user.email)
    notify(
        users=[user],
        kind="provider.person_added",
        title=Msg("You now act for %(name)s on the DIA Portal", name=provider.name),
        link=provider.get_absolute_url(),
        body=Msg("%(who)s added you.", who=by.email),
    )
    return person


@transaction.atomic
def provider_remove_person(*, provider: Provider, person: ProviderUser, by) -> None:
    """Remove a colleague who has left; the last person cannot be removed (nobody could answer then)."""
    if not permissions.can_edit(by, provider):
        raise ActionRefused(_("Only the provider's own people can remove colleagues."))
    people = list(ProviderUser.objects.select_for_update().filter(provider=provider))
    if person.provider_id != provider.pk or person.pk not in {p.pk for p in people}:
        raise ActionRefused(_("This person does not act for %(name)s.") % {"name": provider.name})
    if len(people) == 1:
        raise ActionRefused(_("The last person cannot be removed; add a colleague first."))
    email = person.user.email
    person.delete()
    permissions.forget_roles(person.user)
    audit(actor=by, action="provider.person_removed", target=provider, user_id=person.user_id, email=email)
