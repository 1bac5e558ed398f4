"""Who may do what in member-to-member business. Views, templates and services use these predicates.

The results that need a query are remembered for the request (portal.core.memo), so a page asks each question once.
"""

from django.db.models import Q

from portal.associations.models import MembershipStatus, Status
from portal.associations.roles import is_sidbi_staff
from portal.business.models import Block, Connection, ConnectionStatus, Conversation, Lead
from portal.core import memo
from portal.enterprises.models import Enterprise
from portal.enterprises.permissions import can_act_for_enterprise

memo.invalidated_by(Connection)


def directory_enterprises():
    """Enterprises in the business directory: active members of at least one approved association."""
    from portal.associations.models import Membership

    members = Membership.objects.filter(status=MembershipStatus.APPROVED, association__status=Status.APPROVED).values(
        "enterprise_id"
    )
    return Enterprise.objects.filter(pk__in=members)


def member_enterprise_ids(user) -> list[int]:
    """The user's enterprises that are in the directory (may post leads, connect, express interest)."""
    if not user.is_authenticated:
        return []
    return memo.remember(
        user,
        "business_enterprise_ids",
        lambda: sorted(directory_enterprises().filter(people__user=user).values_list("pk", flat=True)),
    )


def is_business_member(user) -> bool:
    return bool(member_enterprise_ids(user))


def can_browse(user) -> bool:
    """The directory and the leads: members, and SIDBI staff and platform admins (read only)."""
    return is_business_member(user) or is_sidbi_staff(user)


def can_edit_offer(user, enterprise: Enterprise) -> bool:
    """Products and capacity: the enterprise's own people (owner or staff) only."""
    return can_act_for_enterprise(user, enterprise)


def connected_ids(user) -> set[int]:
    """Enterprises with an accepted connection to one of the user's enterprises."""
    if not user.is_authenticated:
        return set()
    own = member_enterprise_ids(user)

    def connected() -> set[int]:
        pairs = Connection.objects.accepted().involving(own).values_list("requester_id", "target_id")
        return {target if requester in own else requester for requester, target in pairs}

    return memo.remember(user, "business_connected_ids", connected)


def can_see_contact(user, enterprise: Enterprise) -> bool:
    """Phone, email and address: only after the enterprise accepted a connection with the viewer's enterprise."""
    return enterprise.pk in connected_ids(user) or can_act_for_enterprise(user, enterprise)


def can_request_connection(user, enterprise: Enterprise) -> bool:
    return is_business_member(user) and enterprise.pk not in member_enterprise_ids(user)


def can_decide_connection(user, connection: Connection) -> bool:
    """The asked enterprise's people accept or decline."""
    return connection.status == ConnectionStatus.REQUESTED and connection.target_id in member_enterprise_ids(user)


def is_poster(user, lead: Lead) -> bool:
    return can_act_for_enterprise(user, lead.enterprise)


def can_see_interests(user, lead: Lead) -> bool:
    """Only the poster's people see who is interested in a lead."""
    return is_poster(user, lead)


def can_express_interest(user, lead: Lead) -> bool:
    return lead.is_live() and any(pk != lead.enterprise_id for pk in member_enterprise_ids(user))


def can_post_lead(user) -> bool:
    return is_business_member(user)


def connection_between_users(first, second) -> Connection | None:
    """An accepted connection between an enterprise of one person and an enterprise of the other."""
    firsts = list(first.enterprise_roles.values_list("enterprise_id", flat=True))
    seconds = list(second.enterprise_roles.values_list("enterprise_id", flat=True))
    return (
        Connection.objects.accepted()
        .filter(Q(requester_id__in=firsts, target_id__in=seconds) | Q(requester_id__in=seconds, target_id__in=firsts))
        .order_by("pk")
        .first()
    )


def is_blocked(*, blocker, blocked) -> bool:
    return Block.objects.filter(blocker=blocker, blocked=blocked).exists()


def can_read_conversation(user, conversation: Conversation) -> bool:
    return conversation.has_participant(user)


def can_handle_reports(user) -> bool:
    return user.is_authenticated and user.is_platform_admin
