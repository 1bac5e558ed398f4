"""Writes for discussions: spaces, topics, replies, reactions, follows, read markers, reports and moderation."""

import re

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from portal.associations.models import Association, AssociationStaff, StaffRole, Status
from portal.community import permissions, states
from portal.community.models import (
    MAX_BODY,
    Profile,
    Reaction,
    ReactionKind,
    Reply,
    Report,
    ReportStatus,
    Space,
    SpaceFollow,
    SpaceKind,
    Topic,
    TopicFollow,
    TopicRead,
)
from portal.core.audit import audit
from portal.core.errors import ActionRefused
from portal.core.i18n import Msg, language_of, normalise_language
from portal.core.models import Sector, State
from portal.notifications.services import notify

MAX_TITLE = 200
MAX_REASON = 1000
MAX_MENTIONS = 20
# "@handle" not preceded by a letter, digit, "@" or "." (so e-mail addresses in a post are no mentions).
MENTION = re.compile(r"(?<![\w@.])@([a-z0-9](?:[a-z0-9._-]*[a-z0-9])?)", re.IGNORECASE)


# --- Handles and mentions ------------------------------------------------------------------------------------


def _handle_base(user) -> str:
    base = slugify(user.full_name) or slugify(user.email.split("@")[0]) or "member"
    return base[:30].strip("-") or "member"


def handle_for(user) -> str:
    """The user's @handle, made from their name the first time it is needed (a number is added on a clash)."""
    profile = Profile.objects.filter(user=user).first()
    if profile:
        return profile.handle
    base = _handle_base(user)
    taken = set(Profile.objects.filter(handle__startswith=base).values_list("handle", flat=True))
    for n in range(1, 1000):
        handle = base if n == 1 else f"{base}-{n}"
        if handle in taken:
            continue
        try:
            with transaction.atomic():
                return Profile.objects.create(user=user, handle=handle).handle
        except IntegrityError:
            existing = Profile.objects.filter(user=user).first()
            if existing:
                return existing.handle
    raise RuntimeError("no free handle")  # pragma: no cover


def _unassigned_handle_owner(token: str):
    """The one user without a handle yet whose name makes exactly this handle (so they can be mentioned before
    they ever open Discussions); the handle is then given to them. None when nobody or several match."""
    parts = [part for part in re.split(r"[-._]+", token) if part]
    if not parts:
        return None
    candidates = get_user_model().objects.filter(is_active=True, community_profile__isnull=True)
    for part in parts:
        candidates = candidates.filter(full_name__icontains=part)
    matches = [user for user in candidates[:20] if _handle_base(user) == token]
    if len(matches) != 1 or handle_for(matches[0]) != token:
        return None
    return matches[0]


def mentioned_users(text: str) -> list:
    """The users a text mentions: ``@handle`` (see handle_for) or ``@local-part`` of a unique e-mail address."""
    tokens = []
    for match in MENTION.finditer(text or ""):
        token = match.group(1).lower()
        if token not in tokens:
            tokens.append(token)
    tokens = tokens[:MAX_MENTIONS]
    if not tokens:
        return []
    users = {}
    for profile in Profile.objects.filter(handle__in=tokens).select_related("user"):
        users[profile.handle] = profile.user
    for token in tokens:
        if token in users:
            continue
        user = _unassigned_handle_owner(token)
        if user is not None:
            users[token] = user
            continue
        matches = list(get_user_model().objects.filter(email__istartswith=f"{token}@")[:2])
        if len(matches) == 1:
            users[token] = matches[0]
    return list({user.pk: user for user in users.values()}.values())


# --- Spaces --------------------------------------------------------------------------------------------------


def ensure_public_spaces() -> None:
    """Create the national space and one space per sector and per state where they are missing (idempotent)."""
    existing = set(Space.objects.public().values_list("kind", "sector_id", "state_id"))
    new = []
    if not any(kind == SpaceKind.NATIONAL for kind, _s, _t in existing):
        new.append(
            Space(
                kind=SpaceKind.NATIONAL,
                name="India: all members",
                slug="national",
                description="Open to every registered user of the portal.",
            )
        )
    have_sectors = {sector for kind, sector, _t in existing if kind == SpaceKind.SECTOR}
    for sector in Sector.objects.exclude(pk__in=have_sectors):
        new.append(Space(kind=SpaceKind.SECTOR, sector=sector, name=sector.name, slug=f"sector-{sector.slug}"[:100]))
    have_states = {state for kind, _s, state in existing if kind == SpaceKind.STATE}
    for state in State.objects.exclude(pk__in=have_states):
        new.append(Space(kind=SpaceKind.STATE, state=state, name=state.name, slug=f"state-{state.code.lower()}"))
    if new:
        Space.objects.bulk_create(new, ignore_conflicts=True)


