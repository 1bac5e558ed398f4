from portal.associations import permissions as association_permissions


def can_see_national(user) -> bool:
    """SIDBI officers and sanctioning authorities, and platform administrators."""
    return bool(user.is_authenticated and (user.is_sidbi or user.is_platform_admin))


def can_see_association_dashboard(user, association) -> bool:
    """The association's own office (office-bearers and staff), its cluster expert, and SIDBI."""
    return (
        can_see_national(user)
        or association_permissions.can_work_on(user, association)
        or association_permissions.is_cluster_expert_for(user, association)
    )
