"""`rerender_posts` renders stored Markdown again after the renderer changes: posts, their earlier versions
and champions' bios; what is already current is not written, so a second run changes nothing."""

import io

import pytest
from django.core.management import call_command

from community.champions.models import ChampionProfile
from community.markup import render_markdown
from community.models import Post
from community.services import topic_create
from tests.factories.champions import make_champion
from tests.factories.community import CategoryFactory


@pytest.mark.django_db
def test_rerender_updates_stale_posts_and_champion_bios_once(learner):
    topic = topic_create(
        user=learner,
        category=CategoryFactory(),
        title="Stale HTML",
        source="A **bold** claim at https://example.org",
    )
    post = topic.posts.get(number=1)
    champion = make_champion("cham@test.gov.uk", "Cam", "Pion", bio="I help with ~~nothing~~ *pivot tables*")
    Post.objects.filter(pk=post.pk).update(html="<p>old renderer</p>")
    ChampionProfile.objects.filter(pk=champion.pk).update(bio_html="<p>old renderer</p>")

    out = io.StringIO()
    call_command("rerender_posts", stdout=out)
    assert "Re-rendered 1 of the posts." in out.getvalue()
    assert "Re-rendered 1 of the champion bios." in out.getvalue()
    post.refresh_from_db()
    champion.refresh_from_db()
    assert "<strong>bold</strong>" in post.html and 'href="https://example.org"' in post.html
    assert champion.bio_html == render_markdown(champion.bio)
    assert "<s>nothing</s>" in champion.bio_html or "<del>nothing</del>" in champion.bio_html

    again = io.StringIO()
    call_command("rerender_posts", stdout=again)
    assert "Re-rendered 0 of the posts." in again.getvalue()
    assert "Re-rendered 0 of the champion bios." in again.getvalue()
