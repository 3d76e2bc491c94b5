"""Forum speed with 100,000 posts: median and p99 server time and queries for a topic's first and last page
and the category list. Target: flat with data size, under 50 ms median on SQLite.

    DJANGO_SETTINGS_MODULE=config.settings.test python bench/forum_bench.py [--posts 100000] [--runs 100]

Uses its own database (var/bench-forum.sqlite3 unless DATABASE_URL is set) and rebuilds it when the post
count differs.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
os.environ.setdefault("DATABASE_URL", f"sqlite:///{ROOT / 'var' / 'bench-forum.sqlite3'}")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402

from community.models import Category, Post, Topic  # noqa: E402
from home.models import User  # noqa: E402
from home.services import user_create  # noqa: E402

CATEGORIES = 10
BIG_TOPIC_POSTS = 10_000


def build(total_posts: int) -> None:
    """One big topic (the one measured) plus many ordinary ones, until `total_posts` posts exist."""
    if Post.objects.count() == total_posts:
        return
    Post.objects.all().delete()
    Topic.objects.all().delete()
    Category.objects.all().delete()
    users = [
        User.objects.filter(email=f"bench{n}@test.gov.uk").first()
        or user_create(email=f"bench{n}@test.gov.uk", password=None, first_name="Bench", last_name=str(n))
        for n in range(20)
    ]
    categories = [
        Category.objects.create(name=f"Category {n}", slug=f"cat-{n}", position=n) for n in range(CATEGORIES)
    ]
    remaining = total_posts - BIG_TOPIC_POSTS
    sizes = [BIG_TOPIC_POSTS] + [20] * (remaining // 20)
    now = timezone.now()
    with transaction.atomic():
        for index, size in enumerate(sizes):
            category = categories[index % CATEGORIES]
            topic = Topic.objects.create(
                category=category,
                title=f"Benchmark topic {index}",
                author=users[index % 20],
                post_count=size,
                reply_count=size - 1,
                last_post_at=now,
            )
            Post.objects.bulk_create(
                (
                    Post(
                        topic=topic,
                        number=n,
                        author=users[n % 20],
                        source=f"Post {n} text",
                        html=f"<p>Post {n} text</p>",
                    )
                    for n in range(1, size + 1)
                ),
                batch_size=2000,
            )
        for topic in Topic.objects.all():
            Topic.objects.filter(pk=topic.pk).update(last_post=topic.posts.order_by("-number").first())
        for category in categories:
            from community.moderation import category_refresh_counters

            category_refresh_counters(category=category)


def measure(client: Client, url: str, runs: int) -> tuple[float, float, int]:
    client.get(url)  # warm up
    times, queries = [], 0
    for _ in range(runs):
        with CaptureQueriesContext(connection) as captured:
            start = time.perf_counter()
            response = client.get(url)
            times.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (url, response.status_code)
        queries = max(queries, len(captured))
    times.sort()
    p99 = times[min(len(times) - 1, int(len(times) * 0.99))]
    return statistics.median(times), p99, queries


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--posts", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=100)
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    build(args.posts)
    print(
        f"{connection.vendor}: {Post.objects.count():,} posts in {Topic.objects.count():,} topics "
        f"(setup {time.perf_counter() - started:.1f}s)"
    )
    client = Client()
    client.force_login(User.objects.get(email="bench0@test.gov.uk"))
    big = Topic.objects.get(title="Benchmark topic 0")
    last_page = (big.post_count - 1) // 20 + 1
    for label, url in [
        ("topic page 1", big.get_absolute_url()),
        (f"topic last page ({last_page})", f"{big.get_absolute_url()}?page={last_page}"),
        ("category list (/community/)", "/community/"),
        ("category topics page 1", big.category.get_absolute_url()),
    ]:
        median, p99, queries = measure(client, url, args.runs)
        print(f"  {label:32} median {median:6.1f} ms   p99 {p99:6.1f} ms   queries {queries}")


if __name__ == "__main__":
    main()
