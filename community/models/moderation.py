"""Flags raised by members and the log of every moderation action."""

from django.conf import settings
from django.db import models


class Flag(models.Model):
    """A member asked moderators to look at a post."""

    class Reason(models.TextChoices):
        OFF_TOPIC = "off_topic", "It is off topic"
        INAPPROPRIATE = "inappropriate", "It is rude, offensive or breaks the code of conduct"
        PERSONAL_DATA = "personal_data", "It shares personal or sensitive data"
        SPAM = "spam", "It is spam or advertising"
        OTHER = "other", "Something else"

    post = models.ForeignKey("community.Post", on_delete=models.CASCADE, related_name="flags")
    flagged_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    reason = models.CharField(max_length=20, choices=Reason.choices)
    detail = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["post", "flagged_by"],
                condition=models.Q(resolved_at__isnull=True),
                name="flag_open_once",
            )
        ]
        indexes = [models.Index(fields=["resolved_at", "post"], name="flag_open")]


class ModerationAction(models.Model):
    """Who did what to which topic or post, when and why. Never edited or deleted by the app."""

    class Action(models.TextChoices):
        HIDE = "hide", "Hid a post"
        UNHIDE = "unhide", "Unhid a post"
        AUTO_HIDE = "auto_hide", "Post hidden automatically after flags"
        DISMISS_FLAGS = "dismiss_flags", "Dismissed flags"
        LOCK = "lock", "Locked a topic"
        UNLOCK = "unlock", "Unlocked a topic"
        PIN = "pin", "Pinned a topic"
        UNPIN = "unpin", "Unpinned a topic"
        MOVE = "move", "Moved a topic"
        EDIT = "edit", "Edited someone else's post"
        ACCEPT = "accept", "Accepted an answer for the author"

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    action = models.CharField(max_length=20, choices=Action.choices)
    category = models.ForeignKey("community.Category", null=True, on_delete=models.SET_NULL, related_name="+")
    topic = models.ForeignKey("community.Topic", null=True, on_delete=models.SET_NULL, related_name="+")
    post = models.ForeignKey("community.Post", null=True, on_delete=models.SET_NULL, related_name="+")
    reason = models.TextField(blank=True)
    detail = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["category", "-created_at"], name="modlog_category")]
