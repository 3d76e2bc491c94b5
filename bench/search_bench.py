"""The one site search at council size: 100,000 forum posts plus every demo page (courses, lessons, guidance),
champions, datasets and competencies. Prints median and p99 server time and the largest query count per query.

    DJANGO_SETTINGS_MODULE=config.settings.test python bench/search_bench.py [--posts 100000] [--runs 30]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/da_forums_bench python bench/search_bench.py

Uses its own database (var/bench-search.sqlite3 unless DATABASE_URL is set), rebuilt when the post count differs.
Post text is drawn from a fixed vocabulary of council data talk (seeded), so common words match tens of
thousands of posts and rare ones a handful.
"""

import argparse
import io
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
os.environ.setdefault("DATABASE_URL", f"sqlite:///{ROOT / 'var' / 'bench-search.sqlite3'}")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402

from community.markup import render_markdown  # noqa: E402
from community.models import Category, Post, Topic  # noqa: E402
from home.models import User  # noqa: E402

TOPIC_SIZE = 20
SUBJECTS = ["addresses", "postcodes", "street names", "care packages", "missed bins", "potholes", "library visits",
            "fly-tipping", "council tax", "school places", "waiting lists", "housing repairs"]  # fmt: skip
VERBS = ["remove duplicate", "match", "clean", "count", "chart", "join", "validate", "publish", "summarise"]
PHRASES = [
    "I tried a pivot table but the totals do not match the monthly report.",
    "Use a lookup table of the known variants, then check the rest by hand.",
    "The Data & Insight team keep a gazetteer extract with every UPRN.",
    "Power Query can trim spaces and fix the case before you merge.",
    "Remember the data protection rules before you share the extract.",
    "Our service area uses the same spreadsheet every quarter.",
    "Python with pandas drops duplicates in one line: df.drop_duplicates().",
    "A bar chart works better than a pie chart for these counts.",
]
QUERIES = [
    ("common word", "data"),
    ("topic title words", "duplicate addresses"),
    ("rare word", "gazetteer"),
    ("phrase", '"lookup table"'),
    ("champion surname", "Okafor"),
    ("no match", "zzzyqx"),
]


def _text(rng: random.Random, n: int) -> str:
    subject = rng.choice(SUBJECTS)
    return f"Post {n} about {subject}. " + " ".join(rng.sample(PHRASES, 2))


def build(total_posts: int) -> None:
    """Demo content (pages, courses, lessons, champions, datasets, competencies) plus topics of 20 posts."""
    if Post.objects.count() >= total_posts:
        return
    call_command("load_demo_content", stdout=io.StringIO())
    rng = random.Random(20)  # noqa: S311 - benchmark text, not security
    users = list(User.objects.order_by("pk")[:20])
    categories = list(Category.objects.all()) or [Category.objects.create(name="Bench", slug="bench")]
    now = timezone.now()
    needed = total_posts - Post.objects.count()
    with transaction.atomic():
        for index in range(needed // TOPIC_SIZE):
            title = f"How do I {rng.choice(VERBS)} {rng.choice(SUBJECTS)}? ({index})"
            topic = Topic.objects.create(
                category=categories[index % len(categories)],
                title=title,
                author=users[index % len(users)],
                post_count=TOPIC_SIZE,
                reply_count=TOPIC_SIZE - 1,
                last_post_at=now,
            )
            posts = []
            for n in range(1, TOPIC_SIZE + 1):
                source = _text(rng, n)
                posts.append(
                    Post(
                        topic=topic,
                        number=n,
                        author=users[n % len(users)],
                        source=source,
                        html=render_markdown(source),
                    )
                )
            Post.objects.bulk_create(posts, batch_size=2000)


def measure(client: Client, url: str, runs: int) -> tuple[float, float, int, int]:
    client.get(url)  # warm up
    times, queries, status = [], 0, 0
    for _ in range(runs):
        with CaptureQueriesContext(connection) as captured:
            start = time.perf_counter()
            response = client.get(url)
            times.append((time.perf_counter() - start) * 1000)
        status = response.status_code
        queries = max(queries, len(captured))
    times.sort()
    p99 = times[min(len(times) - 1, int(len(times) * 0.99))]
    return statistics.median(times), p99, queries, status


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--posts", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)
    started = time.perf_counter()
    build(args.posts)
    from wagtail.models import Page

    print(
        f"{connection.vendor}: {Post.objects.count():,} posts in {Topic.objects.count():,} topics, "
        f"{Page.objects.live().count()} live pages (setup {time.perf_counter() - started:.1f}s)"
    )
    client = Client()
    client.force_login(User.objects.get(email="learner@example.gov.uk"))
    for label, query in QUERIES:
        for scope, extra in (("all types", ""), ("forum only", "&type=forum")):
            median, p99, queries, status = measure(client, f"/search/?q={query}{extra}", args.runs)
            print(
                f"  {label:18} {query!s:22} {scope:11} median {median:7.1f} ms   p99 {p99:7.1f} ms   "
                f"queries {queries:3}   status {status}"
            )
    median, p99, queries, status = measure(client, "/search/?q=data&type=forum&page=50", args.runs)
    print(f"  {'deep page (50)':18} {'data':22} {'forum only':11} median {median:7.1f} ms   p99 {p99:7.1f} ms   "
          f"queries {queries:3}   status {status}")  # fmt: skip


if __name__ == "__main__":
    main()
