"""Who is told about a new post, and the emails: immediate (a task after commit, retried while the mail server is
down), daily digest, one-click unsubscribe. Emails carry plain text and HTML rendered from the post, quotes
collapsed. Members mute topics and categories and choose which kinds of notification they want."""

import logging
import re
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from home.unsubscribe import (
    absolute_url,
    pk_from_unsubscribe_token,
    unsubscribe_headers,
)
from home.unsubscribe import unsubscribe_token as signed_token

from .markup import plain_text
from .models import (
    CategoryMute,
    CategoryWatch,
    MemberProfile,
    Notification,
    NotificationPreference,
    TopicMute,
    TopicWatch,
)

Kind = Notification.Kind
UNSUBSCRIBE_SALT = "community.unsubscribe"
# Which preference switch turns each kind off. Accepted answers are always told.
KIND_SWITCH = {
    Kind.MENTION: "mentions",
    Kind.REPLY: "replies",
    Kind.WATCHED_REPLY: "watched",
    Kind.NEW_TOPIC: "watched",
}
# Wait before each retry of an email that failed: then the notification stays on the site only.
RETRY_DELAYS = (timedelta(minutes=1), timedelta(minutes=5), timedelta(minutes=30), timedelta(hours=2),
                timedelta(hours=12))  # fmt: skip
log = logging.getLogger(__name__)


def _reasons(*, post, mentions: set[str], mentions_only: bool) -> dict[int, list[str]]:
    """Every member who might be told, with their reasons, most specific first."""
    topic = post.topic
    reasons: dict[int, list[str]] = {}

    def add(user_ids, kind):
        for user_id in user_ids:
            reasons.setdefault(user_id, []).append(kind)

    if mentions:
        add(
            MemberProfile.objects.filter(handle__in=mentions, user__is_active=True).values_list(
                "user_id", flat=True
            ),
            Kind.MENTION,
        )
    if not mentions_only:
        if post.number > 1:
            add([topic.author_id] if topic.author_id else [], Kind.REPLY)
            add(TopicWatch.objects.filter(topic=topic).values_list("user_id", flat=True), Kind.WATCHED_REPLY)
        else:
            add(
                CategoryWatch.objects.filter(category_id=topic.category_id).values_list("user_id", flat=True),
                Kind.NEW_TOPIC,
            )
    reasons.pop(post.author_id, None)
    return reasons


def _wanted(*, post, reasons: dict[int, list[str]]) -> dict[int, str]:
    """Drop members who muted the topic or category, or switched the kind off; the first kind left wins."""
    if not reasons:
        return {}
    ids = list(reasons)
    muted = set(
        TopicMute.objects.filter(topic_id=post.topic_id, user_id__in=ids).values_list("user_id", flat=True)
    )
    muted |= set(
        CategoryMute.objects.filter(category_id=post.topic.category_id, user_id__in=ids).values_list(
            "user_id", flat=True
        )
    )
    switched_off: dict[int, set[str]] = {}
    for pref in NotificationPreference.objects.filter(user_id__in=ids).values(
        "user_id", "mentions", "replies", "watched"
    ):
        switched_off[pref["user_id"]] = {
            name for name in ("mentions", "replies", "watched") if not pref[name]
        }
    chosen = {}
    for user_id, kinds in reasons.items():
        if user_id in muted:
            continue
        off = switched_off.get(user_id, set())
        kind = next((k for k in kinds if KIND_SWITCH.get(k) not in off), None)
        if kind is not None:
            chosen[user_id] = kind
    return chosen


def notify_new_post(*, post, mentions: set[str], mentions_only: bool = False) -> list[Notification]:
    """One notification per member per post, the most specific reason they want winning; never to the author,
    never in a topic or category they muted. `mentions` are handles the author wrote in their own words."""
    recipients = _wanted(
        post=post, reasons=_reasons(post=post, mentions=mentions, mentions_only=mentions_only)
    )
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


def preferences_for(user) -> NotificationPreference:
    """The member's settings (defaults, unsaved, when they never chose)."""
    return NotificationPreference.objects.filter(user=user).first() or NotificationPreference(user=user)


