from django.urls import path

from portal.events import views

app_name = "events"
urlpatterns = [
    path("", views.event_list, name="list"),
    path("calendar/", views.calendar, name="calendar"),
    path("mine/", views.feed_page, name="mine"),
    path("mine/reset-feed/", views.feed_reset, name="feed_reset"),
    path("feed/<str:token>.ics", views.feed, name="feed"),
    path("new/", views.event_new, name="new_sidbi"),
    path("associations/<slug:slug>/new/", views.event_new, name="new"),
    path("certificates/<str:code>/", views.verify, name="verify"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/edit/", views.event_edit, name="edit"),
    path("<int:pk>/publish/", views.event_publish, name="publish"),
    path("<int:pk>/cancel/", views.event_cancel, name="cancel"),
    path("<int:pk>/register/", views.register, name="register"),
    path("<int:pk>/unregister/", views.unregister, name="unregister"),
    path("<int:pk>/manage/", views.manage, name="manage"),
    path("<int:pk>/checkin/", views.checkin, name="checkin"),
    path("<int:pk>/registrations/<int:registration_pk>/present/", views.mark_present, name="present"),
    path("<int:pk>/registrations/<int:registration_pk>/paid/", views.mark_paid, name="paid"),
    path("<int:pk>/feedback/", views.feedback, name="feedback"),
    path("<int:pk>/certificate.pdf", views.certificate, name="certificate"),
    path("<int:pk>/event.ics", views.event_ics, name="ics"),
]
