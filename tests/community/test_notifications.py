"""Notifications: once per event, never for the actor; email per preference after commit; unsubscribe."""

import pytest
from django.core import mail
from django.core.management import call_command

from community import notifications, services
from community.models import CategoryWatch, Notification, NotificationPreference, TopicWatch


def _kinds(user):
    return list(Notification.objects.filter(recipient=user).values_list("kind", flat=True))


def test_reply_notifies_topic_author_once_and_not_the_replier(
    topic, other_learner, learner, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.post_create(user=other_learner, topic=topic, source="Use a lookup table.")
    assert _kinds(learner) == ["reply"]
    assert _kinds(other_learner) == []
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [learner.email]
    assert "replied to your topic" in mail.outbox[0].subject
    assert "List-Unsubscribe" in mail.outbox[0].extra_headers


def test_mention_wins_over_watching_and_is_sent_once(topic, learner, other_learner, champion):
    services.profile_for(user=champion)
    services.post_create(user=champion, topic=topic, source="I'll take a look.")  # champion now watches
    services.post_create(
        user=other_learner, topic=topic, source="@chloe-champion @chloe-champion can you help?"
    )
    assert _kinds(champion) == ["mention"]
    assert sorted(_kinds(learner)) == ["reply", "reply"]
    assert _kinds(other_learner) == []


def test_self_mention_does_not_notify(topic, learner):
    services.profile_for(user=learner)
    services.post_create(user=learner, topic=topic, source="Note to self @lee-learner")
    assert _kinds(learner) == []


def test_watched_topic_and_unwatched(topic, champion, other_learner):
    services.topic_watch_set(user=champion, topic=topic, watch=True)
    services.post_create(user=other_learner, topic=topic, source="First reply")
    assert _kinds(champion) == ["watched_reply"]
    services.topic_watch_set(user=champion, topic=topic, watch=False)
    services.post_create(user=other_learner, topic=topic, source="Second reply")
    assert _kinds(champion) == ["watched_reply"]


def test_new_topic_in_watched_category(category, champion, learner, hr_user):
    services.category_watch_set(user=champion, category=category, watch=True)
    services.category_watch_set(user=learner, category=category, watch=True)
    services.topic_create(user=learner, category=category, title="A brand new question", source="Body text")
    assert _kinds(champion) == ["new_topic"]
    assert _kinds(learner) == []  # the actor
    assert _kinds(hr_user) == []
    assert CategoryWatch.objects.count() == 2 and TopicWatch.objects.filter(user=learner).count() == 1


def test_edit_adding_a_mention_notifies_only_the_newly_mentioned(topic, learner, champion, other_learner):
    services.profile_for(user=champion)
    services.profile_for(user=other_learner)
    post = topic.posts.get()
    services.post_edit(user=learner, post=post, source=post.source + "\n\ncc @chloe-champion")
    services.post_edit(user=learner, post=post, source=post.source + " and @olu-other")
    assert _kinds(champion) == ["mention"]
    assert _kinds(other_learner) == ["mention"]


def test_accepted_answer_notifies_the_answerer(reply, learner, other_learner):
    services.post_accept_toggle(user=learner, post=reply)
    services.post_accept_toggle(user=learner, post=reply)
    services.post_accept_toggle(user=learner, post=reply)
    assert _kinds(other_learner) == ["accepted"]


def test_no_email_until_commit(topic, other_learner, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.post_create(user=other_learner, topic=topic, source="Reply")
    assert mail.outbox == [] and len(callbacks) == 1
    callbacks[0]()
    assert len(mail.outbox) == 1
    assert Notification.objects.get().emailed_at is not None


@pytest.mark.parametrize("preference,immediate", [("immediate", 1), ("daily", 0), ("off", 0)])
def test_email_preferences_and_digest(
    preference, immediate, topic, learner, other_learner, django_capture_on_commit_callbacks
):
    notifications.preference_set(user=learner, email=preference)
    with django_capture_on_commit_callbacks(execute=True):
        services.post_create(user=other_learner, topic=topic, source="One")
        services.post_create(user=other_learner, topic=topic, source="Two")
    assert len(mail.outbox) == 2 * immediate
    mail.outbox.clear()
    call_command("send_community_digest", verbosity=0)
    if preference == "daily":
        assert len(mail.outbox) == 1 and "2 new" in mail.outbox[0].subject
        call_command("send_community_digest", verbosity=0)
        assert len(mail.outbox) == 1  # nothing sent twice
    else:
        assert mail.outbox == []


def test_one_click_unsubscribe(client, learner):
    token = notifications.unsubscribe_token(learner)
    page = client.get(f"/community/unsubscribe/{token}/")
    assert page.status_code == 200 and "Unsubscribe from all community emails" in page.text
    assert not NotificationPreference.objects.exists()  # a GET (link scanner) changes nothing
    done = client.post(f"/community/unsubscribe/{token}/")  # RFC 8058: no session, no CSRF token
    assert done.status_code == 200 and "You have been unsubscribed" in done.text
    assert notifications.email_preference(learner) == "off"


def test_tampered_unsubscribe_token_is_refused(client, learner):
    token = notifications.unsubscribe_token(learner)
    response = client.post(f"/community/unsubscribe/{token[:-2]}xx/")
    assert response.status_code == 400
    assert notifications.email_preference(learner) == "immediate"


def test_notification_list_badge_and_mark_read(client_for, learner, topic, other_learner):
    services.post_create(user=other_learner, topic=topic, source="Reply")
    client = client_for(learner)
    page = client.get("/community/notifications/")
    assert "Olu Other replied to your topic" in page.text
    assert '<span class="academy-badge">1<span class="govuk-visually-hidden"> unread' in page.text
    notification = Notification.objects.get()
    opened = client.get(f"/community/notifications/{notification.pk}/")
    assert opened.status_code == 302
    notification.refresh_from_db()
    assert notification.read_at is not None
    assert client_for(other_learner).get(f"/community/notifications/{notification.pk}/").status_code == 404


def test_preferences_form(client_for, learner):
    client = client_for(learner)
    assert client.post("/community/notifications/settings/", {"email": "weekly"}).status_code == 200
    assert notifications.email_preference(learner) == "immediate"
    client.post("/community/notifications/settings/", {"email": "daily"})
    assert notifications.email_preference(learner) == "daily"


# --- Mail outages, quotes, multipart emails, mutes and per-kind settings ----------------------------------------


class DownBackend:
    """An email backend whose server refuses every connection."""

    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise ConnectionRefusedError("SMTP server unreachable")


def test_mail_outage_never_fails_a_reply_and_the_email_follows(
    client_for, topic, learner, other_learner, settings, django_capture_on_commit_callbacks
):
    from datetime import timedelta

    from django.utils import timezone

    from community import tasks
    from community.models import Post

    settings.EMAIL_BACKEND = "tests.community.test_notifications.DownBackend"
    client = client_for(other_learner)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/community/t/{topic.pk}/reply/", {"body": "Use a lookup table."})
    assert response.status_code == 302
    assert Post.objects.filter(topic=topic).count() == 2  # the question and this reply, once
    notification = Notification.objects.get(recipient=learner)
    assert notification.emailed_at is None and notification.email_attempts == 1
    assert notification.email_retry_at > timezone.now()
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert tasks.retry_notification_emails.enqueue().return_value == 0  # not due yet
    Notification.objects.update(email_retry_at=timezone.now() - timedelta(seconds=1))
    assert tasks.retry_notification_emails.enqueue().return_value == 1
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [learner.email]
    notification.refresh_from_db()
    assert notification.emailed_at is not None and notification.email_retry_at is None
    call_command("retry_community_emails", verbosity=0)
    assert len(mail.outbox) == 1  # never twice


def test_a_queue_that_refuses_work_leaves_the_email_due(topic, learner, other_learner, monkeypatch):
    from community import tasks

    def refuse(**kwargs):
        raise RuntimeError("queue database down")

    from types import SimpleNamespace

    monkeypatch.setattr(tasks, "send_notification_emails", SimpleNamespace(enqueue=refuse))
    post = services.post_create(user=other_learner, topic=topic, source="Reply")
    notifications.enqueue_emails(post_id=post.pk, recipient_ids=[learner.pk])  # what on_commit runs
    assert Notification.objects.get(recipient=learner).email_retry_at is not None


def test_quoting_a_mention_does_not_mention_again(topic, learner, other_learner, champion):
    services.profile_for(user=champion)
    services.profile_for(user=learner)
    original = services.post_create(user=other_learner, topic=topic, source="Ask @chloe-champion about it")
    assert _kinds(champion) == ["mention"]
    quote = services.quote_source(post=original)
    reply = services.post_create(user=learner, topic=topic, source=quote + "Thanks, will do")
    assert _kinds(champion) == ["mention"]  # still only the first
    assert 'class="academy-mention"' in reply.html  # the quote still links the handle
    services.post_create(user=learner, topic=topic, source=quote + "@chloe-champion could you?")
    assert _kinds(champion) == ["mention", "mention"]


def test_email_is_multipart_with_quotes_collapsed(
    topic, learner, other_learner, django_capture_on_commit_callbacks
):
    source = "> **Lee** wrote:\n> secret quoted words\n\nMy **own** answer\n\n```\ncode & more\n```"
    with django_capture_on_commit_callbacks(execute=True):
        services.post_create(user=other_learner, topic=topic, source=source)
    message = mail.outbox[0]
    assert "My own answer" in message.body and "code & more" in message.body
    assert "secret quoted words" not in message.body and "Quoted text hidden" in message.body
    assert "**" not in message.body  # not the raw Markdown
    html, kind = message.alternatives[0]
    assert kind == "text/html"
    assert "My <strong>own</strong> answer" in html and "code &amp; more" in html
    assert "secret quoted words" not in html and "Quoted text hidden" in html


def test_muted_topic_and_category_tell_nothing(topic, learner, other_learner, champion, category):
    services.profile_for(user=learner)
    services.topic_mute_set(user=learner, topic=topic, mute=True)
    assert not TopicWatch.objects.filter(user=learner, topic=topic).exists()
    services.post_create(user=other_learner, topic=topic, source="Hi @lee-learner, a reply")
    assert _kinds(learner) == []
    services.post_create(user=learner, topic=topic, source="My own reply")  # does not start watching again
    assert not TopicWatch.objects.filter(user=learner, topic=topic).exists()
    services.topic_mute_set(user=learner, topic=topic, mute=False)
    services.post_create(user=other_learner, topic=topic, source="Another reply")
    assert _kinds(learner) == ["reply"]
    services.category_watch_set(user=champion, category=category, watch=True)
    services.category_mute_set(user=champion, category=category, mute=True)
    services.topic_create(user=learner, category=category, title="A muted category topic", source="Body")
    assert _kinds(champion) == []


def test_per_kind_settings(client_for, topic, learner, other_learner, champion):
    services.profile_for(user=learner)
    client = client_for(learner)
    client.post("/community/notifications/settings/", {"email": "immediate", "watched": "on"})
    preference = NotificationPreference.objects.get(user=learner)
    assert (preference.mentions, preference.replies, preference.watched) == (False, False, True)
    services.post_create(user=other_learner, topic=topic, source="A reply to your topic")
    services.post_create(user=other_learner, topic=topic, source="@lee-learner mentioned")
    # Replies and mentions are off, but the author watches their own topic: told as a watcher.
    assert sorted(_kinds(learner)) == ["watched_reply", "watched_reply"]
    client.post("/community/notifications/settings/", {"email": "immediate"})
    services.post_create(user=other_learner, topic=topic, source="Third")
    assert len(_kinds(learner)) == 2
    page = client.get("/community/notifications/settings/")
    assert 'name="mentions"' in page.text and 'name="watched"' in page.text


def test_your_own_reply_is_not_new_since_your_last_visit(client_for, topic, learner, other_learner):
    client = client_for(learner)
    client.get(topic.get_absolute_url())
    services.post_create(user=learner, topic=topic, source="My own follow-up")
    assert "New since your last visit" not in client.get(topic.get_absolute_url()).text
    services.post_create(user=other_learner, topic=topic, source="Someone else")
    page = client.get(topic.get_absolute_url()).text
    assert page.count("New since your last visit") == 1
    assert page.index("New since your last visit") > page.index("My own follow-up")
