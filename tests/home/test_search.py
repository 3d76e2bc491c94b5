"""The one site search: every kind of thing in one page, filtered by type, with counts, highlighted snippets, and
only what the visitor may see."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from community import moderation, services
from community.models import Category
from home.search import clean_query, highlight, query_terms, snippet


def reads(queries: CaptureQueriesContext) -> list[str]:
    """The captured statements that are not savepoints (SAVEPOINT, RELEASE, ROLLBACK TO)."""
    skip = ("SAVEPOINT", "RELEASE SAVEPOINT", "ROLLBACK TO SAVEPOINT")
    return [q["sql"] for q in queries.captured_queries if not q["sql"].lstrip().upper().startswith(skip)]


pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("  duplicate   addresses ", "duplicate addresses"),
        ("dupli\x00cate", "dupli cate"),
        ('"unbalanced quote', "unbalanced quote"),
        ('"street names"', '"street names"'),
        ("tab\tand\u200bzero width", "tab and zero width"),
        ("'; DROP TABLE x; --", "'; DROP TABLE x; --"),
        ("!!! ??", ""),
        ("x" * 500, "x" * 200),
    ],
)
def test_clean_query(raw, clean):
    assert clean_query(raw) == clean


def test_highlight_escapes_first():
    assert (
        highlight("Data & Insight <b>team</b>", ["insight"])
        == "Data &amp; <mark>Insight</mark> &lt;b&gt;team&lt;/b&gt;"
    )
    assert query_terms('"Data & Insight" data') == ["insight", "data"]
    long = "word " * 100 + "needle " + "word " * 100
    cut = snippet(long, ["needle"])
    assert "<mark>needle</mark>" in cut and cut.startswith("… ") and cut.endswith(" …") and len(cut) < 320


@pytest.fixture
def forum(db, site_with_home, learner, other_learner, champion):
    category = Category.objects.create(name="Data quality", slug="data-quality")
    category.moderators.add(champion)
    topic = services.topic_create(
        user=learner,
        category=category,
        title="How do I remove duplicate addresses?",
        source="The Data & Insight team sent a list with Smith Street and Smith Str.",
    )
    reply = services.post_create(
        user=other_learner, topic=topic, source="A lookup table of duplicates helps."
    )
    hidden_topic = services.topic_create(
        user=other_learner,
        category=category,
        title="Secret duplicate spreadsheet",
        source="Hidden first post",
    )
    moderation.post_hide(actor=champion, post=hidden_topic.posts.get(), reason="Personal data")
    return {"topic": topic, "reply": reply, "hidden_topic": hidden_topic, "category": category}


def test_forum_topics_are_found_with_marked_terms_and_no_double_escaping(client_for, learner, forum):
    page = client_for(learner).get("/search/", {"q": "insight", "type": "forum"}).text
    assert "How do I remove duplicate addresses?" in page
    assert "The Data &amp; <mark>Insight</mark> team" in page and "&amp;amp;" not in page
    assert "1 result in forum topics and posts" in page


def test_a_title_match_comes_first(client_for, learner, forum):
    response = client_for(learner).get("/search/", {"q": "duplicate", "type": "forum"})
    hits = response.context["chosen"].hits
    assert [h["url"] for h in hits][:2] == [
        forum["topic"].posts.get(number=1).get_absolute_url(),
        forum["reply"].get_absolute_url(),
    ]


@pytest.mark.parametrize("who", ["learner", "champion"])
def test_hidden_posts_and_topics_never_appear_even_to_moderators(client_for, learner, champion, forum, who):
    client = client_for({"learner": learner, "champion": champion}[who])
    for query in ("secret", "hidden", "spreadsheet"):
        response = client.get("/search/", {"q": query})
        assert "Secret duplicate spreadsheet" not in response.text
        assert {s.key: s.count for s in response.context["sections"]}["forum"] == 0
    moderation.post_hide(actor=champion, post=forum["reply"], reason="Off topic")
    assert "lookup table" not in client.get("/search/", {"q": "lookup", "type": "forum"}).text


def test_anonymous_visitors_see_pages_only(client, forum):
    response = client.get("/search/", {"q": "duplicate"})
    counts = {s.key: s.count for s in response.context["sections"]}
    assert counts["forum"] == 0 and counts["champions"] == 0 and counts["datasets"] == 0
    assert "duplicate addresses" not in response.text
    assert client.get("/search/", {"q": "accessible"}).context["total"] >= 1


def test_every_kind_in_one_search_with_filters_and_counts(client_for, demo_content):
    from home.models import User

    client = client_for(User.objects.get(email="learner@example.gov.uk"))
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/search/", {"q": "data"})
    assert response.status_code == 200
    # Savepoints around each provider (PostgreSQL, inside the test's transaction) are not reads.
    assert len(reads(queries)) <= 31
    counts = {s.key: s.count for s in response.context["sections"]}
    assert set(counts) == {"courses", "lessons", "forum", "pages", "champions", "datasets", "competencies"}
    for key in ("courses", "lessons", "champions", "competencies"):
        assert counts[key] > 0, key
    assert response.context["total"] == sum(counts.values())
    for key, count in counts.items():
        if count:
            assert f"type={key}" in response.text
    surname = client.get("/search/", {"q": "Okafor"})
    assert {s.key: s.count for s in surname.context["sections"]}["champions"] == 1
    assert "Amara <mark>Okafor</mark>" in surname.text
    datasets = client.get("/search/", {"q": "fly-tipping", "type": "datasets"})
    assert datasets.context["chosen"].count == 1 and "<mark>Fly-tipping</mark>" in datasets.text
    courses = client.get("/search/", {"q": "data", "type": "courses"})
    assert courses.context["chosen"].key == "courses" and 'aria-current="page"' in courses.text


HOSTILE_QUERIES = [
    '"',
    "\x00",
    'a"b',
    '""',
    '"a" "b',
    'a"b"c',
    '"street" AND "',
    "NEAR(a b)",
    "a*",
    "*",
    "-a",
    "a:b",
    "col:value",
    "^a",
    "a OR",
    "AND",
    "(",
    ")",
    "a'b",
    "'",
    "\\",
    "%",
    "_",
    "{a}",
    "[a]",
    "a & b | !c",
    "<->",
    "a" * 300,
    "ß\u0301 Ω",
]


@pytest.mark.parametrize("query", HOSTILE_QUERIES)
def test_any_search_text_gives_a_results_page_never_an_error(client_for, learner, forum, query):
    """The full-text backends (SQLite FTS5, PostgreSQL tsquery) have query syntaxes of their own; whatever a
    member types is searched as words, for pages and forum posts alike, and an error is never a 503."""
    client = client_for(learner)
    for kind in ("", "pages", "forum"):
        response = client.get("/search/", {"q": query, "type": kind})
        assert response.status_code == 200, (query, kind, response.status_code)
    assert client.get("/community/search/", {"q": query}, follow=True).status_code == 200
    assert client_for(None).get("/search/", {"q": query}).status_code == 200


def test_a_query_the_backend_refuses_is_no_results_not_an_outage(client_for, learner, forum, monkeypatch):
    """Were a backend still to refuse a query (SQLite's FTS5 raises OperationalError for its own syntax), the
    page shows no results of that kind; and such an error elsewhere is a 500, never the 503 of an outage."""
    from django.db import OperationalError
    from django.test import RequestFactory

    from home.search import PageProvider
    from home.views import server_error

    def refuse(self, **kwargs):
        raise OperationalError('fts5: syntax error near """')

    monkeypatch.setattr(PageProvider, "search", refuse)
    response = client_for(learner).get("/search/", {"q": "addresses"})
    assert response.status_code == 200
    try:
        raise OperationalError('fts5: syntax error near """')
    except OperationalError:
        assert server_error(RequestFactory().get("/search/")).status_code == 500
