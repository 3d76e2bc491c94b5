"""Who is told about a new post, and the emails: immediate (after commit), daily digest, one-click unsubscribe."""

from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from home.unsubscribe import (
    absolute_url,
    pk_from_unsubscribe_token,
    unsubscribe_headers,
)
from home.unsubscribe import unsubscribe_token as signed_token

from .models import CategoryWatch, MemberProfile, Notification, NotificationPreference, TopicWatch

Kind = Notification.Kind
UNSUBSCRIBE_SALT = "community.unsubscribe"


def notify_new_post(*, post, mentions: set[str], mentions_only: bool = False) -> list[Notification]:
    """One notification per member per post, the most specific reason winning; never to the author."""
    topic = post.topic
    recipients: dict[int, str] = {}
    if mentions:
        for user_id in MemberProfile.objects.filter(handle__in=mentions, user__is_active=True).values_list(
            "user_id", flat=True
        ):
            recipients.setdefault(user_id, Kind.MENTION)
    if not mentions_only:
        if post.number > 1:
            if topic.author_id:
                recipients.setdefault(topic.author_id, Kind.REPLY)
            for user_id in TopicWatch.objects.filter(topic=topic).values_list("user_id", flat=True):
                recipients.setdefault(user_id, Kind.WATCHED_REPLY)
        else:
            for user_id in CategoryWatch.objects.filter(category_id=topic.category_id).values_list(
                "user_id", flat=True
            ):
                recipients.setdefault(user_id, Kind.NEW_TOPIC)
    recipients.pop(post.author_id, None)
    if not recipients:
        return []
    active = set(
        get_user_model().objects.filter(pk__in=recipients, is_active=True).values_list("pk", flat=True)
    )
    already = set(
        Notification.objects.filter(post=post, recipient_id__in=active).values_list("recipient_id", flat=True)
    )
    created = Notification.objects.bulk_create(
        [
            Notification(recipient_id=uid, kind=kind, actor_id=post.author_id, post=post)
            for uid, kind in recipients.items()
            if uid in active and uid not in already
        ],
        ignore_conflicts=True,
    )
    _email_after_commit(post_id=post.pk, recipient_ids=[n.recipient_id for n in created])
    return created


def notify_accepted(*, post, actor) -> None:
    """Tell the answer's author their reply was accepted (once per post)."""
    if not post.author_id or post.author_id == actor.pk:
        return
    _, created = Notification.objects.get_or_create(
        recipient_id=post.author_id, post=post, defaults={"kind": Kind.ACCEPTED, "actor": actor}
    )
    if created:
        _email_after_commit(post_id=post.pk, recipient_ids=[post.author_id])


def unread_count(user) -> int:
    """The header badge."""
    if not user.is_authenticated:
        return 0
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()


def mark_read(*, user, notification_ids=None) -> int:
    qs = Notification.objects.filter(recipient=user, read_at__isnull=True)
    if notification_ids is not None:
        qs = qs.filter(pk__in=notification_ids)
    return qs.update(read_at=timezone.now())


def email_preference(user) -> str:
    pref = NotificationPreference.objects.filter(user=user).values_list("email", flat=True).first()
    return pref or NotificationPreference.Email.IMMEDIATE


def preference_set(*, user, email: str) -> NotificationPreference:
    if email not in NotificationPreference.Email.values:
        raise ValueError(f"Unknown email preference {email!r}")
    pref, _ = NotificationPreference.objects.update_or_create(user=user, defaults={"email": email})
    return pref


# --- Email ---------------------------------------------------------------------------------------


def unsubscribe_token(user) -> str:
    return signed_token(purpose=UNSUBSCRIBE_SALT, pk=user.pk)


def user_for_unsubscribe_token(token: str):
    """The user a token was made for, or None if it was tampered with."""
    pk = pk_from_unsubscribe_token(purpose=UNSUBSCRIBE_SALT, token=token)
    if pk is None:
        return None
    return get_user_model().objects.filter(pk=pk, is_active=True).first()


_absolute = absolute_url


def _message(*, user, subject: str, body: str) -> EmailMessage:
    unsubscribe = _absolute(reverse("community:unsubscribe", kwargs={"token": unsubscribe_token(user)}))
    settings_url = _absolute(reverse("community:notification_settings"))
    footer = (
        f"\n\n--\nYou get these emails because of your Data Academy notification settings: {settings_url}\n"
        f"Stop all community emails with one click: {unsubscribe}\n"
    )
    return EmailMessage(
        subject=f"[Data Academy] {subject}",
        body=body + footer,
        to=[user.email],
        headers=unsubscribe_headers(unsubscribe),
    )


def _describe(notification: Notification) -> str:
    actor = notification.actor.display_name if notification.actor else "Data Academy"
    return f"{actor} {notification.get_kind_display()}: {notification.post.topic.title}"


def _email_after_commit(*, post_id: int, recipient_ids: list[int]) -> None:
    if recipient_ids:
        transaction.on_commit(lambda: send_immediate(post_id=post_id, recipient_ids=recipient_ids))


def send_immediate(*, post_id: int, recipient_ids: list[int]) -> int:
    """Email each recipient who wants immediate email about their notification for `post_id`."""
    daily_or_off = set(
        NotificationPreference.objects.filter(user_id__in=recipient_ids)
        .exclude(email=NotificationPreference.Email.IMMEDIATE)
        .values_list("user_id", flat=True)
    )
    pending = (
        Notification.objects.filter(post_id=post_id, recipient_id__in=recipient_ids, emailed_at__isnull=True)
        .exclude(recipient_id__in=daily_or_off)
        .select_related("recipient", "actor", "post__topic")
    )
    sent = 0
    for notification in pending:
        url = _absolute(reverse("community:notification_open", kwargs={"pk": notification.pk}))
        excerpt = notification.post.source[:500]
        body = f"{_describe(notification)}\n\n{excerpt}\n\nRead and reply: {url}"
        _message(user=notification.recipient, subject=_describe(notification), body=body).send()
        Notification.objects.filter(pk=notification.pk).update(emailed_at=timezone.now())
        sent += 1
    return sent


def send_daily_digests() -> int:
    """One email per member on the daily digest with their unread, un-emailed notifications. Returns emails sent."""
    user_ids = NotificationPreference.objects.filter(email=NotificationPreference.Email.DAILY).values_list(
        "user_id", flat=True
    )
    pending = (
        Notification.objects.filter(recipient_id__in=user_ids, emailed_at__isnull=True, read_at__isnull=True)
        .select_related("recipient", "actor", "post__topic")
        .order_by("recipient_id", "created_at")
    )
    by_user: dict[int, list[Notification]] = {}
    for notification in pending:
        by_user.setdefault(notification.recipient_id, []).append(notification)
    sent = 0
    for items in by_user.values():
        user = items[0].recipient
        lines = [
            f"- {_describe(n)}\n  {_absolute(reverse('community:notification_open', kwargs={'pk': n.pk}))}"
            for n in items
        ]
        body = f"Your Data Academy community digest: {len(items)} new.\n\n" + "\n".join(lines)
        with transaction.atomic():
            _message(user=user, subject=f"Community digest: {len(items)} new", body=body).send()
            Notification.objects.filter(pk__in=[n.pk for n in items]).update(emailed_at=timezone.now())
        sent += 1
    return sent
