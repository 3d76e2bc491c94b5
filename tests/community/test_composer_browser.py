"""What only a browser shows: the live preview, adding an image with its description, and the one search page
with its filters; axe finds nothing and nothing scrolls sideways at 320px."""

import pytest
from PIL import Image

from community import services
from community.models import Category, Post, PostImage

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def forum(site_with_home, learner, champion, other_learner):
    from django.test import override_settings

    category = Category.objects.create(name="Data quality", slug="data-quality", description="Duplicates.")
    category.moderators.add(champion)
    with override_settings(COMMUNITY_NEW_ACCOUNT_POSTS_PER_HOUR=1000):
        topic = services.topic_create(
            user=learner,
            category=category,
            title="How do I remove duplicate addresses?",
            source="The Data & Insight team sent a list with duplicates.",
        )
        services.post_create(user=other_learner, topic=topic, source="A lookup table of duplicates helps.")
    return topic


def _no_sideways_scroll(page):
    page.set_viewport_size({"width": 320, "height": 800})
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    page.set_viewport_size({"width": 1200, "height": 900})


def test_live_preview_while_typing(page, sign_in, axe_check, learner, forum):
    sign_in(page, learner)
    page.goto(f"/community/t/{forum.pk}/reply/")
    assert page.locator("[data-composer-preview]").is_hidden()
    page.get_by_label("Your reply").fill("**Bold** and ~~old~~\n- [x] done\nsee www.example.org")
    preview = page.locator("[data-composer-preview-body]")
    preview.locator("strong").wait_for()
    assert preview.locator("strong").inner_text() == "Bold"
    assert preview.locator("s").inner_text() == "old"
    assert preview.locator("a[href='http://www.example.org']").count() == 1
    assert Post.objects.count() == 2  # previewing posts nothing
    axe_check(page)
    _no_sideways_scroll(page)
    assert page.off_host_requests == []


def test_add_an_image_with_its_description(page, sign_in, axe_check, learner, forum, tmp_path):
    path = tmp_path / "chart.png"
    Image.new("RGB", (120, 80), "teal").save(path, "PNG")
    sign_in(page, learner)
    page.goto(f"/community/t/{forum.pk}/reply/")
    page.get_by_label("Your reply").fill("Here is the chart")
    page.get_by_label("Image file").set_input_files(str(path))
    page.get_by_role("button", name="Preview").click()
    page.wait_for_load_state()
    assert (
        "Describe the image for people who cannot see it" in page.locator(".govuk-error-summary").inner_text()
    )
    assert not PostImage.objects.exists()
    axe_check(page)
    page.get_by_label("Image file").set_input_files(str(path))
    page.get_by_label("Describe the image").fill("Teal bar chart of missed bins")
    page.get_by_role("button", name="Preview").click()
    page.wait_for_load_state()
    image = PostImage.objects.get()
    assert (
        f"![Teal bar chart of missed bins](/community/images/{image.key}/)"
        in page.get_by_label("Your reply").input_value()
    )
    shown = page.locator("[data-composer-preview-body] img")
    assert shown.get_attribute("alt") == "Teal bar chart of missed bins"
    assert page.evaluate("document.querySelector('[data-composer-preview-body] img').naturalWidth") == 120
    page.get_by_role("button", name="Post reply").click()
    page.wait_for_load_state()
    assert (
        page.locator("#post-3 .academy-post__body img").get_attribute("alt")
        == "Teal bar chart of missed bins"
    )
    axe_check(page)
    _no_sideways_scroll(page)
    assert page.off_host_requests == []


def test_the_one_search_with_filters(page, sign_in, axe_check, learner, forum):
    sign_in(page, learner)
    page.goto("/")
    page.get_by_label("Search the Data Academy").fill("duplicates")
    page.get_by_label("Search the Data Academy").press("Enter")
    page.wait_for_load_state()
    assert page.locator("h2", has_text="results for").count() == 1
    axe_check(page)
    _no_sideways_scroll(page)
    page.get_by_role("link", name="Forum topics and posts (2)").click()
    page.wait_for_load_state()
    assert page.locator("[aria-current=page]", has_text="Forum topics and posts (2)").count() == 1
    assert page.locator(".academy-search-hit mark").first.inner_text().lower() == "duplicates"
    assert (
        page.locator(".academy-search-hit", has_text="The Data & Insight team").count() == 1
    )  # escaped once
    axe_check(page)
    _no_sideways_scroll(page)
    assert page.off_host_requests == []
