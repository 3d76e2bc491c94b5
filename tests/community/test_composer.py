"""The composer: preview is exactly what is posted, works without JavaScript, and the live endpoint is guarded."""

from django.test import Client, override_settings

from community import services
from community.models import Post

SOURCE = "Hi @olu-other\n\n- [x] removed duplicates\n- [ ] ~~checked~~ postcodes\n\nsee www.example.org"


def test_live_preview_is_the_posted_html(client_for, learner, other_learner, topic):
    services.profile_for(user=other_learner)
    client = client_for(learner)
    preview = client.post("/community/preview/", {"body": SOURCE})
    assert preview.status_code == 200 and preview["Content-Type"] == "text/html; charset=utf-8"
    assert "no-store" in preview["Cache-Control"]
    posted = services.post_create(user=learner, topic=topic, source=SOURCE)
    assert preview.content.decode() == posted.html
    assert 'class="academy-mention"' in posted.html and "<s>checked</s>" in posted.html


def test_live_preview_escapes_and_cleans(client_for, learner):
    html = client_for(learner).post("/community/preview/", {"body": "<script>alert(1)</script>"}).text
    assert html == "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>"


def test_live_preview_needs_the_csrf_token_and_a_member(learner, client):
    guarded = Client(enforce_csrf_checks=True)
    guarded.force_login(learner)
    assert guarded.post("/community/preview/", {"body": "x"}).status_code == 403
    assert "/accounts/login/" in client.post("/community/preview/", {"body": "x"})["Location"]
    assert guarded.get("/community/preview/").status_code == 405


@override_settings(COMMUNITY_PREVIEWS_PER_MINUTE=3)
def test_live_preview_is_rate_limited(client_for, learner):
    client = client_for(learner)
    statuses = [client.post("/community/preview/", {"body": "x"}).status_code for _ in range(5)]
    assert statuses == [200, 200, 200, 429, 429]


def test_preview_button_without_javascript_keeps_the_text_and_posts_nothing(client_for, learner, topic):
    client = client_for(learner)
    page = client.post(
        f"/community/t/{topic.pk}/reply/", {"body": "**Bold** idea\nsecond line", "action": "preview"}
    )
    assert page.status_code == 200 and Post.objects.count() == 1
    assert "<p><strong>Bold</strong> idea<br>\nsecond line</p>" in page.text  # the preview
    assert "**Bold** idea\nsecond line</textarea>" in page.text  # the text, kept
    new_topic = client.post(
        f"/community/c/{topic.category.slug}/new/",
        {"title": "Previewing a new topic", "body": "# Heading", "action": "preview"},
    )
    assert "<h1>Heading</h1>" in new_topic.text and 'value="Previewing a new topic"' in new_topic.text
    post = topic.posts.get()
    edit = client.post(f"/community/p/{post.pk}/edit/", {"body": "Changed *text*", "action": "preview"})
    assert "<em>text</em>" in edit.text
    post.refresh_from_db()
    assert post.source != "Changed *text*"
