from django.urls import path

from portal.insights import views

app_name = "insights"
urlpatterns = [
    path("", views.national, name="national"),
    path("export.<str:fmt>", views.national_export, name="national_export"),
    path("associations/", views.drilldown, name="drilldown"),
    path("associations/export.<str:fmt>", views.drilldown_export, name="drilldown_export"),
    path("associations/<slug:slug>/", views.association_dashboard, name="association"),
    path("reports/", views.reports, name="reports"),
    path("reports/<int:pk>.pdf", views.report_download, name="report_download"),
    path("open-data/", views.open_data_page, name="open_data"),
    path("open-data/<str:table>.<str:fmt>", views.open_data_file, name="open_data_file"),
]
