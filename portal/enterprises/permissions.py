from portal.accounts.roles import is_sidbi_staff
from portal.core import memo
from portal.enterprises.models import Enterprise, EnterpriseRole, EnterpriseUser

memo.invalidated_by(EnterpriseUser)


def enterprise_role(user, enterprise: Enterprise) -> str | None:
    if not user.is_authenticated:
        return None
    roles = memo.remember(
        user, "enterprise_roles", lambda: dict(user.enterprise_roles.values_list("enterprise_id", "role"))
    )
    return roles.get(enterprise.pk)


def can_view_enterprise(user, enterprise: Enterprise) -> bool:
    """The full profile: the enterprise's own people and SIDBI (others see only the shared part)."""
    return enterprise_role(user, enterprise) is not None or is_sidbi_staff(user)


def can_edit_enterprise(user, enterprise: Enterprise) -> bool:
    return enterprise_role(user, enterprise) == EnterpriseRole.OWNER


def can_act_for_enterprise(user, enterprise: Enterprise) -> bool:
    """Owner or staff: may ask to join associations and accept invitations."""
    return enterprise_role(user, enterprise) is not None
