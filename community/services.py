"""Forum writes: topics, posts, edits, likes, accepted answers, read markers and watching.

Every function checks its permission first (so a view cannot forget), validates, then writes inside one
transaction. Counters on topics, categories and profiles are kept in step here, with row locks where
concurrent posts would race.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.text import slugify

from home.permissions import require

from . import images, notifications
from .markup import link_count, mentioned_handles, render_markdown
from .models import (
    Category,
    CategoryWatch,
    Like,
    MemberProfile,
    ModerationAction,
    Post,
    PostRevision,
    Topic,
    TopicMute,
    TopicReadState,
    TopicWatch,
)
from .permissions import exempt_from_new_account_limits, moderates

TITLE_MIN, TITLE_MAX = 10, 200
BODY_MIN, BODY_MAX = 2, 20_000


# --- Profiles and mentions ---------------------------------------------------------------------


def profile_for(*, user) -> MemberProfile:
    """The member's forum profile, created with a unique @handle from their name on first use."""
    try:
        return user.forum_profile
    except MemberProfile.DoesNotExist:
        pass
    base = slugify(user.display_name).replace("_", "-")[:24].strip("-") or "member"
    if len(base) < 3:
        base = f"{base}-member"
    for n in range(1, 1000):
        handle = base if n == 1 else f"{base}{n}"
        try:
            with transaction.atomic():
                profile = MemberProfile.objects.create(user=user, handle=handle)
        except IntegrityError:
            existing = MemberProfile.objects.filter(user=user).first()
            if existing:
                return existing
            continue
        user.forum_profile = profile
        return profile
    raise RuntimeError("Could not find a free handle")


def _known_handles(wanted: set[str]) -> set[str]:
    if not wanted:
        return set()
    return set(
        MemberProfile.objects.filter(handle__in=wanted, user__is_active=True).values_list("handle", flat=True)
    )


def _render(source: str) -> tuple[str, set[str]]:
    """Rendered HTML (every real member's @handle linked, quoted ones too) and the handles the author
    mentioned in their own words, outside quotes: only those are told."""
    known = _known_handles(mentioned_handles(source, include_quotes=True))
    return render_markdown(source, mentions=known), mentioned_handles(source) & known


def preview_html(*, user, source: str) -> str:
    """What `source` will look like once posted: the same renderer and the same mention links."""
    require(user, "view_forum")
    source = (source or "").replace("\r\n", "\n")[:BODY_MAX]
    return _render(source)[0]


# fn(*, batch_size: int) -> tuple[str, int]: another app's Markdown (e.g. champions' bios) rendered again from
# its source with the current renderer; returns (what, rows changed). Run by `rerender_posts` after the posts.
MARKDOWN_RERENDER_HOOK = "academy_markdown_rerender"


def markdown_rerender(*, batch_size: int = 500) -> list[tuple[str, int]]:
    """Posts and every other registered Markdown source rendered again; (what, rows changed) for each."""
    from wagtail import hooks

    results = [("posts", posts_rerender(batch_size=batch_size))]
    results += [fn(batch_size=batch_size) for fn in hooks.get_hooks(MARKDOWN_RERENDER_HOOK)]
    return results


def posts_rerender(*, batch_size: int = 500) -> int:
    """Render every post and earlier version again from its source (after the renderer changed).
    Returns how many rows changed; unchanged rows are not written."""
    changed = 0
    for model in (Post, PostRevision):
        batch = []
        for row in model.objects.only("pk", "source", "html").iterator(chunk_size=batch_size):
            html = _render(row.source)[0]
            if html != row.html:
                row.html = html
                batch.append(row)
            if len(batch) >= batch_size:
                changed += model.objects.bulk_update(batch, ["html"])
                batch = []
        changed += model.objects.bulk_update(batch, ["html"]) if batch else 0
    return changed


# --- Validation and limits ---------------------------------------------------------------------


def _clean_body(source: str) -> str:
    source = (source or "").replace("\r\n", "\n").strip()
    if len(source) < BODY_MIN:
        raise ValidationError({"body": "Enter your message"})
    if len(source) > BODY_MAX:
        raise ValidationError({"body": f"Your message must be {BODY_MAX:,} characters or fewer"})
    return source


def _clean_title(title: str) -> str:
    title = " ".join((title or "").split())
    if len(title) < TITLE_MIN:
        raise ValidationError({"title": f"Enter a title of at least {TITLE_MIN} characters"})
    if len(title) > TITLE_MAX:
        raise ValidationError({"title": f"The title must be {TITLE_MAX} characters or fewer"})
    return title


