"""Who keeps the catalogue of offerings (docs/permissions.md, "Loan and scheme offerings").

Everyone, logged in or not, browses active offerings. SIDBI staff (officers and authorities) and
platform admins add, edit, deactivate and reactivate them, and also see inactive ones.
"""


def can_keep_catalogue(user) -> bool:
    return user.is_authenticated and (user.is_sidbi or user.is_platform_admin)
