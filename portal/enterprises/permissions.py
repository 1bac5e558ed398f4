from portal.enterprises.models import Enterprise, EnterpriseRole


def enterprise_role(user, enterprise: Enterprise) -> str | None:
    if not user.is_authenticated:
        return None
    cache = getattr(user, "_enterprise_roles", None)
    if cache is None:
        cache = dict(user.enterprise_roles.values_list("enterprise_id", "role"))
        user._enterprise_roles = cache
    return cache.get(enterprise.pk)


def can_view_enterprise(user, enterprise: Enterprise) -> bool:
    """The full profile: the enterprise's own people and SIDBI (others see only the shared part)."""
    return enterprise_role(user, enterprise) is not None or (
        user.is_authenticated and (user.is_sidbi or user.is_platform_admin)
    )


def can_edit_enterprise(user, enterprise: Enterprise) -> bool:
    return enterprise_role(user, enterprise) == EnterpriseRole.OWNER


def can_act_for_enterprise(user, enterprise: Enterprise) -> bool:
    """Owner or staff: may ask to join associations and accept invitations."""
    return enterprise_role(user, enterprise) is not None
