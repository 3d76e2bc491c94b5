"""Moderation writes: flags, hiding, locking, pinning and moving. Every action is logged with who, when, why."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, F, Max, Prefetch
from django.utils import timezone

from home.permissions import require

from .models import Category, Flag, MemberProfile, ModerationAction, Post, Topic
from .services import _log

Action = ModerationAction.Action


def post_flag(*, user, post: Post, reason: str, detail: str = "") -> Flag:
    """Ask moderators to review `post`. At the flag limit the post is hidden until a moderator decides."""
    require(user, "flag_post", post)
    if reason not in Flag.Reason.values:
        raise ValidationError({"reason": "Select why you are flagging this post"})
    detail = (detail or "").strip()
    if reason == Flag.Reason.OTHER and not detail:
        raise ValidationError({"detail": "Tell the moderators what is wrong with this post"})
    if len(detail) > 1000:
        raise ValidationError({"detail": "Your note must be 1,000 characters or fewer"})
    with transaction.atomic():
        try:
            with transaction.atomic():
                flag = Flag.objects.create(post=post, flagged_by=user, reason=reason, detail=detail)
        except IntegrityError:
            raise ValidationError(
                {"reason": "You have already flagged this post; a moderator will review it"}
            ) from None
        Post.objects.filter(pk=post.pk).update(open_flag_count=F("open_flag_count") + 1)
        post.refresh_from_db(fields=["open_flag_count", "is_hidden"])
        if not post.is_hidden and post.open_flag_count >= settings.COMMUNITY_AUTO_HIDE_FLAGS:
            _set_hidden(post=post, hidden=True)
            _log(
                actor=None,
                action=Action.AUTO_HIDE,
                post=post,
                reason=f"{post.open_flag_count} members flagged it",
            )
    return flag


def _resolve_flags(*, actor, post: Post) -> int:
    count = Flag.objects.filter(post=post, resolved_at__isnull=True).update(
        resolved_at=timezone.now(), resolved_by=actor
    )
    Post.objects.filter(pk=post.pk).update(open_flag_count=0)
    post.open_flag_count = 0
    return count


def _require_reason(reason: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": "Enter a reason: it is kept in the moderation log"})
    if len(reason) > 1000:
        raise ValidationError({"reason": "The reason must be 1,000 characters or fewer"})
    return reason


def post_hide(*, actor, post: Post, reason: str) -> None:
    """Hide a post (and its topic, if it is the first post); open flags on it are resolved."""
    require(actor, "hide_post", post)
    reason = _require_reason(reason)
    with transaction.atomic():
        _set_hidden(post=post, hidden=True)
        _resolve_flags(actor=actor, post=post)
        _log(actor=actor, action=Action.HIDE, post=post, reason=reason)


def post_unhide(*, actor, post: Post, reason: str) -> None:
    """Show a hidden post again; open flags on it are dismissed."""
    require(actor, "hide_post", post)
    reason = _require_reason(reason)
    with transaction.atomic():
        _set_hidden(post=post, hidden=False)
        _resolve_flags(actor=actor, post=post)
        _log(actor=actor, action=Action.UNHIDE, post=post, reason=reason)


def flags_dismiss(*, actor, post: Post, reason: str) -> int:
    """Decide a flagged post is fine: resolve its open flags and leave it visible."""
    require(actor, "hide_post", post)
    reason = _require_reason(reason)
    with transaction.atomic():
        count = _resolve_flags(actor=actor, post=post)
        _log(actor=actor, action=Action.DISMISS_FLAGS, post=post, reason=reason, detail=f"{count} flags")
    return count


def _set_hidden(*, post: Post, hidden: bool) -> None:
    Post.objects.filter(pk=post.pk).update(is_hidden=hidden)
    post.is_hidden = hidden
    topic = Topic.objects.select_for_update().get(pk=post.topic_id)
    if post.number == 1:
        topic.is_hidden = hidden
    if hidden and topic.accepted_post_id == post.pk:
        topic.accepted_post = None
        if post.author_id:
            MemberProfile.objects.filter(user_id=post.author_id).update(
                accepted_answer_count=F("accepted_answer_count") - 1
            )
    topic.reply_count = topic.posts.filter(number__gt=1, is_hidden=False).count()
    topic.save(update_fields=["is_hidden", "accepted_post", "reply_count"])
    post.topic = topic


def topic_lock_set(*, actor, topic: Topic, locked: bool, reason: str) -> None:
    """Lock (no more replies except from moderators) or unlock a topic."""
    require(actor, "lock_topic", topic)
    reason = _require_reason(reason)
    with transaction.atomic():
        Topic.objects.filter(pk=topic.pk).update(is_locked=locked)
        topic.is_locked = locked
        _log(actor=actor, action=Action.LOCK if locked else Action.UNLOCK, topic=topic, reason=reason)


def topic_pin_set(*, actor, topic: Topic, pinned: bool, reason: str) -> None:
    """Pin a topic to the top of its category, or unpin it."""
    require(actor, "pin_topic", topic)
    reason = _require_reason(reason)
    with transaction.atomic():
        Topic.objects.filter(pk=topic.pk).update(is_pinned=pinned)
        topic.is_pinned = pinned
        _log(actor=actor, action=Action.PIN if pinned else Action.UNPIN, topic=topic, reason=reason)


def topic_move(*, actor, topic: Topic, category: Category, reason: str) -> None:
    """Move a topic to another category the moderator also moderates; both categories' counts are redone."""
    require(actor, "move_topic", topic)
    require(actor, "moderate_category", category)
    reason = _require_reason(reason)
    if category.pk == topic.category_id:
        raise ValidationError({"category": "Choose a different category from the one the topic is in"})
    source = topic.category
    with transaction.atomic():
        Topic.objects.filter(pk=topic.pk).update(category=category)
        topic.category = category
        for cat in (source, category):
            category_refresh_counters(category=cat)
        _log(
            actor=actor,
            action=Action.MOVE,
            topic=topic,
            category=source,
            reason=reason,
            detail=f"from {source.name} to {category.name}",
        )


def category_refresh_counters(*, category: Category) -> None:
    """Recount a category's topics and posts and find its last post (after a move)."""
    totals = Topic.objects.filter(category=category).aggregate(
        topics=Count("pk"), posts=Count("posts"), last=Max("last_post_id")
    )
    Category.objects.filter(pk=category.pk).update(
        topic_count=totals["topics"], post_count=totals["posts"], last_post_id=totals["last"]
    )


def open_flag_posts(*, categories=None):
    """Posts with open flags or hidden awaiting review, for a moderation queue (None = every category)."""
    qs = Post.objects.filter(open_flag_count__gt=0)
    if categories is not None:
        qs = qs.filter(topic__category__in=categories)
    open_flags = Flag.objects.filter(resolved_at__isnull=True).select_related("flagged_by")
    return (
        qs.select_related("topic__category", "author")
        .prefetch_related(Prefetch("flags", queryset=open_flags, to_attr="open_flags"))
        .order_by("-open_flag_count", "created_at")
    )
