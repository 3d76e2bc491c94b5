"""The forums' part of the one site search (home.search): visible topics and posts matching the query.

On PostgreSQL, posts and topic titles are matched with full-text search against the search-vector (GIN)
index of migration 0005 (a stored vector; titles 0004's expression index), ranked by ts_rank (newest first when very many match); on SQLite every word must appear (LIKE), newest first. Either
way a topic whose title matches brings its first post, title matches come first, and hidden posts and hidden
topics never appear, whoever searches.
"""

from django.db import connection
from django.db.models import BooleanField, Case, F, FloatField, IntegerField, Q, Value, When
from django.db.models.expressions import RawSQL

from home.permissions import can
from home.search import ResultSet, SearchResult

from .markup import plain_text
from .models import Post, Topic

CONFIG = "english"
# Ranking reads each matching post's stored vector: above this many matches, newest first instead.
RANK_AT_MOST = 2000


# The stored, generated tsvector column of migration 0005 (PostgreSQL only; not a model field). Unqualified,
# so it resolves inside Django's aliased subqueries as well as in the outer query.
_POST_HIT = "search_vector @@ websearch_to_tsquery(%s::regconfig, %s)"
_POST_RANK = "ts_rank(search_vector, websearch_to_tsquery(%s::regconfig, %s))"


def _postgres_matches(query: str):
    from django.contrib.postgres.search import SearchQuery, SearchVector

    search = SearchQuery(query, config=CONFIG, search_type="websearch")
    # Titles: the same expression as migration 0004's index, so PostgreSQL reads the index.
    topics = Topic.objects.annotate(vector=SearchVector("title", config=CONFIG)).filter(vector=search)
    hit = RawSQL(_POST_HIT, (CONFIG, query), output_field=BooleanField())  # noqa: S611 - constant SQL, bound query
    posts = Post.objects.filter(hit)
    title_hit = Q(number=1, topic_id__in=topics.values("pk"))
    matches = Post.objects.filter(title_hit | Q(pk__in=posts.values("pk")))
    rank = RawSQL(_POST_RANK, (CONFIG, query), output_field=FloatField())  # noqa: S611 - constant SQL, bound query
    return matches, title_hit, [F("title_first").asc(), F("rank").desc(), F("pk").desc()], {"rank": rank}


def _like_matches(terms: list[str]):
    in_title, in_post = Q(), Q()
    for term in terms:
        in_title &= Q(title__icontains=term)
        in_post &= Q(source__icontains=term)
    title_hit = Q(number=1, topic_id__in=Topic.objects.filter(in_title).values("pk"))
    matches = Post.objects.filter(title_hit | in_post)
    return matches, title_hit, [F("title_first").asc(), F("pk").desc()], {}


def matching_posts(*, query: str, terms: list[str], rank: bool = True):
    """Visible posts matching the query (a queryset to count) and the same, best first (slice it). Without
    `rank`, title matches first and then newest first."""
    if connection.vendor == "postgresql":
        matches, title_hit, order, extra = _postgres_matches(query)
    else:
        matches, title_hit, order, extra = _like_matches(terms)
    if not rank:
        order, extra = [F("title_first").asc(), F("pk").desc()], {}
    visible = matches.filter(is_hidden=False, topic__is_hidden=False)
    first = Case(When(title_hit, then=Value(0)), default=Value(1), output_field=IntegerField())
    return visible, visible.annotate(title_first=first, **extra).order_by(*order)


class ForumProvider:
    """Forum topics and posts, for signed-in members of staff (who may read the forums)."""

    key = "forum"
    label = "Forum topics and posts"
    order = 30

    def search(self, *, query: str, terms: list[str], user, offset: int, limit: int) -> ResultSet:
        if not terms or not can(user, "view_forum"):
            return ResultSet(0)
        visible, _ = matching_posts(query=query, terms=terms)
        count = visible.count()
        if not count:
            return ResultSet(0)
        _, ranked = matching_posts(query=query, terms=terms, rank=count <= RANK_AT_MOST)
        page = ranked.select_related("topic__category", "author")[offset : offset + limit]
        return ResultSet(count, [self.result(post) for post in page])

    @staticmethod
    def result(post: Post) -> SearchResult:
        title = post.topic.title if post.number == 1 else f"{post.topic.title} (reply #{post.number})"
        author = post.author.display_name if post.author else "Data Academy"
        return SearchResult(
            title=title,
            url=post.get_absolute_url(),
            text=plain_text(post.html),
            meta=f"In {post.topic.category.name}, by {author}, {post.created_at:%-d %b %Y}",
            label="Topic" if post.number == 1 else "Reply",
        )


def forum_provider():
    return ForumProvider()
