"""Forum behaviour: drafts kept, limits, flags, pagination, unread markers, quoting, history, search, lessons."""

import pytest
from django.template import Context, Template
from django.test import RequestFactory, override_settings
from wagtail.models import Page

from community import moderation, selectors, services
from community.models import Category, Flag, MemberProfile, ModerationAction, Post, Topic


def test_validation_failure_keeps_the_draft(client_for, learner, category):
    response = client_for(learner).post(
        f"/community/c/{category.slug}/new/", {"title": "Short", "body": "My long careful draft about UPRNs"}
    )
    assert response.status_code == 200
    assert "Enter a title of at least 10 characters" in response.text
    assert "My long careful draft about UPRNs" in response.text
    assert not Topic.objects.exists()


@override_settings(COMMUNITY_NEW_ACCOUNT_MAX_LINKS=2)
def test_new_accounts_are_limited_on_links_and_keep_their_draft(client_for, learner, topic):
    body = "See https://a.example.org https://b.example.org https://c.example.org"
    response = client_for(learner).post(f"/community/t/{topic.pk}/reply/", {"body": body})
    assert "New members can include up to 2 links in a post" in response.text
    assert body in response.text
    assert topic.posts.count() == 1


@override_settings(COMMUNITY_NEW_ACCOUNT_MAX_MENTIONS=1)
def test_new_accounts_are_limited_on_mentions(learner, champion, other_learner, topic):
    services.profile_for(user=champion)
    services.profile_for(user=other_learner)
    with pytest.raises(Exception, match="mention up to 1"):
        services.post_create(user=learner, topic=topic, source="@chloe-champion @olu-other")


@override_settings(
    COMMUNITY_NEW_ACCOUNT_POSTS_PER_HOUR=2, COMMUNITY_POSTS_PER_HOUR=3, COMMUNITY_NEW_ACCOUNT_DAYS=0
)
def test_posting_is_rate_limited_for_new_and_established_accounts(learner, admin_user, topic):
    services.post_create(user=learner, topic=topic, source="two")  # the topic was one
    with pytest.raises(Exception, match="the most allowed"):
        services.post_create(user=learner, topic=topic, source="three")
    for n in range(3):
        services.post_create(user=admin_user, topic=topic, source=f"admin {n}")
    with pytest.raises(Exception, match="the most allowed"):
        services.post_create(user=admin_user, topic=topic, source="admin 4")


@override_settings(COMMUNITY_AUTO_HIDE_FLAGS=2)
def test_post_hidden_at_flag_limit_until_reviewed(reply, learner, hr_user, champion, client_for):
    moderation.post_flag(user=learner, post=reply, reason="spam")
    with pytest.raises(Exception, match="already flagged"):
        moderation.post_flag(user=learner, post=reply, reason="spam")
    reply.refresh_from_db()
    assert not reply.is_hidden
    moderation.post_flag(user=hr_user, post=reply, reason="other", detail="Looks like an advert")
    reply.refresh_from_db()
    assert reply.is_hidden and reply.open_flag_count == 2
    assert ModerationAction.objects.get(action="auto_hide").actor is None
    queue = client_for(champion).get("/community/moderation/")
    assert "Looks like an advert" in queue.text and "2 open flags" in queue.text
    client_for(champion).post(f"/community/p/{reply.pk}/hide/", {"reason": "Not spam after all"})
    reply.refresh_from_db()
    assert not reply.is_hidden and reply.open_flag_count == 0
    assert Flag.objects.filter(resolved_by=champion).count() == 2
    assert "Nothing to review" in client_for(champion).get("/community/moderation/").text


def test_flag_other_needs_detail(reply, learner):
    with pytest.raises(Exception, match="Tell the moderators"):
        moderation.post_flag(user=learner, post=reply, reason="other")
    assert not Flag.objects.exists()


def test_moderation_without_reason_changes_nothing(client_for, champion, topic):
    response = client_for(champion).post(
        f"/community/t/{topic.pk}/moderate/", {"action": "lock", "reason": ""}
    )
    topic.refresh_from_db()
    assert "Enter a reason" in response.text and not topic.is_locked
    assert not ModerationAction.objects.exists()


