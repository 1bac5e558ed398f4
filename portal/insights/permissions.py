from portal.associations.permissions import can_oversee, is_sidbi_staff


def can_see_national(user) -> bool:
    """SIDBI officers and sanctioning authorities, and platform administrators."""
    return is_sidbi_staff(user)


def can_see_association_dashboard(user, association) -> bool:
    """The association's own office (office-bearers and staff), its cluster expert, and SIDBI."""
    return can_oversee(user, association)
