"""Forums (categories, topics, posts), reactions, notifications and moderation."""

from .forums import Category, MemberProfile, Post, PostRevision, Topic  # noqa: F401
from .images import PostImage  # noqa: F401
from .moderation import Flag, ModerationAction  # noqa: F401
from .notifications import (  # noqa: F401
    CategoryMute,
    CategoryWatch,
    Notification,
    NotificationPreference,
    TopicMute,
    TopicWatch,
)
from .reactions import Like, TopicReadState  # noqa: F401