def preference_set(*, user, email: str, **kinds: bool) -> NotificationPreference:
    """Save how often to email and, optionally, which kinds (mentions, replies, watched) the member wants."""
    if email not in NotificationPreference.Email.values:
        raise ValueError(f"Unknown email preference {email!r}")
    unknown = set(kinds) - {"mentions", "replies", "watched"}
    if unknown:
        raise ValueError(f"Unknown notification kinds {sorted(unknown)}")
    pref, _ = NotificationPreference.objects.update_or_create(user=user, defaults={"email": email, **kinds})
    return pref


def topic_mute_set(*, user, topic, mute: bool) -> None:
    """Mute a topic (which also stops watching it), or unmute it."""
    if mute:
        TopicMute.objects.get_or_create(user=user, topic=topic)
        TopicWatch.objects.filter(user=user, topic=topic).delete()
    else:
        TopicMute.objects.filter(user=user, topic=topic).delete()


def category_mute_set(*, user, category, mute: bool) -> None:
    """Mute a category (which also stops watching it), or unmute it."""
    if mute:
        CategoryMute.objects.get_or_create(user=user, category=category)
        CategoryWatch.objects.filter(user=user, category=category).delete()
    else:
        CategoryMute.objects.filter(user=user, category=category).delete()


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


def _message(*, user, subject: str, text: str, html: str) -> EmailMultiAlternatives:
    unsubscribe = _absolute(reverse("community:unsubscribe", kwargs={"token": unsubscribe_token(user)}))
    context = {
        "settings_url": _absolute(reverse("community:notification_settings")),
        "unsubscribe": unsubscribe,
    }
    message = EmailMultiAlternatives(
        subject=f"[Data Academy] {subject}",
        body=text + render_to_string("community/email/footer.txt", context),
        to=[user.email],
        headers=unsubscribe_headers(unsubscribe),
    )
    message.attach_alternative(
        render_to_string("community/email/layout.html", {**context, "subject": subject, "body": html}),
        "text/html",
    )
    return message


def _describe(notification: Notification) -> str:
    actor = notification.actor.display_name if notification.actor else "Data Academy"
    return f"{actor} {notification.get_kind_display()}: {notification.post.topic.title}"


QUOTE_HIDDEN = "(Quoted text hidden: read it on the site.)"


def email_html(post_html: str) -> str:
    """The post's (already sanitised) HTML for an email: quotes collapsed to one line, images (which need a
    signed-in session) replaced by their alt text."""
    out, depth = [], 0
    for part in re.split(r"(</?blockquote>)", post_html or ""):
        if part == "<blockquote>":
            if depth == 0:
                out.append(f"<p><em>{QUOTE_HIDDEN}</em></p>")
            depth += 1
        elif part == "</blockquote>":
            depth = max(depth - 1, 0)
        elif depth == 0:
            out.append(part)
    html = "".join(out)
    return re.sub(
        r'<img [^>]*?alt="([^"]*)"[^>]*>',
        r"[Image: \1]",
        re.sub(r"<img (?![^>]*alt=)[^>]*>", "[Image]", html),
    )


def email_text(post_html: str) -> str:
    """The post as plain text for an email, quotes collapsed, one line per paragraph, list item or line break."""
    html = re.sub(r"(?i)<br\s*/?>|</(p|li|h[1-6]|pre|tr)>", "\n", email_html(post_html))
    html = re.sub(r"(?i)<li[^>]*>", "- ", html)
    lines = (plain_text(line) for line in html.split("\n"))
    return "\n".join(line for line in lines if line)


def email_member(*, user, subject: str, text: str) -> None:
    """A one-off community email to a member (e.g. a champion decision), sent by a task after commit."""
    from . import tasks

    def enqueue():
        try:
            tasks.send_member_email.enqueue(user_id=user.pk, subject=subject, text=text)
        except Exception:
            log.exception("Could not queue an email to member %s", user.pk)

    transaction.on_commit(enqueue)


def send_member_email(*, user_id: int, subject: str, text: str) -> bool:
    user = get_user_model().objects.filter(pk=user_id, is_active=True).first()
    if user is None:
        return False
    html = render_to_string("community/email/plain.html", {"text": text})
    _message(user=user, subject=subject, text=text, html=html).send()
    return True


def _email_after_commit(*, post_id: int, recipient_ids: list[int]) -> None:
    if recipient_ids:
        transaction.on_commit(lambda: enqueue_emails(post_id=post_id, recipient_ids=recipient_ids))


