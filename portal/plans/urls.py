from django.urls import path

from portal.plans import views

app_name = "plans"
urlpatterns = [
    path("", views.index, name="index"),
    path("associations/<slug:slug>/new/", views.plan_new, name="new"),
    path("<int:pk>/", views.plan_detail, name="detail"),
    path("<int:pk>/edit/", views.plan_edit, name="edit"),
    path("<int:pk>/submit/", views.plan_submit, name="submit"),
    path("<int:pk>/decide/", views.plan_decide, name="decide"),
    path("<int:pk>/activities/<int:activity_pk>/", views.activity, name="activity"),
    path("<int:pk>/evidence/<int:report_pk>/", views.evidence, name="evidence"),
]
