"""Who may do what in the forums: one predicate per action, used by views (`require`) and templates (`{% can %}`).

Champions moderate the categories they are listed on (Category.moderators) while they hold the Champion role;
Academy admins moderate every category. Everyone signed in reads, posts, likes and flags.
"""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from home import roles
from home.permissions import rule

_MODERATED_ATTR = "_community_moderated_category_ids"


def moderated_category_ids(user) -> frozenset[int]:
    """Ids of the categories `user` moderates as a champion (read once per user object)."""
    if not roles.is_staff_member(user):
        return frozenset()
    cached = getattr(user, _MODERATED_ATTR, None)
    if cached is None:
        cached = frozenset(user.moderated_categories.values_list("id", flat=True))
        setattr(user, _MODERATED_ATTR, cached)
    return cached


def forget_moderation(user) -> None:
    """Drop the cached category ids after the user's moderator listings change."""
    if hasattr(user, _MODERATED_ATTR):
        delattr(user, _MODERATED_ATTR)


def moderates(user, category) -> bool:
    """Academy admins moderate everything; champions the categories they are listed on."""
    if category is None or not roles.is_staff_member(user):
        return False
    if roles.is_academy_admin(user):
        return True
    return roles.is_champion(user) and category.pk in moderated_category_ids(user)


def _category_of(obj):
    if obj is None:
        return None
    if hasattr(obj, "topic_id") and hasattr(obj, "number"):  # a post
        return obj.topic.category
    if hasattr(obj, "category_id"):  # a topic
        return obj.category
    return obj


@rule
def can_view_forum(*, user, obj=None) -> bool:
    """Every signed-in member of staff reads every category."""
    return roles.is_staff_member(user)


@rule
def can_create_topic(*, user, obj=None) -> bool:
    """Any member may start a topic in a category."""
    return roles.is_staff_member(user)


@rule
def can_reply_topic(*, user, obj=None) -> bool:
    """Any member may reply to an open topic; moderators also to locked ones."""
    if not roles.is_staff_member(user) or obj is None:
        return False
    if obj.is_locked or obj.is_hidden:
        return moderates(user, obj.category)
    return True


@rule
def can_view_post(*, user, obj=None) -> bool:
    """Hidden posts are visible to their author and the category's moderators only."""
    if not roles.is_staff_member(user) or obj is None:
        return False
    if not obj.is_hidden:
        return True
    return obj.author_id == user.pk or moderates(user, _category_of(obj))


@rule
def can_edit_post(*, user, obj=None) -> bool:
    """Authors edit their own visible posts within the edit window in open topics; moderators always."""
    if not roles.is_staff_member(user) or obj is None:
        return False
    if moderates(user, _category_of(obj)):
        return True
    if obj.author_id != user.pk or obj.is_hidden or obj.topic.is_locked:
        return False
    window = timedelta(minutes=settings.COMMUNITY_EDIT_WINDOW_MINUTES)
    return timezone.now() - obj.created_at <= window


@rule
def can_like_post(*, user, obj=None) -> bool:
    """Members like other people's visible posts."""
    return bool(
        roles.is_staff_member(user) and obj is not None and obj.author_id != user.pk and not obj.is_hidden
    )


@rule
def can_flag_post(*, user, obj=None) -> bool:
    """Members flag other people's visible posts for moderators to review."""
    return bool(
        roles.is_staff_member(user) and obj is not None and obj.author_id != user.pk and not obj.is_hidden
    )


@rule
def can_accept_post(*, user, obj=None) -> bool:
    """The topic's author or a moderator marks a visible reply as the accepted answer."""
    if not roles.is_staff_member(user) or obj is None or obj.is_first or obj.is_hidden:
        return False
    return obj.topic.author_id == user.pk or moderates(user, obj.topic.category)


@rule
def can_hide_post(*, user, obj=None) -> bool:
    """Moderators of the post's category hide and unhide posts."""
    return moderates(user, _category_of(obj))


@rule
def can_lock_topic(*, user, obj=None) -> bool:
    """Moderators of the topic's category lock and unlock it."""
    return moderates(user, _category_of(obj))


@rule
def can_pin_topic(*, user, obj=None) -> bool:
    """Moderators of the topic's category pin and unpin it."""
    return moderates(user, _category_of(obj))


@rule
def can_move_topic(*, user, obj=None) -> bool:
    """Moderators of the topic's category move it (they must also moderate the destination)."""
    return moderates(user, _category_of(obj))


@rule
def can_moderate_category(*, user, obj=None) -> bool:
    """See the category's moderation queue and log."""
    return moderates(user, obj)


@rule
def can_view_moderation_queue(*, user, obj=None) -> bool:
    """Academy admins and champions who moderate at least one category."""
    if roles.is_academy_admin(user):
        return True
    return roles.is_champion(user) and bool(moderated_category_ids(user))


def exempt_from_new_account_limits(user) -> bool:
    """Moderators and admins are trusted from day one; others after the probation period and some posts."""
    return roles.is_academy_admin(user) or (roles.is_champion(user) and bool(moderated_category_ids(user)))
