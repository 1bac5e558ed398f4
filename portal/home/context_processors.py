from portal.associations.permissions import is_sidbi_reviewer
from portal.core.i18n import language_choices


def portal(request):
    user = getattr(request, "user", None)
    return {"is_sidbi_reviewer": bool(user and is_sidbi_reviewer(user)), "portal_languages": language_choices()}
