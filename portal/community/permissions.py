"""Who may do what in discussions. Views, services, templates and tests all use these predicates."""

from django.utils.translation import gettext_lazy as _

from portal.associations.models import Association
from portal.associations.permissions import can_manage
from portal.community.models import PUBLIC_KINDS, Space, Topic, managed_association_ids
from portal.core import memo
from portal.core.permissions import can, refuse


def is_platform_moderator(user) -> bool:
    """Platform admins and users given the ``community.moderate_all`` permission moderate every space."""
    return bool(
        user.is_authenticated and user.is_active and (user.is_platform_admin or user.has_perm("community.moderate_all"))
    )


def reads_everything(user) -> bool:
    """SIDBI staff and platform moderators read every space, the private ones included."""
    return bool(user.is_authenticated and (user.is_sidbi or is_platform_moderator(user)))


def _private_space_ids(user) -> set[int]:
    from portal.community.models import associations_of

    return memo.remember(
        user,
        "community_private_associations",
        lambda: set(Association.objects.filter(pk__in=associations_of(user)).values_list("pk", flat=True)),
    )


def can_read(user, space: Space) -> bool:
    if not user.is_authenticated or not user.is_active:
        return False
    if space.kind in PUBLIC_KINDS or reads_everything(user):
        return True
    return space.association_id in _private_space_ids(user)


def check_post(user, space: Space) -> None:
    """Everyone who reads a space may write in it, except SIDBI staff who only read private ones."""
    if not can_read(user, space):
        refuse(reveal=False)
    if space.kind in PUBLIC_KINDS or is_platform_moderator(user) or space.association_id in _private_space_ids(user):
        return
    refuse(_("You cannot start a topic in this space."), reveal=True)


def check_reply(user, topic: Topic) -> None:
    """Write in the topic's space, while the topic is open (and, unless a moderator, not hidden)."""
    if not can_post(user, topic.space):
        refuse(_("You cannot reply in this space."), reveal=can_read(user, topic.space))
    if topic.locked:
        refuse(_("This topic is locked: no more replies."), reveal=True)
    if topic.hidden and not can_moderate(user, topic.space):
        refuse(_("This topic was hidden by a moderator."), reveal=True)


can_post = can(check_post)
can_reply = can(check_reply)


def can_moderate(user, space: Space) -> bool:
    """Platform moderators everywhere; an association's office-bearers (admins) in that association's spaces."""
    if is_platform_moderator(user):
        return True
    return bool(space.association_id and user.is_authenticated and can_manage(user, space.association))


def can_open_circle(user, association: Association) -> bool:
    """Office-bearers open further private spaces for their association."""
    return can_manage(user, association)


def can_accept(user, topic) -> bool:
    return topic.author_id == user.pk or can_moderate(user, topic.space)


def can_move_to(user, space: Space) -> bool:
    return can_moderate(user, space)


def is_moderation_user(user) -> bool:
    """Sees the moderation queue at all: platform moderators and office-bearers of an association."""
    return is_platform_moderator(user) or managed_association_ids(user).exists()


def can_edit_post(user, topic, reply=None) -> bool:
    """Authors edit their own topic or reply while they may still post there: not once it is hidden or the topic locked."""
    post = reply or topic
    return (
        user.is_authenticated
        and post.author_id == user.pk
        and not post.hidden
        and not topic.hidden
        and not topic.locked
        and can_post(user, topic.space)
    )
