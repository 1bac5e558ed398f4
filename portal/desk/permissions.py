"""Who sees and does what on the requirements desk (docs/permissions.md, "Requirements desk").

- A member enterprise's people see its own requirements (drafts included); fellow members never do.
- The association's office (office-bearers and staff of an approved association) sees its members'
  posted requirements and triages them.
- A provider's people see what is assigned to their provider, plus posted requirements open to
  providers whose kind, sector and state the provider serves, without the member's contact
  details until the member accepts one of their offers.
- SIDBI staff see requirements forwarded to SIDBI or escalated to it.
"""

from functools import reduce
from operator import or_

from django.db.models import Case, Q, Value, When

from portal.associations.models import AssociationStaff
from portal.associations.models import Status as AssociationStatus
from portal.associations.roles import is_sidbi_staff
from portal.core import memo
from portal.desk.models import ESCALATED_TO_SIDBI, OPEN_STATUSES, Holder, Requirement, Status, Visibility
from portal.enterprises.models import EnterpriseUser
from portal.providers.models import Provider, ProviderStatus


def _cached(user, name, compute):
    return memo.remember(user, name, compute)


def enterprise_ids(user) -> set[int]:
    return _cached(
        user,
        "_desk_enterprise_ids",
        lambda: set(EnterpriseUser.objects.filter(user=user).values_list("enterprise_id", flat=True)),
    )


def office_association_ids(user) -> set[int]:
    """Approved associations whose office (admin or staff) the user works in."""
    return _cached(
        user,
        "_desk_office_ids",
        lambda: set(
            AssociationStaff.objects.filter(user=user, association__status=AssociationStatus.APPROVED).values_list(
                "association_id", flat=True
            )
        ),
    )


def user_providers(user) -> list[Provider]:
    """Approved providers the user acts for (a pending or rejected provider has no access)."""
    return _cached(
        user,
        "_desk_providers",
        lambda: list(
            Provider.objects.filter(people__user=user, status=ProviderStatus.APPROVED).prefetch_related(
                "sectors", "states"
            )
        ),
    )


def open_to_provider_q(provider: Provider) -> Q:
    """Posted requirements open to providers that this provider serves (its kinds, sectors and states)."""
    q = Q(visibility=Visibility.PROVIDERS, status__in=OPEN_STATUSES, accepted_offer__isnull=True)
    q &= Q(kind__in=provider.help_kinds or [])
    sector_ids = [s.pk for s in provider.sectors.all()]
    state_ids = [s.pk for s in provider.states.all()]
    if sector_ids:
        q &= Q(enterprise__sector_id__in=sector_ids)
    if state_ids:
        q &= Q(enterprise__state_id__in=state_ids)
    return q


def requirement_filter_for(user) -> Q:
    if not user.is_authenticated:
        return Q(pk__in=[])
    parts = []
    if ids := enterprise_ids(user):
        parts.append(Q(enterprise_id__in=ids))
    if ids := office_association_ids(user):
        parts.append(Q(association_id__in=ids) & ~Q(status=Status.DRAFT))
    for provider in user_providers(user):
        parts.append(Q(assigned_provider=provider) | open_to_provider_q(provider))
    if is_sidbi_staff(user):
        parts.append(Q(holder=Holder.SIDBI) | Q(escalation_level__gte=ESCALATED_TO_SIDBI))
    return reduce(or_, parts) if parts else Q(pk__in=[])


# Roles on one requirement the user can already see.


def is_member_side(user, requirement: Requirement) -> bool:
    return requirement.enterprise_id in enterprise_ids(user)


def is_office(user, requirement: Requirement) -> bool:
    return requirement.association_id in office_association_ids(user)


def provider_for(user, requirement: Requirement) -> Provider | None:
    """The user's provider that holds the requirement or may answer it as an open one.

    "Open to this provider" exists once, as the queryset condition open_to_provider_q, asked here in one query.
    """
    providers = user_providers(user)
    for provider in providers:
        if requirement.assigned_provider_id == provider.pk:
            return provider
    if requirement.assigned_provider_id is not None or not providers:
        return None  # once assigned, only that provider answers it
    match = (
        Requirement.objects.filter(pk=requirement.pk)
        .annotate(
            open_to=Case(*(When(open_to_provider_q(p), then=Value(p.pk)) for p in providers), default=Value(None))
        )
        .values_list("open_to", flat=True)
        .first()
    )
    return next((p for p in providers if p.pk == match), None)


def is_sidbi_holder(user, requirement: Requirement) -> bool:
    return is_sidbi_staff(user) and (
        requirement.holder == Holder.SIDBI or requirement.escalation_level >= ESCALATED_TO_SIDBI
    )


def can_edit_draft(user, requirement: Requirement) -> bool:
    return requirement.status == Status.DRAFT and is_member_side(user, requirement)


def can_triage(user, requirement: Requirement) -> bool:
    """Take up, assign, forward to SIDBI: the association's office, or SIDBI once it holds it."""
    if not requirement.is_open:
        return False
    return is_office(user, requirement) or is_sidbi_holder(user, requirement)


def can_make_offer(user, requirement: Requirement) -> bool:
    return requirement.is_open and requirement.accepted_offer_id is None and provider_for(user, requirement) is not None


def can_see_internal_notes(user, requirement: Requirement) -> bool:
    """Everyone handling it; never the member."""
    return (
        is_office(user, requirement)
        or is_sidbi_holder(user, requirement)
        or requirement.assigned_provider_id in {p.pk for p in user_providers(user)}
    )


def can_message(user, requirement: Requirement) -> bool:
    if requirement.status in {Status.DRAFT, Status.CLOSED, Status.WITHDRAWN}:
        return False
    return (
        is_member_side(user, requirement)
        or is_office(user, requirement)
        or is_sidbi_holder(user, requirement)
        or requirement.assigned_provider_id in {p.pk for p in user_providers(user)}
    )


def can_see_member_contact(user, requirement: Requirement) -> bool:
    """Providers see the member's phone and email only after the member accepts their offer."""
    if is_member_side(user, requirement) or is_office(user, requirement) or is_sidbi_staff(user):
        return True
    accepted = requirement.accepted_offer
    return accepted is not None and accepted.provider_id in {p.pk for p in user_providers(user)}