def is_new_account(user) -> bool:
    """A recent account, or one with few posts, until it has shown it is a person taking part in good faith."""
    if exempt_from_new_account_limits(user):
        return False
    young = user.date_joined > timezone.now() - timedelta(days=settings.COMMUNITY_NEW_ACCOUNT_DAYS)
    return young or profile_for(user=user).post_count < settings.COMMUNITY_NEW_ACCOUNT_POSTS


def _check_limits(*, user, source: str, mentions: set[str]) -> None:
    """Rate limits for everyone; tighter link, mention and hourly limits for new accounts."""
    new = is_new_account(user)
    hour_ago = timezone.now() - timedelta(hours=1)
    recent = Post.objects.filter(author=user, created_at__gte=hour_ago).count()
    per_hour = settings.COMMUNITY_NEW_ACCOUNT_POSTS_PER_HOUR if new else settings.COMMUNITY_POSTS_PER_HOUR
    if recent >= per_hour:
        raise ValidationError(
            {
                "body": f"You have posted {recent} times in the last hour, the most allowed. Please wait a while."
            }
        )
    if not new:
        return
    if link_count(source) > settings.COMMUNITY_NEW_ACCOUNT_MAX_LINKS:
        raise ValidationError(
            {
                "body": f"New members can include up to {settings.COMMUNITY_NEW_ACCOUNT_MAX_LINKS} links in a post"
            }
        )
    if len(mentions) > settings.COMMUNITY_NEW_ACCOUNT_MAX_MENTIONS:
        raise ValidationError(
            {
                "body": f"New members can mention up to {settings.COMMUNITY_NEW_ACCOUNT_MAX_MENTIONS} people in a post"
            }
        )


# --- Topics and posts --------------------------------------------------------------------------


def _add_post(*, topic: Topic, author, source: str, html: str, reply_to=None) -> Post:
    """Append a post, numbering it under the topic's row lock, and bring every counter up to date."""
    locked = Topic.objects.select_for_update().get(pk=topic.pk)
    number = locked.post_count + 1
    post = Post.objects.create(
        topic=locked, number=number, author=author, source=source, html=html, reply_to=reply_to
    )
    Topic.objects.filter(pk=topic.pk).update(
        post_count=number,
        reply_count=F("reply_count") + (1 if number > 1 else 0),
        last_post=post,
        last_post_at=post.created_at,
    )
    Category.objects.filter(pk=locked.category_id).update(post_count=F("post_count") + 1)
    # Posts in other topics of the category commit in any order: keep the newest as "last post".
    Category.objects.filter(pk=locked.category_id).filter(
        Q(last_post__isnull=True) | Q(last_post_id__lt=post.pk)
    ).update(last_post=post)
    if author is not None:
        MemberProfile.objects.filter(user=author).update(post_count=F("post_count") + 1)
    topic.refresh_from_db()
    post.topic = topic
    return post


def topic_create(*, user, category: Category, title: str, source: str) -> Topic:
    """Start a topic with its first post; the author watches it; watchers of the category are told."""
    require(user, "create_topic", category)
    title = _clean_title(title)
    source = _clean_body(source)
    profile_for(user=user)
    html, mentions = _render(source)
    _check_limits(user=user, source=source, mentions=mentions)
    with transaction.atomic():
        topic = Topic.objects.create(category=category, title=title, author=user)
        Category.objects.filter(pk=category.pk).update(topic_count=F("topic_count") + 1)
        post = _add_post(topic=topic, author=user, source=source, html=html)
        images.attach_to_post(post=post)
        TopicWatch.objects.get_or_create(user=user, topic=topic)
        TopicReadState.objects.update_or_create(user=user, topic=topic, defaults={"last_read_number": 1})
        notifications.notify_new_post(post=post, mentions=mentions)
    return topic


def post_create(*, user, topic: Topic, source: str, reply_to: Post | None = None) -> Post:
    """Reply to a topic. The replier starts watching it; mentioned, author and watchers are told once each."""
    require(user, "reply_topic", topic)
    source = _clean_body(source)
    profile_for(user=user)
    html, mentions = _render(source)
    _check_limits(user=user, source=source, mentions=mentions)
    if reply_to is not None and reply_to.topic_id != topic.pk:
        reply_to = None
    with transaction.atomic():
        post = _add_post(topic=topic, author=user, source=source, html=html, reply_to=reply_to)
        images.attach_to_post(post=post)
        if not TopicMute.objects.filter(user=user, topic=topic).exists():
            TopicWatch.objects.get_or_create(user=user, topic=topic)
        # Your own reply is not "new since your last visit" (if you had read up to it).
        TopicReadState.objects.filter(user=user, topic=topic, last_read_number=post.number - 1).update(
            last_read_number=post.number, updated_at=timezone.now()
        )
        notifications.notify_new_post(post=post, mentions=mentions)
    return post


