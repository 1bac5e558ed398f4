from django.urls import path

from portal.learning import views

app_name = "learning"
urlpatterns = [
    path("", views.index, name="index"),
    path("bookmarks/", views.bookmarks, name="bookmarks"),
    path("mine/", views.mine, name="mine"),
    path("new/", views.resource_new, name="resource_new_national"),
    path("associations/<slug:slug>/new/", views.resource_new, name="resource_new"),
    path("r/<int:pk>/", views.resource, name="resource"),
    path("r/<int:pk>/file/", views.resource_file, name="resource_file"),
    path("r/<int:pk>/edit/", views.resource_edit, name="resource_edit"),
    path("r/<int:pk>/bookmark/", views.bookmark, name="bookmark"),
    path("r/<int:pk>/do/<slug:action>/", views.resource_action, name="resource_action"),
    path("series/new/", views.series_new, name="series_new_national"),
    path("associations/<slug:slug>/series/new/", views.series_new, name="series_new"),
    path("series/<slug:slug>/", views.series, name="series"),
    path("paths/", views.paths, name="paths"),
    path("paths/new/", views.path_new, name="path_new"),
    path("paths/<slug:slug>/", views.path, name="path"),
    path("paths/<slug:slug>/continue/", views.path_continue, name="path_continue"),
    path("paths/<slug:slug>/manage/", views.path_manage, name="path_manage"),
    path("paths/<slug:slug>/do/<slug:action>/", views.path_action, name="path_action"),
    path("paths/<slug:slug>/steps/<int:step_pk>/<slug:action>/", views.step_done, name="step"),
    path(
        "paths/<slug:slug>/manage/steps/<int:step_pk>/<slug:action>/", views.path_step_action, name="path_step_action"
    ),
]
