from django.urls import path

from portal.business import views

app_name = "business"
urlpatterns = [
    path("", views.directory, name="directory"),
    path("enterprises/<int:pk>/", views.enterprise, name="enterprise"),
    path("enterprises/<int:pk>/connect/", views.connect, name="connect"),
    path("connections/", views.connections, name="connections"),
    path("connections/<int:pk>/<slug:action>/", views.connection_decide, name="connection_decide"),
    path("offer/", views.my_offer, name="my_offer"),
    path("offer/<int:pk>/", views.offer, name="offer"),
    path("offer/<int:pk>/products/add/", views.product_add, name="product_add"),
    path("offer/<int:pk>/products/<int:product_pk>/", views.product_edit, name="product_edit"),
    path("offer/<int:pk>/products/<int:product_pk>/remove/", views.product_remove, name="product_remove"),
    path("leads/", views.leads, name="leads"),
    path("leads/new/", views.lead_new, name="lead_new"),
    path("leads/<int:pk>/", views.lead, name="lead"),
    path("leads/<int:pk>/interest/", views.lead_interest, name="lead_interest"),
    path("leads/<int:pk>/interests/<int:interest_pk>/accept/", views.interest_accept, name="interest_accept"),
    path("leads/<int:pk>/close/", views.lead_close, name="lead_close"),
    path("messages/", views.inbox, name="inbox"),
    path("messages/with/<int:user_pk>/", views.message_start, name="message_start"),
    path("messages/<int:pk>/", views.thread, name="thread"),
    path("messages/<int:pk>/send/", views.send, name="send"),
    path("messages/<int:pk>/<slug:action>/", views.block, name="block"),
    path("messages/report/<int:message_pk>/", views.report, name="report"),
    path("reports/", views.reports, name="reports"),
    path("reports/<int:pk>/resolve/", views.report_resolve, name="report_resolve"),
]
