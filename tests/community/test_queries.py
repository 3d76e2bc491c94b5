"""Pages stay flat: query ceilings with 1,000 posts, and exact counters when many reply at once (PostgreSQL)."""

import threading

import pytest
from django.conf import settings
from django.db import connections
from django.utils import timezone

from community import services
from community.models import Category, Post, Topic
from tests.conftest import make_user


def bulk_topic(*, category, author, posts: int, title="Busy topic") -> Topic:
    """A topic with `posts` posts written straight to the database (no rendering, no notifications)."""
    now = timezone.now()
    topic = Topic.objects.create(
        category=category,
        title=title,
        author=author,
        post_count=posts,
        reply_count=posts - 1,
        last_post_at=now,
    )
    Post.objects.bulk_create(
        Post(topic=topic, number=n, author=author, source=f"Post {n}", html=f"<p>Post {n}</p>")
        for n in range(1, posts + 1)
    )
    last = topic.posts.get(number=posts)
    Topic.objects.filter(pk=topic.pk).update(last_post=last)
    Category.objects.filter(pk=category.pk).update(topic_count=1, post_count=posts, last_post=last)
    return topic


@pytest.fixture
def busy(category, learner, other_learner):
    topic = bulk_topic(category=category, author=other_learner, posts=1000)
    for n in range(40):  # and a full page of other topics in the category
        bulk_topic(category=category, author=learner, posts=2, title=f"Other topic {n}")
    return topic


@pytest.mark.parametrize("role", ["learner", "champion", "admin_user"])
def test_topic_and_category_pages_have_query_ceilings(
    role, request, busy, client_for, django_assert_max_num_queries
):
    client = client_for(request.getfixturevalue(role))
    client.get("/community/")  # warm the session
    # Four of these are the layout's (session, user, roles, notification badge) and one the site's cached
    # chrome (branding, footer, menu: home/site_cache.py).
    with django_assert_max_num_queries(20):  # a moderating champion's second-factor check included
        assert client.get(busy.get_absolute_url()).status_code == 200
    with django_assert_max_num_queries(14):  # and here, as on every page
        assert client.get(busy.get_absolute_url() + "?page=50").status_code == 200
    with django_assert_max_num_queries(13):
        response = client.get(f"/community/c/{busy.category.slug}/")
        assert response.status_code == 200 and "Other topic" in response.text
    with django_assert_max_num_queries(9):  # a moderating champion: the moderator and second-factor checks
        assert client.get("/community/").status_code == 200
    with django_assert_max_num_queries(10):
        assert client.get("/community/latest/").status_code == 200


@pytest.mark.skipif(
    "postgresql" not in settings.DATABASES["default"]["ENGINE"],
    reason="SQLite serialises every write, so it cannot show a race; run with DATABASE_URL=postgres://...",
)
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_many_replies_at_once_leave_exact_counts():
    category = Category.objects.create(name="Race", slug="race")
    author = make_user("starter@test.gov.uk")
    topic = services.topic_create(user=author, category=category, title="Everyone reply at once", source="Go")
    writers = [make_user(f"writer{n}@test.gov.uk") for n in range(8)]
    per_writer, errors = 5, []
    barrier = threading.Barrier(len(writers))

    def write(user):
        try:
            barrier.wait()
            for n in range(per_writer):
                services.post_create(
                    user=user, topic=Topic.objects.get(pk=topic.pk), source=f"{user.email} {n}"
                )
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            connections.close_all()

    from django.test import override_settings

    with override_settings(COMMUNITY_NEW_ACCOUNT_POSTS_PER_HOUR=1000):
        threads = [threading.Thread(target=write, args=(u,)) for u in writers]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    assert errors == []
    total = 1 + len(writers) * per_writer
    topic.refresh_from_db()
    category.refresh_from_db()
    newest = Post.objects.filter(topic=topic).order_by("-pk").first()
    assert topic.post_count == total and topic.reply_count == total - 1
    assert sorted(Post.objects.filter(topic=topic).values_list("number", flat=True)) == list(
        range(1, total + 1)
    )
    assert topic.last_post_id == newest.pk == category.last_post_id
    assert category.post_count == total and category.topic_count == 1
