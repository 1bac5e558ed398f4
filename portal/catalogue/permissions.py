"""Who keeps the catalogue of offerings (docs/permissions.md, "Loan and scheme offerings").

Everyone, logged in or not, browses active offerings. SIDBI staff (officers and authorities) and
platform admins add, edit, deactivate and reactivate them, and also see inactive ones.
"""

from portal.associations.roles import is_sidbi_staff


def can_keep_catalogue(user) -> bool:
    return is_sidbi_staff(user)
