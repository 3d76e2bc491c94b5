"""Forums (categories, topics, posts), reactions, notifications and moderation."""

from .forums import Category, MemberProfile, Post, PostRevision, Topic  # noqa: F401
from .moderation import Flag, ModerationAction  # noqa: F401
from .notifications import (  # noqa: F401
    CategoryWatch,
    Notification,
    NotificationPreference,
    TopicWatch,
)
from .reactions import Like, TopicReadState  # noqa: F401
