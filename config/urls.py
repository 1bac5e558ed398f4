from allauth.account.decorators import secure_admin_login
from django.contrib import admin
from django.urls import include, path

from portal.accounts.views import set_language
from portal.home import urls as home_urls

# Django admin's own log-in form would skip allauth's TOTP step and its rate limits: send staff
# through allauth's log-in instead (a logged-in non-staff user gets 403). Do not remove.
admin.site.login = secure_admin_login(admin.site.login)
admin.site.site_header = "DIA Portal administration"
admin.site.site_title = "DIA Portal admin"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("accounts/", include("allauth.urls")),
    path("i18n/setlang/", set_language, name="set_language"),
    path("me/", include((home_urls.dashboard_patterns, "accounts"))),
    path("", include("portal.privacy.urls")),
    path("associations/", include("portal.associations.urls")),
    path("enterprises/", include("portal.enterprises.urls")),
    path("desk/", include("portal.desk.urls")),
    path("pooled/", include("portal.pooling.urls")),
    path("offerings/", include("portal.catalogue.urls")),
    path("providers/", include("portal.providers.urls")),
    path("notifications/", include("portal.notifications.urls")),
    path("updates/", include("portal.updates.urls")),
    path("research/", include("portal.research.urls")),
    path("community/", include("portal.community.urls")),
    path("events/", include("portal.events.urls")),
    path("learning/", include("portal.learning.urls")),
    path("business/", include("portal.business.urls")),
    path("scheme/", include("portal.scheme.urls")),
    path("plans/", include("portal.plans.urls")),
    path("services/", include("portal.services.urls")),
    path("support/", include("portal.support.urls")),
    path("finances/", include("portal.finances.urls")),
    path("insights/", include("portal.insights.urls")),
    path("", include("portal.ops.urls")),
    path("", include((home_urls.home_patterns, "core"))),
]