def post_edit(*, user, post: Post, source: str, reason: str = "") -> Post:
    """Change a post's text, keeping the previous version in its history. Newly mentioned members are told."""
    require(user, "edit_post", post)
    source = _clean_body(source)
    if source == post.source:
        return post
    html, mentions = _render(source)
    if post.author_id == user.pk:
        _check_limits_for_edit(user=user, source=source, mentions=mentions)
    new_mentions = mentions - mentioned_handles(post.source)
    with transaction.atomic():
        PostRevision.objects.create(
            post=post, source=post.source, html=post.html, edited_by=user, reason=reason[:200]
        )
        post.source, post.html = source, html
        post.edited_at = timezone.now()
        post.edit_count = F("edit_count") + 1
        post.save(update_fields=["source", "html", "edited_at", "edit_count"])
        post.refresh_from_db(fields=["edit_count"])
        images.attach_to_post(post=post)
        if post.author_id != user.pk:
            _log(actor=user, action=ModerationAction.Action.EDIT, post=post, reason=reason)
        notifications.notify_new_post(post=post, mentions=new_mentions, mentions_only=True)
    return post


def _check_limits_for_edit(*, user, source: str, mentions: set[str]) -> None:
    if not is_new_account(user):
        return
    if link_count(source) > settings.COMMUNITY_NEW_ACCOUNT_MAX_LINKS:
        raise ValidationError(
            {
                "body": f"New members can include up to {settings.COMMUNITY_NEW_ACCOUNT_MAX_LINKS} links in a post"
            }
        )
    if len(mentions) > settings.COMMUNITY_NEW_ACCOUNT_MAX_MENTIONS:
        raise ValidationError(
            {
                "body": f"New members can mention up to {settings.COMMUNITY_NEW_ACCOUNT_MAX_MENTIONS} people in a post"
            }
        )


def quote_source(*, post: Post) -> str:
    """Markdown that quotes `post` in a reply."""
    name = post.author.display_name if post.author else "Data Academy"
    quoted = "\n".join(f"> {line}" if line else ">" for line in post.source.splitlines())
    return f"> **{name}** wrote:\n>\n{quoted}\n\n"


# --- Likes and answers -------------------------------------------------------------------------


def post_like_toggle(*, user, post: Post) -> bool:
    """Like the post, or take the like back. Returns whether the user now likes it."""
    require(user, "like_post", post)
    with transaction.atomic():
        deleted, _ = Like.objects.filter(user=user, post=post).delete()
        delta = -1 if deleted else 1
        if not deleted:
            Like.objects.create(user=user, post=post)
        Post.objects.filter(pk=post.pk).update(like_count=F("like_count") + delta)
        Topic.objects.filter(pk=post.topic_id).update(like_count=F("like_count") + delta)
        if post.author_id:
            MemberProfile.objects.filter(user_id=post.author_id).update(
                like_received_count=F("like_received_count") + delta
            )
    post.refresh_from_db(fields=["like_count"])
    return not deleted


def post_accept_toggle(*, user, post: Post) -> bool:
    """Mark `post` as the topic's accepted answer (replacing any other), or unmark it. Returns accepted."""
    require(user, "accept_post", post)
    with transaction.atomic():
        topic = Topic.objects.select_for_update().get(pk=post.topic_id)
        previous = topic.accepted_post
        accept = previous is None or previous.pk != post.pk
        if previous is not None and previous.author_id:
            MemberProfile.objects.filter(user_id=previous.author_id).update(
                accepted_answer_count=F("accepted_answer_count") - 1
            )
        topic.accepted_post = post if accept else None
        topic.save(update_fields=["accepted_post"])
        if accept and post.author_id:
            profile_for(user=post.author)
            MemberProfile.objects.filter(user_id=post.author_id).update(
                accepted_answer_count=F("accepted_answer_count") + 1
            )
            notifications.notify_accepted(post=post, actor=user)
        if user.pk != topic.author_id:
            _log(actor=user, action=ModerationAction.Action.ACCEPT, post=post, reason="", detail=str(accept))
    post.topic.accepted_post = topic.accepted_post
    return accept


# --- Reading and watching ----------------------------------------------------------------------


