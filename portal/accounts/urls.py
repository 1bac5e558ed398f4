from django.urls import path

from portal.accounts import views

app_name = "accounts"
urlpatterns = [path("", views.dashboard, name="dashboard")]
