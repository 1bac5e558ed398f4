from django.db.models import Count, Prefetch, Q

from portal.associations.models import (
    Association,
    AssociationStaff,
    AssociationStatusChange,
    Invitation,
    Membership,
    MembershipStatus,
    Status,
)
from portal.associations.permissions import is_sidbi_reviewer
from portal.enterprises.models import Enterprise
from portal.providers.models import ProviderUser


def dashboard_for(user) -> dict:
    """Everything waiting for the user, by role. A fixed number of queries whatever the data size."""
    context: dict = {"sidbi": None, "offices": [], "enterprises": [], "providers": []}

    if is_sidbi_reviewer(user) or user.is_sidbi:
        pending = Association.objects.filter(status=Status.SUBMITTED).select_related("state").order_by("created_at")
        context["sidbi"] = {
            "pending": list(pending[:10]),
            "pending_count": pending.count(),
            "info_requested_count": Association.objects.filter(status=Status.INFO_REQUESTED).count(),
            "approved_count": Association.objects.approved().count(),
            "can_review": is_sidbi_reviewer(user),
        }

    # Counts and the first requests of every office in a fixed number of queries, however many offices.
    roles = list(
        AssociationStaff.objects.filter(user=user)
        .select_related("association", "association__state")
        .annotate(
            member_count=Count(
                "association__memberships",
                filter=Q(association__memberships__status=MembershipStatus.APPROVED),
                distinct=True,
            ),
            request_count=Count(
                "association__memberships",
                filter=Q(association__memberships__status=MembershipStatus.REQUESTED),
                distinct=True,
            ),
        )
        .prefetch_related(
            Prefetch(
                "association__memberships",
                queryset=Membership.objects.filter(status=MembershipStatus.REQUESTED).select_related("enterprise")[:10],
                to_attr="waiting_requests",
            ),
            Prefetch(
                "association__status_changes",
                queryset=AssociationStatusChange.objects.order_by("-at", "-id")[:1],
                to_attr="latest_changes",
            ),
        )
    )
    for role in roles:
        association = role.association
        office = {"association": association, "role": role}
        if association.is_approved:
            office["requests"] = association.waiting_requests
            office["request_count"] = role.request_count
            office["member_count"] = role.member_count
        else:
            office["last_change"] = association.latest_changes[0] if association.latest_changes else None
        context["offices"].append(office)

    enterprises = list(Enterprise.objects.of_user(user).order_by("name"))
    memberships = (
        Membership.objects.filter(enterprise__in=enterprises)
        .select_related("association")
        .order_by("association__name")
    )
    by_enterprise: dict[int, list] = {}
    for membership in memberships:
        by_enterprise.setdefault(membership.enterprise_id, []).append(membership)
    context["enterprises"] = [{"enterprise": e, "memberships": by_enterprise.get(e.pk, [])} for e in enterprises]
    context["invitations"] = list(
        Invitation.objects.filter(
            email__iexact=user.email, accepted_at__isnull=True, association__status=Status.APPROVED
        ).select_related("association")[:10]
    )
    context["providers"] = list(ProviderUser.objects.filter(user=user).select_related("provider"))
    context["desk"] = desk_summary(user)
    context["has_role"] = bool(context["sidbi"] or roles or enterprises or context["providers"])
    return context


def desk_summary(user) -> dict:
    """Requirements waiting for this person, in a handful of queries whatever the data size."""
    from portal.desk import permissions as desk_permissions
    from portal.desk.models import OPEN_STATUSES, Requirement, Status
    from portal.desk.selectors import overdue_q

    visible = Requirement.objects.visible_to(user)
    summary = {"show": False}
    if not (
        desk_permissions.enterprise_ids(user)
        or desk_permissions.office_association_ids(user)
        or desk_permissions.user_providers(user)
        or desk_permissions.is_sidbi_staff(user)
    ):
        return summary
    open_items = visible.filter(status__in=OPEN_STATUSES)
    summary.update(
        show=True,
        open=open_items.count(),
        overdue=open_items.filter(overdue_q()).count(),
        new=visible.filter(status=Status.POSTED).count(),
        latest=list(open_items.select_related("enterprise").order_by("-posted_at")[:5]),
    )
    return summary