def national_space() -> Space:
    ensure_public_spaces()
    return Space.objects.get(kind=SpaceKind.NATIONAL)


def space_for_association(association: Association) -> Space:
    """The association's own private space, created the first time it is needed."""
    space = Space.objects.filter(kind=SpaceKind.ASSOCIATION, association=association).first()
    if space:
        return space
    try:
        with transaction.atomic():
            return Space.objects.create(
                kind=SpaceKind.ASSOCIATION,
                association=association,
                name=association.name,
                slug=_free_slug(f"association-{association.slug}"),
                description=_("Private to the association's members and office."),
            )
    except IntegrityError:
        return Space.objects.get(kind=SpaceKind.ASSOCIATION, association=association)


def _free_slug(base: str) -> str:
    base = slugify(base)[:90] or "space"
    taken = set(Space.objects.filter(slug__startswith=base).values_list("slug", flat=True))
    slug, n = base, 1
    while slug in taken:
        n += 1
        slug = f"{base}-{n}"
    return slug


@transaction.atomic
def space_create_circle(*, association: Association, name: str, description: str = "", by) -> Space:
    """An office-bearer opens a further private space for their association (e.g. an exporters' circle)."""
    if not permissions.can_open_circle(by, association):
        raise ActionRefused(_("Only the association's office-bearers can open a space for it."))
    name = (name or "").strip()
    if not name:
        raise ActionRefused(_("Give the space a name."))
    if Space.objects.filter(association=association, name__iexact=name).exists():
        raise ActionRefused(_("Your association already has a space with this name."))
    space = Space.objects.create(
        kind=SpaceKind.CIRCLE,
        association=association,
        name=name[:120],
        slug=_free_slug(f"{association.slug}-{name}"),
        description=(description or "").strip()[:300],
        created_by=by,
    )
    audit(actor=by, action="community.space_created", target=space, association=association)
    return space


# --- Topics and replies --------------------------------------------------------------------------------------


def check_body(body: str) -> str:
    """Refuse (never truncate) a message that is empty or longer than MAX_BODY characters."""
    body = (body or "").strip()
    if not body:
        raise ActionRefused(_("Write a message."))
    if len(body) > MAX_BODY:
        raise ActionRefused(
            _("Your message is %(length)s characters long; the most is %(max)s. Shorten it or split it in two.")
            % {"length": f"{len(body):,}", "max": f"{MAX_BODY:,}"}
        )
    return body


def _readers(users, space: Space, *, exclude) -> list:
    excluded = {user.pk for user in exclude}
    return [user for user in users if user.pk not in excluded and permissions.can_read(user, space)]


def _notify_mentions(*, text: str, space: Space, title: str, link: str, by, exclude=()) -> list:
    """Tell each mentioned user who can see the space; returns them (so they are not told twice)."""
    users = _readers(mentioned_users(text), space, exclude=[by, *exclude])
    if users:
        notify(users=users, kind="community.mention", title=title, link=link)
    return users


def _written_in(language: str, by) -> str:
    """The language a post is kept in: the one chosen, else the author's own."""
    return normalise_language(language) if language else language_of(by)


def _mark_read(topic: Topic, user, at) -> None:
    TopicRead.objects.update_or_create(topic=topic, user=user, defaults={"read_at": at})


