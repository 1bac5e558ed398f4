from django.urls import path

from portal.scheme import views

app_name = "scheme"
urlpatterns = [
    path("", views.index, name="index"),
    path("queue/", views.queue, name="queue"),
    path("<slug:slug>/", views.association_page, name="association"),
    path("<slug:slug>/start/", views.start, name="start"),
    path("<slug:slug>/eligibility/", views.eligibility_edit, name="eligibility"),
    path("<slug:slug>/matrix/", views.matrix_edit, name="matrix"),
    path("<slug:slug>/matrix/score/", views.matrix_score, name="matrix_score"),
    path("<slug:slug>/decide/", views.decide, name="decide"),
    path("<slug:slug>/stage/", views.stage_page, name="stage"),
    path("<slug:slug>/stage/assess/", views.assess, name="assess"),
]
