"""Likes and how far each member has read each topic (unread markers)."""

from django.conf import settings
from django.db import models


class Like(models.Model):
    """A member liked a post (once)."""

    post = models.ForeignKey("community.Post", on_delete=models.CASCADE, related_name="likes")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "post"], name="like_once")]


class TopicReadState(models.Model):
    """The highest post number a member has seen in a topic."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    topic = models.ForeignKey("community.Topic", on_delete=models.CASCADE, related_name="+")
    last_read_number = models.PositiveIntegerField(default=0)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "topic"], name="read_state_once")]