def enqueue_emails(*, post_id: int, recipient_ids: list[int]) -> None:
    """Hand the emails to the task queue. A queue that cannot take them leaves them due for the retry sweep:
    nothing here may fail the request that made the post."""
    from . import tasks

    try:
        tasks.send_notification_emails.enqueue(post_id=post_id, recipient_ids=recipient_ids)
    except Exception:
        log.exception("Could not queue notification emails for post %s", post_id)
        Notification.objects.filter(
            post_id=post_id, recipient_id__in=recipient_ids, emailed_at__isnull=True
        ).update(email_retry_at=timezone.now())


def _send_one(notification: Notification) -> bool:
    """Send one notification's email; on failure count the attempt and set when to try again."""
    url = _absolute(reverse("community:notification_open", kwargs={"pk": notification.pk}))
    post_html = email_html(notification.post.html)
    context = {"description": _describe(notification), "url": url}
    text = render_to_string(
        "community/email/notification.txt", {**context, "body": email_text(notification.post.html)}
    )
    html = render_to_string("community/email/notification.html", {**context, "body": post_html})
    try:
        _message(user=notification.recipient, subject=_describe(notification), text=text, html=html).send()
    except Exception:
        attempts = notification.email_attempts + 1
        retry_at = timezone.now() + RETRY_DELAYS[attempts - 1] if attempts <= len(RETRY_DELAYS) else None
        Notification.objects.filter(pk=notification.pk).update(
            email_attempts=attempts, email_retry_at=retry_at
        )
        log.warning("Notification email %s failed (attempt %s)", notification.pk, attempts, exc_info=True)
        return False
    Notification.objects.filter(pk=notification.pk).update(emailed_at=timezone.now(), email_retry_at=None)
    return True


def _immediate_pending(qs):
    daily_or_off = NotificationPreference.objects.exclude(
        email=NotificationPreference.Email.IMMEDIATE
    ).values("user_id")
    return (
        qs.filter(emailed_at__isnull=True)
        .exclude(recipient_id__in=daily_or_off)
        .select_related("recipient", "actor", "post__topic")
    )


def send_immediate(*, post_id: int, recipient_ids: list[int]) -> int:
    """Email each recipient who wants immediate email about their notification for `post_id`. Returns how many
    were sent; failures are left due for a retry (and a retry is queued when the queue can wait)."""
    pending = _immediate_pending(Notification.objects.filter(post_id=post_id, recipient_id__in=recipient_ids))
    return _send_all(pending)


def send_due_retries(*, now=None) -> int:
    """Try again every email whose retry is due (the sweep a worker or cron runs)."""
    due = Notification.objects.filter(email_retry_at__lte=now or timezone.now())
    return _send_all(_immediate_pending(due))


def _send_all(pending) -> int:
    sent = failed = 0
    for notification in pending:
        if _send_one(notification):
            sent += 1
        else:
            failed += 1
    if failed:
        _queue_retry()
    return sent


def _queue_retry() -> None:
    """With a queue that can wait (the database backend), schedule the sweep; otherwise cron runs it."""
    from . import tasks

    task = tasks.retry_notification_emails
    if task.get_backend().supports_defer:
        task.using(run_after=timezone.now() + RETRY_DELAYS[0]).enqueue()


def send_daily_digests() -> int:
    """One email per member on the daily digest with their unread, un-emailed notifications. Returns emails sent;
    a member whose email fails keeps their notifications for the next digest."""
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
        rows = [
            {
                "description": _describe(n),
                "url": _absolute(reverse("community:notification_open", kwargs={"pk": n.pk})),
                "excerpt": email_text(n.post.html)[:300],
            }
            for n in items
        ]
        context = {"count": len(items), "rows": rows}
        subject = f"Community digest: {len(items)} new"
        try:
            _message(
                user=items[0].recipient,
                subject=subject,
                text=render_to_string("community/email/digest.txt", context),
                html=render_to_string("community/email/digest.html", context),
            ).send()
        except Exception:
            log.warning("Digest email to member %s failed", items[0].recipient_id, exc_info=True)
            continue
        Notification.objects.filter(pk__in=[n.pk for n in items]).update(emailed_at=timezone.now())
        sent += 1
    return sent