def test_moderation_log_lists_who_when_why(client_for, champion, admin_user, topic):
    moderation.topic_pin_set(actor=champion, topic=topic, pinned=True, reason="Useful for everyone")
    log = client_for(admin_user).get("/community/moderation/log/")
    assert "Chloe Champion" in log.text and "Useful for everyone" in log.text and "Pinned a topic" in log.text


def test_pagination_unread_markers_and_last_page(client_for, learner, other_learner, topic):
    for n in range(2, 46):
        services.post_create(user=other_learner, topic=topic, source=f"Reply number {n}")
    client = client_for(learner)
    rows = selectors.with_unread(topics=[Topic.objects.get()], user=learner)
    assert rows[0].unread == 44  # the author read post 1 when posting
    page1 = client.get(topic.get_absolute_url())
    assert "Reply number 20" in page1.text and "Reply number 21" not in page1.text
    assert "New since your last visit" in page1.text
    last = client.get(f"/community/t/{topic.pk}/last/")
    assert last["Location"].endswith("?page=3#post-45")
    page3 = client.get(last["Location"].split("#")[0])
    assert "Reply number 45" in page3.text and "Reply number 41" in page3.text
    assert "Reply number 40<" not in page3.text
    rows = selectors.with_unread(topics=[Topic.objects.get()], user=learner)
    assert rows[0].unread == 0
    assert (
        "Reply number 45" in client.get(topic.get_absolute_url() + "?page=99").text
    )  # out of range: last page


def test_quote_prefills_the_reply_with_the_source(client_for, champion, reply):
    response = client_for(champion).get(f"/community/t/{reply.topic_id}/reply/?quote={reply.pk}")
    assert "&gt; **Olu Other** wrote:" in response.text
    assert "&gt; Try a lookup table of variants." in response.text


def test_edit_history_is_visible(client_for, learner, other_learner, topic):
    post = topic.posts.get()
    services.post_edit(user=learner, post=post, source="New text here", reason="Clarified")
    history = client_for(other_learner).get(f"/community/p/{post.pk}/history/")
    assert "New text here" in history.text and "Smith Street" in history.text and "Clarified" in history.text
    post.refresh_from_db()
    assert post.edit_count == 1 and post.html == "<p>New text here</p>"


def test_likes_toggle_and_count(client_for, learner, reply):
    client = client_for(learner)
    client.post(f"/community/p/{reply.pk}/like/")
    reply.refresh_from_db()
    assert reply.like_count == 1 and MemberProfile.objects.get(user=reply.author).like_received_count == 1
    client.post(f"/community/p/{reply.pk}/like/")
    reply.refresh_from_db()
    assert reply.like_count == 0
    assert client_for(reply.author).post(f"/community/p/{reply.pk}/like/").status_code == 403


def test_accepted_answer_shown_under_question_and_counted(client_for, learner, reply, other_learner):
    services.post_accept_toggle(user=learner, post=reply)
    page = client_for(other_learner).get(reply.topic.get_absolute_url())
    assert "Accepted answer from Olu Other" in page.text and "Solved" in page.text
    assert selectors.accepted_answer_counts(users=[other_learner]) == {other_learner.pk: 1}
    assert "Unanswered" in client_for(learner).get("/community/unanswered/").text
    assert reply.topic.title not in client_for(learner).get("/community/unanswered/").text


def test_latest_unanswered_and_mine(client_for, learner, other_learner, champion, topic, category):
    services.topic_create(user=champion, category=category, title="Champion's own question", source="Body")
    mine = client_for(learner).get("/community/mine/").text
    assert topic.title in mine and "Champion&#x27;s own question" not in mine
    services.post_create(user=other_learner, topic=topic, source="reply")
    assert topic.title in client_for(other_learner).get("/community/mine/").text
    unanswered = client_for(learner).get("/community/unanswered/").text
    assert "Champion&#x27;s own question" in unanswered and topic.title not in unanswered


