"""Reads for member-to-member business: the directory, leads, connections and the inbox, scoped to the user."""

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db.models import Count, Exists, OuterRef, Prefetch, Q

from portal.associations.models import Association, Membership, MembershipStatus, Status
from portal.business import permissions
from portal.business.models import Capacity, Connection, ConnectionStatus, Conversation, Lead, Message, Product
from portal.enterprises.models import Enterprise, SharedField

CONTACT_FIELDS = (SharedField.ADDRESS, SharedField.PHONE, SharedField.EMAIL)


def _shares(field: str) -> Q:
    # JSON "contains" is not available on SQLite; the list's text holds the quoted choice (as the members page).
    return Q(shared_fields__icontains=f'"{field}"')


@dataclass
class DirectoryFilters:
    q: str = ""
    sector: int | None = None
    state: int | None = None
    association: int | None = None
    spare: bool = False


def directory(filters: DirectoryFilters):
    """The directory's enterprises, filtered without revealing what an enterprise hides.

    Products, product search and capacity follow the "products" sharing choice; the state filter the "location"
    one. Name, sector and associations are always shown, as in an association's member list.
    """
    queryset = permissions.directory_enterprises().select_related("sector", "state", "capacity")
    if filters.q:
        shares_products = _shares(SharedField.PRODUCTS)
        in_catalogue = Product.objects.filter(enterprise=OuterRef("pk"), name__icontains=filters.q)
        queryset = queryset.filter(
            Q(name__icontains=filters.q)
            | (shares_products & (Q(products__icontains=filters.q) | Q(Exists(in_catalogue))))
        )
    if filters.sector:
        queryset = queryset.filter(sector_id=filters.sector)
    if filters.state:
        queryset = queryset.filter(_shares(SharedField.LOCATION), state_id=filters.state)
    if filters.association:
        queryset = queryset.filter(
            pk__in=Membership.objects.filter(
                association_id=filters.association, status=MembershipStatus.APPROVED
            ).values("enterprise_id")
        )
    if filters.spare:
        queryset = queryset.filter(_shares(SharedField.PRODUCTS), capacity__spare_available=True)
    return queryset.prefetch_related(
        Prefetch("catalogue", queryset=Product.objects.select_related("sector")),
        Prefetch(
            "memberships",
            queryset=Membership.objects.filter(
                status=MembershipStatus.APPROVED, association__status=Status.APPROVED
            ).select_related("association"),
            to_attr="active_memberships",
        ),
    ).order_by("name", "pk")


def directory_associations():
    return Association.objects.approved().only("pk", "name").order_by("name")


def shown_profile(enterprise: Enterprise) -> list[tuple[str, str]]:
    """What the enterprise shares with fellow members, without contact details (those need a connection)."""
    hidden = {str(field.label) for field in CONTACT_FIELDS}
    return [(label, value) for label, value in enterprise.shared_profile() if str(label) not in hidden]


def shows_products(enterprise: Enterprise) -> bool:
    return SharedField.PRODUCTS in (enterprise.shared_fields or [])


def contact_details(enterprise: Enterprise) -> list[tuple[str, str]]:
    values = [
        (SharedField.PHONE.label, enterprise.phone),
        (SharedField.EMAIL.label, enterprise.email),
        (
            SharedField.ADDRESS.label,
            f"{enterprise.address}, {enterprise.district}, {enterprise.state.name} {enterprise.pin_code}",
        ),
    ]
    return [(label, value) for label, value in values if value]


def connections_of(user):
    """Every connection of the user's enterprises, newest first, with both enterprises."""
    return (
        Connection.objects.involving(permissions.member_enterprise_ids(user))
        .select_related("requester", "target", "requester__sector", "target__sector")
        .order_by("-created_at", "-pk")
    )


def connection_with(user, enterprise: Enterprise) -> Connection | None:
    """The connection between one of the user's enterprises and this one; an accepted one wins."""
    own = permissions.member_enterprise_ids(user)
    if not own:
        return None
    rows = list(
        Connection.objects.filter(
            Q(requester_id__in=own, target=enterprise) | Q(requester=enterprise, target_id__in=own)
        )
    )
    order = {ConnectionStatus.ACCEPTED: 0, ConnectionStatus.REQUESTED: 1, ConnectionStatus.DECLINED: 2}
    rows.sort(key=lambda row: order[row.status])
    return rows[0] if rows else None


@dataclass
class LeadFilters:
    q: str = ""
    kind: str = ""
    sector: int | None = None
    state: int | None = None


def leads(filters: LeadFilters, *, today=None):
    """Live leads (not expired, not closed), newest first."""
    queryset = Lead.objects.live(today).select_related("enterprise", "sector", "state")
    if filters.q:
        queryset = queryset.filter(Q(title__icontains=filters.q) | Q(description__icontains=filters.q))
    if filters.kind:
        queryset = queryset.filter(kind=filters.kind)
    if filters.sector:
        queryset = queryset.filter(sector_id=filters.sector)
    if filters.state:
        queryset = queryset.filter(state_id=filters.state)
    return queryset.annotate(interest_count=Count("interests")).order_by("-created_at", "-pk")


def leads_of(user):
    """The leads of the user's enterprises, live or not, with interest counts."""
    return (
        Lead.objects.filter(enterprise_id__in=permissions.member_enterprise_ids(user))
        .select_related("sector", "state", "enterprise")
        .annotate(interest_count=Count("interests"))
        .order_by("-created_at", "-pk")
    )


def inbox(user):
    """The user's conversations, latest first, each with its unread count and the other person."""
    unread = Count("messages", filter=Q(messages__read_at__isnull=True) & ~Q(messages__sender=user))
    return (
        Conversation.objects.of_user(user)
        .select_related("user_low", "user_high", "connection__requester", "connection__target")
        .annotate(unread=unread)
        .order_by("-last_message_at", "-pk")
    )


def unread_total(user) -> int:
    if not user.is_authenticated:
        return 0
    return (
        Message.objects.filter(conversation__in=Conversation.objects.of_user(user), read_at__isnull=True)
        .exclude(sender=user)
        .count()
    )


def people_of(enterprise: Enterprise):
    """The people who act for an enterprise (to start a conversation with once connected)."""
    return get_user_model().objects.filter(enterprise_roles__enterprise=enterprise, is_active=True).order_by("pk")


def capacity_of(enterprise: Enterprise) -> Capacity | None:
    try:
        return enterprise.capacity
    except Capacity.DoesNotExist:
        return None
