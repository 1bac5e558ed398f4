from django.urls import path

from portal.support import views

app_name = "support"
urlpatterns = [
    path("", views.index, name="index"),
    path("associations/<slug:slug>/apply/", views.application_new, name="new"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/edit/", views.application_edit, name="edit"),
    path("<int:pk>/lines/add/", views.line_add, name="line_add"),
    path("<int:pk>/lines/<int:line_pk>/remove/", views.line_remove, name="line_remove"),
    path("<int:pk>/documents/add/", views.document_add, name="document_add"),
    path("<int:pk>/documents/<int:document_pk>/", views.document, name="document"),
    path("<int:pk>/submit/", views.submit, name="submit"),
    path("<int:pk>/recommend/", views.recommend, name="recommend"),
    path("<int:pk>/send-back/", views.send_back, name="send_back"),
    path("<int:pk>/reject/", views.reject, name="reject"),
    path("<int:pk>/approve/", views.approve, name="approve"),
    path("<int:pk>/sanction-letter.pdf", views.letter, name="letter"),
    path("<int:pk>/tranches/add/", views.tranche_add, name="tranche_add"),
    path("tranches/<int:pk>/release/", views.release, name="release"),
    path("tranches/<int:pk>/utilisation/", views.uc_new, name="uc_new"),
    path("utilisation/<int:pk>/<slug:decision>/", views.uc_decide, name="uc_decide"),
    path("utilisation/<int:pk>/evidence/<int:evidence_pk>/", views.evidence, name="evidence"),
]
