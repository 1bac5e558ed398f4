from django.urls import path

from portal.community import views

app_name = "community"
urlpatterns = [
    path("", views.index, name="index"),
    path("search/", views.search, name="search"),
    path("moderation/", views.moderation, name="moderation"),
    path("moderation/reports/<int:pk>/dismiss/", views.report_dismiss, name="report_dismiss"),
    path("associations/<slug:slug>/spaces/new/", views.circle_new, name="circle_new"),
    path("s/<slug:slug>/", views.space, name="space"),
    path("s/<slug:slug>/new/", views.topic_new, name="topic_new"),
    path("s/<slug:slug>/follow/", views.follow_space, name="follow_space"),
    path("t/<int:pk>/", views.topic, name="topic"),
    path("t/<int:pk>/reply/", views.reply_new, name="reply_new"),
    path("t/<int:pk>/edit/", views.topic_edit, name="topic_edit"),
    path("r/<int:pk>/edit/", views.reply_edit, name="reply_edit"),
    path("t/<int:pk>/react/", views.react, name="react"),
    path("t/<int:pk>/follow/", views.follow_topic, name="follow_topic"),
    path("t/<int:pk>/accept/", views.accept, name="accept"),
    path("t/<int:pk>/report/", views.report, name="report"),
    path("t/<int:pk>/move/", views.move, name="move"),
    path("t/<int:pk>/do/<slug:action>/", views.moderate_topic, name="moderate_topic"),
    path("r/<int:pk>/", views.reply, name="reply"),
    path("r/<int:pk>/do/<slug:action>/", views.moderate_reply, name="moderate_reply"),
]