@transaction.atomic
def topic_create(*, space: Space, title: str, body: str, by, language: str = "") -> Topic:
    """A new topic, kept in the language it is written in (``language``; by default the author's)."""
    permissions.check_post(by, space)
    title = (title or "").strip()
    if not title:
        raise ActionRefused(_("Give the topic a title."))
    if len(title) > MAX_TITLE:
        raise ActionRefused(_("The title may have %(max)s characters at most.") % {"max": MAX_TITLE})
    body = check_body(body)
    now = timezone.now()
    topic = Topic.objects.create(
        space=space,
        author=by,
        title=title,
        body=body,
        language=_written_in(language, by),
        created_at=now,
        last_activity_at=now,
    )
    TopicFollow.objects.create(topic=topic, user=by)
    _mark_read(topic, by, now)
    handle_for(by)
    link = topic.get_absolute_url()
    mentioned = _notify_mentions(
        text=body,
        space=space,
        title=_("%(name)s mentioned you in “%(title)s”") % {"name": by, "title": title},
        link=link,
        by=by,
    )
    followers = get_user_model().objects.filter(pk__in=SpaceFollow.objects.filter(space=space).values("user_id"))
    readers = _readers(followers, space, exclude=[by, *mentioned])
    if readers:
        notify(
            users=readers,
            kind="community.topic",
            title=Msg("New topic in %(space)s: %(title)s", space=space.name, title=title),
            link=link,
        )
    audit(actor=by, action="community.topic_created", target=topic, association=space.association)
    return topic


@transaction.atomic
def reply_create(*, topic: Topic, body: str, by, language: str = "") -> Reply:
    topic = Topic.objects.select_for_update(of=("self",)).select_related("space__association").get(pk=topic.pk)
    space = topic.space
    permissions.check_reply(by, topic)
    body = check_body(body)
    now = timezone.now()
    reply = Reply.objects.create(topic=topic, author=by, body=body, language=_written_in(language, by), created_at=now)
    Topic.objects.filter(pk=topic.pk).update(reply_count=F("reply_count") + 1, last_activity_at=now)
    TopicFollow.objects.get_or_create(topic=topic, user=by)
    _mark_read(topic, by, now)
    handle_for(by)
    link = reply.get_absolute_url()
    mentioned = _notify_mentions(
        text=body,
        space=space,
        title=_("%(name)s mentioned you in a reply to “%(title)s”") % {"name": by, "title": topic.title},
        link=link,
        by=by,
    )
    followers = get_user_model().objects.filter(pk__in=topic.follows.values("user_id"), is_active=True)
    readers = _readers(followers, space, exclude=[by, *mentioned])
    if readers:
        notify(
            users=readers,
            kind="community.reply",
            title=Msg("%(name)s replied to “%(title)s”", name=by, title=topic.title),
            link=link,
        )
    audit(actor=by, action="community.reply_created", target=reply, association=space.association)
    return reply


def _notify_new_mentions(*, old: str, new: str, space: Space, title: str, link: str, by) -> None:
    """After an edit, tell only the people mentioned now who were not mentioned before."""
    before = {user.pk for user in mentioned_users(old)}
    users = [u for u in _readers(mentioned_users(new), space, exclude=[by]) if u.pk not in before]
    if users:
        notify(users=users, kind="community.mention", title=title, link=link)


@transaction.atomic
def topic_edit(*, topic: Topic, title: str, body: str, by, language: str = "") -> Topic:
    """The author corrects their topic; the previous text stays in the audit log."""
    topic = Topic.objects.select_for_update(of=("self",)).select_related("space__association").get(pk=topic.pk)
    if not permissions.can_edit_post(by, topic):
        raise ActionRefused(_("You can no longer edit this topic."))
    title = (title or "").strip()
    if not title:
        raise ActionRefused(_("Give the topic a title."))
    if len(title) > MAX_TITLE:
        raise ActionRefused(_("The title may have %(max)s characters at most.") % {"max": MAX_TITLE})
    body = check_body(body)
    previous_title, previous_body = topic.title, topic.body
    topic.title, topic.body, topic.edited_at = title, body, timezone.now()
    topic.language = normalise_language(language) if language else topic.language
    topic.save(update_fields=["title", "body", "language", "edited_at"])
    _notify_new_mentions(
        old=previous_body,
        new=body,
        space=topic.space,
        title=_("%(name)s mentioned you in “%(title)s”") % {"name": by, "title": title},
        link=topic.get_absolute_url(),
        by=by,
    )
    audit(
        actor=by,
        action="community.topic_edited",
        target=topic,
        association=topic.space.association,
        previous_title=previous_title,
        previous_body=previous_body,
    )
    return topic


