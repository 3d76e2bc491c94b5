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
