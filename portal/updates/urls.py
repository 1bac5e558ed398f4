from django.urls import path

from portal.updates import feeds, views

app_name = "updates"
urlpatterns = [
    path("", views.feed, name="feed"),
    path("archive/", views.archive, name="archive"),
    path("manage/", views.manage, name="manage"),
    path("new/", views.create, name="create"),
    path("association/<slug:slug>/new/", views.create_for_association, name="create_for_association"),
    path("follow/", views.follow, name="follow"),
    path("recognitions/", views.recognitions, name="recognitions"),
    path("recognitions/new/", views.recognition_create, name="recognition_create"),
    path("feed/", feeds.PublicUpdatesFeed(), name="atom"),
    path("feed/sector/<slug:slug>/", feeds.SectorFeed(), name="atom_sector"),
    path("feed/association/<slug:slug>/", feeds.AssociationFeed(), name="atom_association"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/attachment/", views.attachment, name="attachment"),
    path("<int:pk>/edit/", views.edit, name="edit"),
    path("<int:pk>/publish/", views.publish, name="publish"),
    path("<int:pk>/withdraw/", views.withdraw, name="withdraw"),
    path("<int:pk>/progress/", views.progress, name="progress"),
]