@transaction.atomic
def reply_edit(*, reply: Reply, body: str, by, language: str = "") -> Reply:
    """The author corrects their reply; the previous text stays in the audit log."""
    reply = Reply.objects.select_for_update(of=("self",)).select_related("topic__space__association").get(pk=reply.pk)
    if not permissions.can_edit_post(by, reply.topic, reply):
        raise ActionRefused(_("You can no longer edit this reply."))
    body = check_body(body)
    previous_body = reply.body
    reply.body, reply.edited_at = body, timezone.now()
    reply.language = normalise_language(language) if language else reply.language
    reply.save(update_fields=["body", "language", "edited_at"])
    _notify_new_mentions(
        old=previous_body,
        new=body,
        space=reply.topic.space,
        title=_("%(name)s mentioned you in a reply to “%(title)s”") % {"name": by, "title": reply.topic.title},
        link=reply.get_absolute_url(),
        by=by,
    )
    audit(
        actor=by,
        action="community.reply_edited",
        target=reply,
        association=reply.topic.space.association,
        previous_body=previous_body,
    )
    return reply


@transaction.atomic
def topic_accept(*, topic: Topic, reply: Reply | None, by) -> Topic:
    """Mark a reply as the accepted answer (None clears it): the topic's author or a moderator."""
    if not permissions.can_accept(by, topic):
        raise ActionRefused(_("Only the topic's author or a moderator can accept an answer."))
    if reply is not None and (reply.topic_id != topic.pk or reply.hidden):
        raise ActionRefused(_("This reply cannot be the accepted answer."))
    topic.accepted_reply = reply
    topic.save(update_fields=["accepted_reply"])
    audit(
        actor=by,
        action="community.answer_accepted" if reply else "community.answer_cleared",
        target=topic,
        association=topic.space.association,
        reply=reply.pk if reply else None,
    )
    return topic


# --- Reactions, follows and read markers (personal, not audited) ---------------------------------------------


@transaction.atomic
def reaction_toggle(*, kind: str, by, topic: Topic | None = None, reply: Reply | None = None) -> bool:
    """Add the reaction, or take it back if it is there; returns whether it is now on."""
    if kind not in ReactionKind.values:
        raise ActionRefused(_("Unknown reaction."))
    target_topic = reply.topic if reply is not None else topic
    if not permissions.can_read(by, target_topic.space):
        raise ActionRefused(_("You cannot react in this space."))
    if target_topic.hidden or (reply is not None and reply.hidden):
        raise ActionRefused(_("Hidden content takes no reactions."))
    lookup = {"reply": reply, "topic": None} if reply is not None else {"topic": topic, "reply": None}
    deleted, _rows = Reaction.objects.filter(user=by, kind=kind, **lookup).delete()
    if deleted:
        return False
    try:
        with transaction.atomic():
            Reaction.objects.create(user=by, kind=kind, **lookup)
    except IntegrityError:
        pass  # a double click: it is on either way
    return True


@transaction.atomic
def topic_follow(*, topic: Topic, by, follow: bool = True) -> None:
    if follow:
        TopicFollow.objects.get_or_create(topic=topic, user=by)
    else:
        TopicFollow.objects.filter(topic=topic, user=by).delete()


@transaction.atomic
def space_follow(*, space: Space, by, follow: bool = True) -> None:
    if follow:
        SpaceFollow.objects.get_or_create(space=space, user=by)
    else:
        SpaceFollow.objects.filter(space=space, user=by).delete()


def topic_mark_read(*, topic: Topic, by) -> None:
    _mark_read(topic, by, timezone.now())


# --- Reports and moderation ----------------------------------------------------------------------------------


