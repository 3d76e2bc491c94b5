"""Forum reads: lists of categories and topics, a topic's page of posts, unread markers (search: search.py)."""

from django.core.paginator import Paginator
from django.db.models import Q

from .models import Category, Like, MemberProfile, Notification, Post, Topic, TopicReadState
from .permissions import topics_visible_to

POSTS_PER_PAGE = 20
TOPICS_PER_PAGE = 30


def category_list():
    """Every category with its last post, in one query."""
    return Category.objects.select_related("last_post__topic", "last_post__author")


def _visible_topics(user):
    return topics_visible_to(user, Topic.objects.select_related("category", "author", "last_post__author"))


def category_topics(*, category: Category, user):
    return _visible_topics(user).filter(category=category).order_by("-is_pinned", "-last_post_at", "-pk")


def latest_topics(*, user):
    return _visible_topics(user).order_by("-last_post_at", "-pk")


def unanswered_topics(*, user):
    return latest_topics(user=user).filter(reply_count=0, accepted_post__isnull=True)


def my_topics(*, user):
    """Topics the user started or replied in, most recently active first."""
    posted_in = Post.objects.filter(author=user).values("topic_id")
    return latest_topics(user=user).filter(Q(author=user) | Q(pk__in=posted_in))


def with_unread(*, topics, user) -> list[Topic]:
    """Set `unread` (posts since last visit) and `is_new` (never opened) on each topic, in one query."""
    topics = list(topics)
    seen = dict(
        TopicReadState.objects.filter(user=user, topic__in=[t.pk for t in topics]).values_list(
            "topic_id", "last_read_number"
        )
    )
    for topic in topics:
        last = seen.get(topic.pk)
        topic.is_new = last is None
        topic.unread = 0 if last is None else max(topic.post_count - last, 0)
    return topics


class _NumberedPosts:
    """A topic's posts as a sequence sliced by post number, so any page costs the same (no OFFSET scan)."""

    def __init__(self, topic: Topic):
        self.topic = topic

    def count(self) -> int:
        return self.topic.post_count

    def __len__(self) -> int:
        return self.topic.post_count

    def __getitem__(self, item):
        if not isinstance(item, slice):
            raise TypeError("Posts are read a page at a time")
        return list(
            Post.objects.filter(topic=self.topic, number__gt=item.start, number__lte=item.stop)
            .select_related("author__forum_profile", "reply_to__author")
            .order_by("number")
        )


def topic_page(*, topic: Topic, page_number):
    paginator = Paginator(_NumberedPosts(topic), POSTS_PER_PAGE)
    return paginator, paginator.get_page(page_number)


def page_for_post_number(number: int) -> int:
    return (number - 1) // POSTS_PER_PAGE + 1


def liked_post_ids(*, user, posts) -> set[int]:
    return set(
        Like.objects.filter(user=user, post__in=[p.pk for p in posts]).values_list("post_id", flat=True)
    )


def last_read_number(*, user, topic: Topic) -> int | None:
    return (
        TopicReadState.objects.filter(user=user, topic=topic)
        .values_list("last_read_number", flat=True)
        .first()
    )


def accepted_answer_counts(*, users) -> dict[int, int]:
    """Accepted answers per user id (the champions directory shows them)."""
    return dict(MemberProfile.objects.filter(user__in=users).values_list("user_id", "accepted_answer_count"))


def recent_notifications(*, user):
    return Notification.objects.filter(recipient=user).select_related("actor", "post__topic")
