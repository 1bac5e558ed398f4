from django.urls import path

from portal.desk import views

app_name = "desk"
urlpatterns = [
    path("", views.index, name="index"),
    path("new/", views.create, name="create"),
    path("stats/", views.stats, name="stats"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/edit/", views.edit, name="edit"),
    path("<int:pk>/post/", views.post, name="post"),
    path("<int:pk>/withdraw/", views.withdraw, name="withdraw"),
    path("<int:pk>/take-up/", views.take_up, name="take_up"),
    path("<int:pk>/assign/", views.assign, name="assign"),
    path("<int:pk>/forward/", views.forward, name="forward"),
    path("<int:pk>/return/", views.return_to_desk, name="return"),
    path("<int:pk>/messages/", views.message, name="message"),
    path("<int:pk>/offers/", views.make_offer, name="offer"),
    path("<int:pk>/offers/<int:offer_id>/accept/", views.accept_offer, name="accept_offer"),
    path("<int:pk>/offers/<int:offer_id>/decline/", views.decline_offer, name="decline_offer"),
    path("<int:pk>/resolve/", views.resolve, name="resolve"),
    path("<int:pk>/reopen/", views.reopen, name="reopen"),
    path("<int:pk>/close/", views.close, name="close"),
    path("<int:pk>/files/<int:attachment_id>/", views.attachment, name="attachment"),
]
