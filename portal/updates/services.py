"""Writes for updates: save, publish (now or when due), withdraw, follow, and recognitions."""

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.core.audit import audit
from portal.core.errors import ActionRefused
from portal.notifications.services import broadcast
from portal.updates import states
from portal.updates.models import (
    Follow,
    Kind,
    Recognition,
    Update,
    UpdateStatus,
    audience_users,
    canonical_roles,
)


def _set_audience(update: Update, *, sectors, states, associations, roles) -> None:
    """Store the audience; an association's update is always limited to its own association."""
    sectors, states, associations = list(sectors or []), list(states or []), list(associations or [])
    if update.association_id is not None and not update.for_everyone:
        associations = [update.association]
    if update.for_everyone:
        sectors, states, associations, roles = [], [], [], []
    update.roles = canonical_roles(roles)
    update.sectors.set(sectors)
    update.states.set(states)
    update.associations.set(associations)
    if not update.for_everyone and not (sectors or states or associations or update.roles):
        update.for_everyone = True
    update.save(update_fields=["roles", "for_everyone"])


@transaction.atomic
def update_save(
    *,
    by,
    update: Update | None = None,
    association=None,
    fields: dict,
    for_everyone: bool = True,
    sectors=(),
    states=(),
    associations=(),
    roles=(),
) -> Update:
    """Create (or edit, while a draft or scheduled) an update; it stays a draft until published."""
    if update is not None and not update.is_editable:
        raise ActionRefused(_("A published or withdrawn update can no longer be edited."))
    creating = update is None
    if creating:
        update = Update(association=association, created_by=by)
    for name, value in fields.items():
        setattr(update, name, value)
    update.for_everyone = for_everyone
    if update.publish_at is None:
        update.publish_at = timezone.now()
    update.save()
    _set_audience(update, sectors=sectors, states=states, associations=associations, roles=roles)
    audit(
        actor=by,
        action="update.create" if creating else "update.edit",
        target=update,
        association=update.association,
        kind=update.kind,
    )
    return update


def _go_live(update: Update, *, started_by) -> Update:
    update.status = UpdateStatus.PUBLISHED
    update.published_at = timezone.now()
    update.broadcast = broadcast(
        users=audience_users(update),
        kind=f"updates.{update.kind}",
        title=update.title,
        link=reverse("updates:detail", args=[update.pk]),
        started_by=started_by,
    )
    update.save(update_fields=["status", "published_at", "broadcast"])
    return update


@transaction.atomic
def update_publish(*, update: Update, by) -> Update:
    """Publish now (and tell the audience, in the background) or, if publish_at is ahead, schedule it."""
    update = Update.objects.select_for_update().get(pk=update.pk)
    if not update.is_editable:
        raise ActionRefused(_("Only a draft or a scheduled update can be published."))
    if update.expires_at is not None and update.expires_at <= max(update.publish_at, timezone.now()):
        raise ActionRefused(_("This update would expire before it is published. Change the expiry first."))
    if update.publish_at > timezone.now():
        update.status = UpdateStatus.SCHEDULED
        update.save(update_fields=["status"])
        audit(actor=by, action="update.schedule", target=update, association=update.association)
        return update
    _go_live(update, started_by=by)
    audit(actor=by, action="update.publish", target=update, association=update.association)
    return update


def publish_due_updates() -> int:
    """Publish scheduled updates whose time has come, each in its own transaction. Returns how many."""
    published = 0
    due = Update.objects.filter(status=UpdateStatus.SCHEDULED, publish_at__lte=timezone.now()).values_list(
        "pk", flat=True
    )
    for pk in list(due):
        with transaction.atomic():
            update = Update.objects.select_for_update().filter(pk=pk, status=UpdateStatus.SCHEDULED).first()
            if update is None:
                continue
            _go_live(update, started_by=update.created_by)
            audit(actor=None, action="update.publish", target=update, association=update.association, scheduled=True)
            published += 1
    return published


@transaction.atomic
def update_withdraw(*, update: Update, by, reason: str = "") -> Update:
    """Take an update down (it disappears from feeds, the archive and Atom feeds); notifications already sent
    stay, but their link now says the update was withdrawn."""
    update = Update.objects.select_for_update().get(pk=update.pk)
    states.UPDATE.check(update.status, UpdateStatus.WITHDRAWN, refusal=_("This update has already been withdrawn."))
    update.status = UpdateStatus.WITHDRAWN
    update.withdrawn_at = timezone.now()
    update.save(update_fields=["status", "withdrawn_at"])
    audit(actor=by, action="update.withdraw", target=update, association=update.association, reason=reason)
    return update


@transaction.atomic
def follows_set(*, user, sectors, associations) -> None:
    """Replace the sectors and associations the user follows."""
    Follow.objects.filter(user=user).delete()
    Follow.objects.bulk_create(
        [Follow(user=user, sector=sector) for sector in sectors]
        + [Follow(user=user, association=association) for association in associations]
    )


@transaction.atomic
def recognition_create(*, association, person_name: str, title: str, financial_year: str, citation: str, by):
    """Name an ambassador or champion, and announce it to everyone as a SIDBI news update."""
    if Recognition.objects.filter(
        association=association, person_name__iexact=person_name, title=title, financial_year=financial_year
    ).exists():
        raise ActionRefused(_("This person already holds this title for this association and year."))
    recognition = Recognition(
        association=association,
        person_name=person_name,
        title=title,
        financial_year=financial_year,
        citation=citation,
        created_by=by,
    )
    recognition.full_clean()
    recognition.save()
    headline = _("%(name)s named %(title)s of %(association)s for %(year)s") % {
        "name": person_name,
        "title": recognition.get_title_display().lower(),
        "association": association.name,
        "year": financial_year,
    }
    update = update_save(by=by, fields={"kind": Kind.NEWS, "title": headline[:200], "body": citation})
    recognition.update = update_publish(update=update, by=by)
    recognition.save(update_fields=["update"])
    audit(actor=by, action="recognition.create", target=recognition, association=association)
    return recognition
