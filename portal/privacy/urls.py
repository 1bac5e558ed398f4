from django.urls import path

from portal.privacy import views

app_name = "privacy"
urlpatterns = [
    path("privacy/", views.notice, name="notice"),
    path("privacy/grievance/received/", views.grievance_received, name="grievance_received"),
    path("privacy/grievances/", views.grievance_queue, name="grievance_queue"),
    path("privacy/grievances/<int:pk>/", views.grievance_detail, name="grievance_detail"),
    path("terms/", views.terms, name="terms"),
    path("me/data/", views.my_data, name="my_data"),
    path("me/data/export/", views.export_request, name="export_request"),
    path("me/data/download/<str:token>/", views.export_download, name="export_download"),
    path("me/data/delete/", views.delete_account, name="delete_account"),
    path("me/consents/", views.consents, name="consents"),
    path("me/sessions/", views.sessions, name="sessions"),
    path("me/sessions/<int:pk>/end/", views.session_end, name="session_end"),
    path("me/sessions/end-others/", views.sessions_end_others, name="sessions_end_others"),
]
