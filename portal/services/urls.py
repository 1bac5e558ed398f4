from django.urls import path

from portal.services import views

app_name = "services"
urlpatterns = [
    path("", views.index, name="index"),
    path("<int:pk>/", views.service_detail, name="detail"),
    path("<int:pk>/edit/", views.service_edit, name="edit"),
    path("<int:pk>/book/", views.book, name="book"),
    path("associations/<slug:slug>/", views.manage, name="manage"),
    path("associations/<slug:slug>/new/", views.service_new, name="new"),
    path("associations/<slug:slug>/bookings/", views.association_bookings, name="association_bookings"),
    path("bookings/", views.my_bookings, name="my_bookings"),
    path("bookings/<int:pk>/", views.booking_detail, name="booking"),
    path("bookings/<int:pk>/<slug:action>/", views.booking_action, name="booking_action"),
]
