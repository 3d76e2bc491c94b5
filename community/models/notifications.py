"""What members watch, what they are told, and how they want email."""

from django.conf import settings
from django.db import models


class TopicWatch(models.Model):
    """Tell me about every reply in this topic (set when you start or reply to a topic)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    topic = models.ForeignKey("community.Topic", on_delete=models.CASCADE, related_name="watches")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "topic"], name="topic_watch_once")]


class CategoryWatch(models.Model):
    """Tell me about every new topic in this category."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    category = models.ForeignKey("community.Category", on_delete=models.CASCADE, related_name="watches")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "category"], name="category_watch_once")]


class TopicMute(models.Model):
    """Never tell me about this topic, not even when I am mentioned in it."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    topic = models.ForeignKey("community.Topic", on_delete=models.CASCADE, related_name="mutes")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "topic"], name="topic_mute_once")]


class CategoryMute(models.Model):
    """Never tell me about anything in this category."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    category = models.ForeignKey("community.Category", on_delete=models.CASCADE, related_name="mutes")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "category"], name="category_mute_once")]


class Notification(models.Model):
    """One thing a member should know about. At most one per member per post."""

    class Kind(models.TextChoices):
        MENTION = "mention", "mentioned you"
        REPLY = "reply", "replied to your topic"
        WATCHED_REPLY = "watched_reply", "replied in a topic you watch"
        NEW_TOPIC = "new_topic", "started a topic in a category you watch"
        ACCEPTED = "accepted", "accepted your answer"

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="forum_notifications"
    )
    kind = models.CharField(max_length=20, choices=Kind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    post = models.ForeignKey("community.Post", on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)
    # Failed sends (mail server down): how many, and when the next try is due (None: not waiting for one).
    email_attempts = models.PositiveSmallIntegerField(default=0)
    email_retry_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["recipient", "post"], name="notification_once"),
        ]
        indexes = [
            models.Index(fields=["recipient", "read_at"], name="notification_unread"),
            models.Index(fields=["recipient", "-created_at"], name="notification_recent"),
            models.Index(fields=["emailed_at", "read_at"], name="notification_digest"),
            models.Index(fields=["email_retry_at"], name="notification_email_retry"),
        ]


class NotificationPreference(models.Model):
    """How a member wants forum notifications by email."""

    class Email(models.TextChoices):
        IMMEDIATE = "immediate", "Straight away"
        DAILY = "daily", "Once a day, in a digest"
        OFF = "off", "Never: I will check the site"

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="forum_notification_preference"
    )
    email = models.CharField(max_length=10, choices=Email.choices, default=Email.IMMEDIATE)
    # Which kinds of notification the member wants at all (on the site and by email).
    mentions = models.BooleanField(default=True, help_text="Someone mentions me with @ and my handle.")
    replies = models.BooleanField(default=True, help_text="Someone replies to a topic I started.")
    watched = models.BooleanField(
        default=True, help_text="Replies in topics I watch and new topics in categories I watch."
    )
    updated_at = models.DateTimeField(auto_now=True)
