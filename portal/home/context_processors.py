from portal.associations.permissions import is_sidbi_reviewer


def portal(request):
    user = getattr(request, "user", None)
    return {"is_sidbi_reviewer": bool(user and is_sidbi_reviewer(user))}
