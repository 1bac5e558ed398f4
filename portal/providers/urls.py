from django.urls import path

from portal.providers import views

app_name = "providers"
urlpatterns = [
    path("", views.directory, name="directory"),
    path("register/", views.register, name="register"),
    path("review/", views.review_queue, name="review_queue"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/edit/", views.edit, name="edit"),
    path("<int:pk>/people/", views.add_person, name="add_person"),
    path("<int:pk>/people/<int:person_id>/remove/", views.remove_person, name="remove_person"),
    path("<int:pk>/review/", views.review, name="review"),
]