def topic_mark_read(*, user, topic: Topic, number: int) -> None:
    """Remember that `user` has seen posts up to `number` (never moves backwards)."""
    updated = TopicReadState.objects.filter(user=user, topic=topic, last_read_number__lt=number).update(
        last_read_number=number, updated_at=timezone.now()
    )
    if not updated:
        try:
            with transaction.atomic():
                TopicReadState.objects.get_or_create(
                    user=user, topic=topic, defaults={"last_read_number": number}
                )
        except IntegrityError:
            pass


def topic_watch_set(*, user, topic: Topic, watch: bool) -> None:
    """Start or stop watching a topic (watching unmutes it)."""
    require(user, "view_forum")
    if watch:
        notifications.topic_mute_set(user=user, topic=topic, mute=False)
        TopicWatch.objects.get_or_create(user=user, topic=topic)
    else:
        TopicWatch.objects.filter(user=user, topic=topic).delete()


def category_watch_set(*, user, category: Category, watch: bool) -> None:
    """Start or stop watching a category for new topics."""
    require(user, "view_forum")
    if watch:
        notifications.category_mute_set(user=user, category=category, mute=False)
        CategoryWatch.objects.get_or_create(user=user, category=category)
    else:
        CategoryWatch.objects.filter(user=user, category=category).delete()


def topic_mute_set(*, user, topic: Topic, mute: bool) -> None:
    """Mute a topic: no notifications from it at all, mentions included. Muting stops watching."""
    require(user, "view_forum")
    notifications.topic_mute_set(user=user, topic=topic, mute=mute)


def category_mute_set(*, user, category: Category, mute: bool) -> None:
    """Mute a category: no notifications from any topic in it. Muting stops watching."""
    require(user, "view_forum")
    notifications.category_mute_set(user=user, category=category, mute=mute)


# --- Lesson discussions ------------------------------------------------------------------------


def category_for_page(*, page) -> Category:
    """The category linked to `page` (a course), created on first use."""
    category = Category.objects.filter(page=page).first()
    if category is not None:
        return category
    base = f"course-{page.slug}"[:90]
    slug, n = base, 1
    while Category.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    try:
        with transaction.atomic():
            return Category.objects.create(
                name=page.title[:100],
                slug=slug,
                page=page,
                description=f"Questions and discussion about the course “{page.title}”.",
            )
    except IntegrityError:
        return Category.objects.get(page=page)


def lesson_topic_open(*, user, page) -> Topic:
    """The discussion topic for a lesson (any page), created on first use in its parent's category."""
    require(user, "view_forum")
    topic = Topic.objects.filter(page=page).first()
    if topic is not None:
        return topic
    parent = page.get_parent().specific
    category = category_for_page(page=parent)
    source = (
        f"Questions, tips and discussion about the lesson [{page.title}]({page.url}) "
        f"in “{parent.title}”. Reply below: a data champion keeps an eye on this category."
    )
    try:
        with transaction.atomic():
            topic = Topic.objects.create(
                category=category, title=f"Discuss: {page.title}"[:TITLE_MAX], page=page
            )
            Category.objects.filter(pk=category.pk).update(topic_count=F("topic_count") + 1)
            _add_post(topic=topic, author=None, source=source, html=render_markdown(source))
    except IntegrityError:
        topic = Topic.objects.get(page=page)
    return topic


# --- Shared ------------------------------------------------------------------------------------


security_log = logging.getLogger("academy.security")


def _log(*, actor, action: str, topic=None, post=None, category=None, reason: str = "", detail: str = ""):
    """Record a moderation action in the forum's log, and as a security event (ids only, never the text)."""
    security_log.info(
        "moderation action=%s actor_id=%s topic_id=%s post_id=%s",
        action,
        getattr(actor, "pk", None),
        getattr(topic, "pk", None),
        getattr(post, "pk", None),
    )
    if post is not None and topic is None:
        topic = post.topic
    if topic is not None and category is None:
        category = topic.category
    return ModerationAction.objects.create(
        actor=actor,
        action=action,
        topic=topic,
        post=post,
        category=category,
        reason=reason,
        detail=detail[:300],
    )


__all__ = [
    "category_mute_set",
    "category_watch_set",
    "is_new_account",
    "lesson_topic_open",
    "moderates",
    "post_accept_toggle",
    "post_create",
    "post_edit",
    "post_like_toggle",
    "profile_for",
    "quote_source",
    "topic_create",
    "topic_mark_read",
    "topic_mute_set",
    "topic_watch_set",
]
