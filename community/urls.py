from django.urls import path

from . import views

app_name = "community"

urlpatterns = [
    path("", views.index, name="index"),
    path("latest/", views.latest, name="latest"),
    path("unanswered/", views.unanswered, name="unanswered"),
    path("mine/", views.mine, name="mine"),
    path("search/", views.search, name="search"),
    path("c/<slug:slug>/", views.category, name="category"),
    path("c/<slug:slug>/new/", views.topic_new, name="topic_new"),
    path("c/<slug:slug>/watch/", views.category_watch, name="category_watch"),
    path("c/<slug:slug>/mute/", views.category_mute, name="category_mute"),
    path("t/<int:pk>/", views.topic, name="topic_short"),
    path("t/<int:pk>/last/", views.topic_last, name="topic_last"),
    path("t/<int:pk>/reply/", views.reply, name="reply"),
    path("t/<int:pk>/watch/", views.topic_watch, name="topic_watch"),
    path("t/<int:pk>/mute/", views.topic_mute, name="topic_mute"),
    path("t/<int:pk>/moderate/", views.topic_moderate, name="topic_moderate"),
    path("t/<int:pk>/<slug:slug>/", views.topic, name="topic"),
    path("p/<int:pk>/", views.post_permalink, name="post"),
    path("p/<int:pk>/edit/", views.post_edit, name="post_edit"),
    path("p/<int:pk>/history/", views.post_history, name="post_history"),
    path("p/<int:pk>/like/", views.post_like, name="post_like"),
    path("p/<int:pk>/accept/", views.post_accept, name="post_accept"),
    path("p/<int:pk>/flag/", views.post_flag, name="post_flag"),
    path("p/<int:pk>/hide/", views.post_hide, name="post_hide"),
    path("p/<int:pk>/dismiss-flags/", views.flags_dismiss, name="flags_dismiss"),
    path("preview/", views.preview, name="preview"),
    path("images/<uuid:key>/", views.image, name="image"),
    path("moderation/", views.moderation_queue, name="moderation"),
    path("moderation/log/", views.moderation_log, name="moderation_log"),
    path("notifications/", views.notification_list, name="notifications"),
    path("notifications/read/", views.notifications_mark_read, name="notifications_mark_read"),
    path("notifications/settings/", views.notification_settings, name="notification_settings"),
    path("notifications/<int:pk>/", views.notification_open, name="notification_open"),
    path("unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("u/<slug:handle>/", views.profile, name="profile"),
    path("discuss/<int:page_id>/", views.discuss_page, name="discuss"),
]
