"""What the community holds about a member. Posts and topics stay, attributed to "Former member"."""

from django.db.models import F

from home.personal_data import CUSTOM, DETACH, Source
from home.services import former_member_user


def _reattribute(model_label: str, field: str):
    def eraser(user) -> None:
        from django.apps import apps

        apps.get_model(model_label)._default_manager.filter(**{field: user}).update(
            **{field: former_member_user()}
        )

    return eraser


def _remove_likes(user) -> None:
    """Delete the member's likes and keep the posts' and topics' like counts exact."""
    from community.models import Like, Post, Topic

    for like in Like.objects.filter(user=user).select_related("post"):
        Post.objects.filter(pk=like.post_id).update(like_count=F("like_count") - 1)
        Topic.objects.filter(pk=like.post.topic_id).update(like_count=F("like_count") - 1)
        like.delete()


SOURCES = [
    Source(
        "community.Topic",
        "author",
        erase=CUSTOM,
        eraser=_reattribute("community.Topic", "author"),
        export_fields=("id", "title", "created_at"),
        label="forum_topics",
    ),
    Source(
        "community.Post",
        "author",
        erase=CUSTOM,
        eraser=_reattribute("community.Post", "author"),
        export_fields=("id", "topic_id", "number", "source", "created_at", "edited_at"),
        label="forum_posts",
    ),
    Source(
        "community.PostRevision",
        "edited_by",
        erase=CUSTOM,
        eraser=_reattribute("community.PostRevision", "edited_by"),
        label="forum_post_edits",
    ),
    Source("community.Like", "user", erase=CUSTOM, eraser=_remove_likes, label="forum_likes"),
    Source("community.Flag", "flagged_by", label="forum_flags_raised"),
    Source(
        "community.Flag",
        "resolved_by",
        erase=DETACH,
        export_fields=("id", "resolved_at"),
        label="forum_flags_resolved",
    ),
    Source("community.ModerationAction", "actor", erase=DETACH, label="moderation_actions"),
    Source("community.Notification", "recipient", label="notifications"),
    Source(
        "community.Notification",
        "actor",
        erase=DETACH,
        export_fields=("id", "kind", "created_at"),
        label="notifications_caused",
    ),
    Source("community.NotificationPreference", "user", label="notification_preferences"),
    Source("community.CategoryWatch", "user", label="category_watches"),
    Source("community.TopicWatch", "user", label="topic_watches"),
    Source("community.TopicReadState", "user", label="topics_read"),
    Source("community.MemberProfile", "user", label="community_profile"),
]
