from django.urls import path

from portal.associations import views

app_name = "associations"
urlpatterns = [
    path("", views.directory, name="directory"),
    path("register/", views.register, name="register"),
    path("review/", views.review_queue, name="review_queue"),
    path("invitations/<str:token>/", views.invitation, name="invitation"),
    path("<slug:slug>/", views.detail, name="detail"),
    path("<slug:slug>/application/", views.edit_application, name="edit_application"),
    path("<slug:slug>/certificate/", views.certificate, name="certificate"),
    path("<slug:slug>/review/", views.review, name="review"),
    path("<slug:slug>/join/", views.join, name="join"),
    path("<slug:slug>/members/", views.members, name="members"),
    path("<slug:slug>/manage/", views.manage, name="manage"),
    path("<slug:slug>/manage/requests/<int:membership_id>/", views.decide, name="decide"),
    path("<slug:slug>/manage/invite/", views.invite, name="invite"),
    path("<slug:slug>/manage/import/", views.import_members, name="import"),
    path("<slug:slug>/manage/import/<int:import_id>/", views.import_status, name="import_status"),
]