def test_search_finds_titles_and_posts_but_not_hidden(client_for, champion, learner, reply, topic):
    client = client_for(learner)
    old = client.get("/community/search/?q=duplicate")
    assert old.status_code == 302 and old["Location"] == "/search/?q=duplicate&type=forum"
    assert "<mark>duplicate</mark>" in client.get(old["Location"]).text
    assert "<mark>lookup</mark> table" in client.get("/search/?q=lookup&type=forum").text
    moderation.post_hide(actor=champion, post=reply, reason="x")
    page = client.get("/search/?q=lookup&type=forum").text
    assert "0 results in forum topics and posts" in page and "lookup table" not in page


def test_lesson_discussion_is_started_by_a_post_and_only_for_lessons(
    client_for, learner, site_with_home, category
):
    from tests.factories.learning import add_catalogue, add_course

    home = Page.objects.get(depth=2)
    course = add_course(add_catalogue(), title="Data quality basics")
    lesson = course.get_children().live().first()
    client = client_for(learner)
    # Reading creates nothing (an image tag in a post would otherwise make topics for every viewer).
    offer = client.get(f"/community/discuss/{lesson.pk}/")
    assert offer.status_code == 200 and "Start the discussion" in offer.text
    assert (
        not Topic.objects.filter(page=lesson).exists() and not Category.objects.filter(page=course).exists()
    )
    first = client.post(f"/community/discuss/{lesson.pk}/")
    second = client.get(f"/community/discuss/{lesson.pk}/")
    again = client.post(f"/community/discuss/{lesson.pk}/")
    assert first.status_code == 302 and first["Location"] == second["Location"] == again["Location"]
    topic = Topic.objects.get(page=lesson)
    assert topic.category.page_id == course.pk and topic.category.name == "Data quality basics"
    assert Category.objects.filter(page=course).count() == 1
    services.post_create(user=learner, topic=topic, source="Question about the lesson")
    request = RequestFactory().get("/")
    request.user = learner
    html = Template("{% load community_tags %}{% discussion_link page %}").render(
        Context({"page": lesson, "request": request})
    )
    assert f'href="{topic.get_absolute_url()}"' in html and "(1 reply)" in html
    # Pages that are not lessons have no discussion, by GET or POST.
    for page in (home, course, course.get_parent()):
        assert client.get(f"/community/discuss/{page.pk}/").status_code == 404
        assert client.post(f"/community/discuss/{page.pk}/").status_code == 404
    assert Topic.objects.count() == 1 + Topic.objects.exclude(page=lesson).count()
    assert not Topic.objects.filter(page__in=[home, course]).exists()


def test_menu_item_and_dashboard_panel(client_for, learner, topic):
    page = client_for(learner).get("/my-learning/")
    assert 'href="/community/"' in page.text and "Community" in page.text
    assert topic.title in page.text


def test_demo_is_idempotent(demo_content):
    from io import StringIO

    from community import demo

    counts = (Category.objects.count(), Topic.objects.count(), Post.objects.count())
    demo.load(stdout=StringIO())
    assert (Category.objects.count(), Topic.objects.count(), Post.objects.count()) == counts
    # Eight business-area categories, one per demo course, and the four starter topics.
    from learning.models import CoursePage

    assert counts[0] == 8 + CoursePage.objects.live().count() and counts[1] == 4
    assert Topic.objects.get(title__startswith="Same street").accepted_post is not None


def test_a_hidden_topics_title_does_not_leak_through_its_posts_short_links(
    client_for, learner, other_learner, champion, topic, reply
):
    first = Post.objects.get(topic=topic, number=1)
    moderation.post_hide(actor=champion, post=first, reason="Personal data in the question")
    topic.refresh_from_db()
    assert topic.is_hidden
    for post in (first, reply):
        response = client_for(other_learner).get(f"/community/p/{post.pk}/")
        assert response.status_code == 404, post.number
        assert topic.slug not in response.get("Location", "")
    # The author and the moderators still follow the link.
    assert (
        client_for(learner).get(f"/community/p/{first.pk}/")["Location"].startswith(topic.get_absolute_url())
    )
    assert client_for(champion).get(f"/community/p/{first.pk}/").status_code == 302
