from django.urls import path

from portal.research import views

app_name = "research"
urlpatterns = [
    path("", views.index, name="index"),
    path("topics/propose/", views.topic_propose, name="topic_propose"),
    path("topics/<int:pk>/", views.topic, name="topic"),
    path("topics/<int:pk>/<slug:action>/", views.topic_action, name="topic_action"),
    path("studies/new/", views.study_new, name="study_new_sidbi"),
    path("associations/<slug:slug>/studies/new/", views.study_new, name="study_new"),
    path("studies/<int:pk>/", views.study, name="study"),
    path("studies/<int:pk>/manage/", views.manage, name="manage"),
    path("studies/<int:pk>/questions/<int:question_pk>/delete/", views.question_delete, name="question_delete"),
    path("studies/<int:pk>/do/<slug:action>/", views.study_action, name="study_action"),
    path("studies/<int:pk>/results/", views.results_page, name="results"),
    path("studies/<int:pk>/results.<slug:fmt>", views.export, name="export"),
    path("studies/<int:pk>/files/<int:answer_pk>/", views.answer_file, name="answer_file"),
    path("studies/<int:pk>/publish/", views.publish, name="publish"),
    path("studies/<int:pk>/report.pdf", views.report, name="report"),
]
