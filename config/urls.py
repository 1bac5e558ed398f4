from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("accounts/", include("allauth.urls")),
    path("me/", include("portal.accounts.urls")),
    path("associations/", include("portal.associations.urls")),
    path("enterprises/", include("portal.enterprises.urls")),
    path("", include("portal.core.urls")),
]
