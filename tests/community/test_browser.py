"""What only a browser shows: replying by keyboard, scripts in posts never run, axe on every forum page."""

import pytest

from community import moderation, services
from community.models import Category, Post

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def forum(site_with_home, learner, champion, other_learner):
    category = Category.objects.create(name="Data quality", slug="data-quality", description="Duplicates.")
    category.moderators.add(champion)
    from django.test import override_settings

    with override_settings(COMMUNITY_NEW_ACCOUNT_POSTS_PER_HOUR=1000):
        topic = services.topic_create(
            user=learner,
            category=category,
            title="How do I remove duplicates?",
            source="Smith Street vs Smith Str",
        )
        reply = services.post_create(
            user=other_learner, topic=topic, source="<script>window.pwned = true</script>\n\n**Try** a lookup"
        )
    moderation.post_flag(user=learner, post=reply, reason="spam")
    return topic


def test_reply_with_markdown_by_keyboard(page, sign_in, learner, forum):
    sign_in(page, learner)
    page.goto(forum.get_absolute_url())
    page.get_by_label("Your reply").focus()
    page.keyboard.type("Thanks! **Bold idea**\n\n- one\n- two")
    for _ in range(3):  # past the image file and its description, to the button
        page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Post reply"
    page.keyboard.press("Enter")
    page.wait_for_load_state()
    assert page.locator("#post-3 .academy-post__body strong").inner_text() == "Bold idea"
    assert page.locator("#post-3 .academy-post__body li").count() == 2
    assert Post.objects.filter(topic=forum, number=3).exists()
    assert page.off_host_requests == []


def test_script_in_a_post_does_not_run(page, sign_in_with_second_factor, champion, forum):
    # A moderator: signed in with the second factor their moderation needs.
    sign_in_with_second_factor(page, champion)
    page.goto(forum.get_absolute_url())
    assert page.evaluate("window.pwned === undefined")
    assert "<script>window.pwned" in page.locator("#post-2 .academy-post__body").inner_text()
    assert page.locator("#post-2 .academy-post__body script").count() == 0


def test_forum_pages_pass_axe(page, axe_check, sign_in_with_second_factor, champion, forum):
    sign_in_with_second_factor(page, champion)
    reply = forum.posts.get(number=2)
    for path in (
        "/community/",
        "/community/c/data-quality/",
        forum.get_absolute_url(),
        f"/community/t/{forum.pk}/reply/?quote={reply.pk}",
        "/community/moderation/",
        "/community/notifications/",
        "/community/notifications/settings/",
        "/community/search/?q=duplicates",
        f"/community/p/{reply.pk}/flag/",
        f"/community/t/{forum.pk}/moderate/",
        "/community/moderation/log/",
    ):
        page.goto(path)
        axe_check(page)
    page.goto(f"/community/t/{forum.pk}/reply/")
    page.get_by_role("button", name="Post reply").click()  # empty: the error summary must pass too
    assert "Enter your reply" in page.content()
    axe_check(page)
    assert page.off_host_requests == []
