from django.urls import path

from portal.enterprises import views

app_name = "enterprises"
urlpatterns = [
    path("new/", views.create, name="create"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/edit/", views.edit, name="edit"),
    path("<int:pk>/people/", views.add_person, name="add_person"),
    path("<int:pk>/people/<int:person_id>/remove/", views.remove_person, name="remove_person"),
]
