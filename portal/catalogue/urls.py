from django.urls import path

from portal.catalogue import views

app_name = "catalogue"
urlpatterns = [
    path("", views.index, name="index"),
    path("new/", views.create, name="create"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/edit/", views.edit, name="edit"),
    path("<int:pk>/deactivate/", views.set_active, {"active": False}, name="deactivate"),
    path("<int:pk>/activate/", views.set_active, {"active": True}, name="activate"),
]
