from django.urls import path

from portal.pooling import views

app_name = "pooling"
urlpatterns = [
    path("", views.index, name="index"),
    path("a/<slug:slug>/", views.association_list, name="association"),
    path("a/<slug:slug>/new/", views.open_pool, name="open"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/commit/", views.commit, name="commit"),
    path("<int:pk>/withdraw/", views.withdraw, name="withdraw"),
    path("<int:pk>/close/", views.close, name="close"),
    path("<int:pk>/cancel/", views.cancel, name="cancel"),
    path("<int:pk>/outcome/", views.outcome, name="outcome"),
    path("<int:pk>/export.csv", views.export, {"fmt": "csv"}, name="export_csv"),
    path("<int:pk>/export.xlsx", views.export, {"fmt": "xlsx"}, name="export_xlsx"),
]