@transaction.atomic
def report_create(*, topic: Topic, reply: Reply | None = None, reason: str, by) -> Report:
    if not permissions.can_read(by, topic.space):
        raise ActionRefused(_("You cannot report content you cannot see."))
    reason = (reason or "").strip()
    if not reason:
        raise ActionRefused(_("Tell the moderators what is wrong."))
    if len(reason) > MAX_REASON:
        raise ActionRefused(_("The reason may have %(max)s characters at most.") % {"max": MAX_REASON})
    if reply is not None and reply.topic_id != topic.pk:
        raise ActionRefused(_("This reply is not in this topic."))
    duplicate = Report.objects.filter(reporter=by, topic=topic, reply=reply, status=ReportStatus.OPEN)
    if duplicate.exists():
        raise ActionRefused(_("You have already reported this; the moderators will look at it."))
    report = Report.objects.create(reporter=by, topic=topic, reply=reply, reason=reason)
    space = topic.space
    if space.association_id:
        office = get_user_model().objects.filter(
            pk__in=AssociationStaff.objects.filter(
                association_id=space.association_id,
                role=StaffRole.ADMIN,
                association__status=Status.APPROVED,
            ).values("user_id")
        )
        notify(
            users=office.exclude(pk=by.pk),
            kind="community.report",
            title=Msg("A post in %(space)s was reported", space=space.name),
            link="/community/moderation/",
            email=False,
        )
    audit(actor=by, action="community.reported", target=report, association=space.association, reason=reason)
    return report


def _require_moderator(by, space: Space) -> None:
    if not permissions.can_moderate(by, space):
        raise ActionRefused(_("Only a moderator of this space can do this."))


def _close_reports(reports, by, status: str) -> int:
    return reports.filter(status=ReportStatus.OPEN).update(status=status, decided_by=by, decided_at=timezone.now())


@transaction.atomic
def topic_hide(*, topic: Topic, hidden: bool = True, by) -> Topic:
    _require_moderator(by, topic.space)
    topic.hidden = hidden
    topic.save(update_fields=["hidden"])
    if hidden:
        _close_reports(Report.objects.filter(topic=topic, reply__isnull=True), by, ReportStatus.ACTIONED)
    audit(
        actor=by,
        action="community.topic_hidden" if hidden else "community.topic_shown",
        target=topic,
        association=topic.space.association,
    )
    return topic


@transaction.atomic
def reply_hide(*, reply: Reply, hidden: bool = True, by) -> Reply:
    _require_moderator(by, reply.topic.space)
    reply.hidden = hidden
    reply.save(update_fields=["hidden"])
    if hidden:
        _close_reports(Report.objects.filter(reply=reply), by, ReportStatus.ACTIONED)
    audit(
        actor=by,
        action="community.reply_hidden" if hidden else "community.reply_shown",
        target=reply,
        association=reply.topic.space.association,
    )
    return reply


@transaction.atomic
def topic_lock(*, topic: Topic, locked: bool = True, by) -> Topic:
    _require_moderator(by, topic.space)
    topic.locked = locked
    topic.save(update_fields=["locked"])
    audit(
        actor=by,
        action="community.topic_locked" if locked else "community.topic_unlocked",
        target=topic,
        association=topic.space.association,
    )
    return topic


@transaction.atomic
def topic_pin(*, topic: Topic, pinned: bool = True, by) -> Topic:
    _require_moderator(by, topic.space)
    topic.pinned = pinned
    topic.save(update_fields=["pinned"])
    audit(
        actor=by,
        action="community.topic_pinned" if pinned else "community.topic_unpinned",
        target=topic,
        association=topic.space.association,
    )
    return topic


@transaction.atomic
def topic_move(*, topic: Topic, to: Space, by) -> Topic:
    """Move a topic to another space; the moderator must moderate both (an office-bearer stays in their own)."""
    _require_moderator(by, topic.space)
    if not permissions.can_move_to(by, to):
        raise ActionRefused(_("You can move topics only to spaces you moderate."))
    if to.pk == topic.space_id:
        raise ActionRefused(_("The topic is already in this space."))
    source = topic.space
    topic.space = to
    topic.save(update_fields=["space"])
    audit(
        actor=by,
        action="community.topic_moved",
        target=topic,
        association=source.association or to.association,
        from_space=source.slug,
        to_space=to.slug,
    )
    return topic


@transaction.atomic
def report_dismiss(*, report: Report, by) -> Report:
    _require_moderator(by, report.topic.space)
    states.REPORT.check(report.status, ReportStatus.DISMISSED, refusal=_("This report is already decided."))
    _close_reports(Report.objects.filter(pk=report.pk), by, ReportStatus.DISMISSED)
    report.refresh_from_db()
    audit(actor=by, action="community.report_dismissed", target=report, association=report.topic.space.association)
    return report
