from django.views import i18n as i18n_views
from django.views.decorators.http import require_POST

from portal.accounts.services import user_language_set
from portal.core.i18n import language_codes


@require_POST
def set_language(request):
    """The language switcher: Django's set_language (cookie, safe redirect), and for a logged-in person the profile.

    The profile is what the portal reads for every later request on any device and for everything it sends.
    """
    response = i18n_views.set_language(request)
    language = request.POST.get("language", "")
    if request.user.is_authenticated and language in language_codes():
        user_language_set(user=request.user, language=language)
    return response
