"""The one site search: every app contributes a provider through SEARCH_PROVIDERS_HOOK; this module cleans the
query, asks each provider (which filters by what the visitor may see), and cuts highlighted snippets.

A provider has a `key` (the type filter in the address, e.g. "forum"), a `label`, an `order`, and
`search(*, query, terms, user, offset, limit) -> ResultSet`. Pages live in Wagtail's search backend (PostgreSQL
full-text search in production, the database backend on SQLite); apps with their own tables search them their
own way. home knows no app above it: everything arrives through the hook.
"""

import logging
import re
import unicodedata
from contextlib import nullcontext
from dataclasses import dataclass, field

from django.core.paginator import Paginator
from django.db import DatabaseError, connection, transaction
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from wagtail import hooks
from wagtail.models import Page, Site

from .hooks import SEARCH_PROVIDERS_HOOK

logger = logging.getLogger(__name__)

QUERY_MAX = 200
TERMS_MAX = 8
SNIPPET_CHARS = 240
PREVIEW_PER_TYPE = 3


def clean_query(raw) -> str:
    """The query as it is searched and shown: control characters (NUL included) and unpaired quotes dropped,
    whitespace collapsed, at most QUERY_MAX characters. Empty when nothing searchable is left."""
    text = unicodedata.normalize("NFKC", str(raw or ""))
    text = "".join(" " if unicodedata.category(ch) in {"Cc", "Cf", "Cs", "Co"} else ch for ch in text)
    if text.count('"') % 2:
        text = text.replace('"', " ")
    text = " ".join(text.split())[:QUERY_MAX].strip()
    return text if re.search(r"\w", text) else ""


def query_terms(query: str) -> list[str]:
    """The words of the query, without quotes or punctuation, longest first (for highlighting and LIKE)."""
    words = {w.lower() for w in re.findall(r"\w[\w'’.-]*\w|\w", query)}
    return sorted(words, key=lambda w: (-len(w), w))[:TERMS_MAX]


@dataclass(frozen=True)
class SearchResult:
    """One thing found: where it is, its title, the text to cut a snippet from, and a line about it."""

    title: str
    url: str
    text: str = ""
    meta: str = ""
    label: str = ""


@dataclass
class ResultSet:
    """What a provider found: how many in all, and the ones asked for (offset, limit)."""

    count: int
    results: list[SearchResult] = field(default_factory=list)


@dataclass
class ProviderResults:
    """A provider's results, ready for the template: snippets highlighted."""

    key: str
    label: str
    count: int
    hits: list[dict]


def search_providers() -> list:
    providers = []
    for fn in hooks.get_hooks(SEARCH_PROVIDERS_HOOK):
        provided = fn()
        providers.extend(provided if isinstance(provided, list | tuple) else [provided])
    return sorted(providers, key=lambda p: (p.order, p.label))


def _pattern(terms: list[str]):
    return re.compile("|".join(re.escape(t) for t in terms), re.IGNORECASE) if terms else None


def highlight(text: str, terms: list[str]) -> SafeString:
    """`text` escaped, with every term wrapped in <mark> (escaping comes first, so nothing in `text` is markup)."""
    pattern = _pattern(terms)
    if pattern is None:
        return mark_safe(escape(text))  # noqa: S308 - escaped just now
    out, position = [], 0
    for match in pattern.finditer(text):
        out.append(escape(text[position : match.start()]))
        out.append(f"<mark>{escape(match.group(0))}</mark>")
        position = match.end()
    out.append(escape(text[position:]))
    return mark_safe("".join(out))  # noqa: S308 - every piece escaped above


def snippet(text: str, terms: list[str], *, size: int = SNIPPET_CHARS) -> SafeString:
    """About `size` characters of `text` around the first term found, highlighted, with … where cut."""
    text = " ".join((text or "").split())
    pattern = _pattern(terms)
    match = pattern.search(text) if pattern else None
    start = 0
    if match and match.start() > size // 3:
        start = text.rfind(" ", 0, match.start() - size // 3) + 1
    end = len(text) if len(text) - start <= size else text.rfind(" ", start, start + size)
    end = start + size if end <= start else end
    piece = text[start:end]
    return highlight(("… " if start else "") + piece + (" …" if end < len(text) else ""), terms)


def _hits(results: list[SearchResult], terms: list[str]) -> list[dict]:
    return [
        {
            "title": highlight(r.title, terms),
            "url": r.url,
            "snippet": snippet(r.text, terms) if r.text else "",
            "meta": r.meta,
            "label": r.label,
        }
        for r in results
    ]


class _Found:
    """One provider's page of results as a sequence a Paginator can number (it already holds the right slice)."""

    def __init__(self, count: int, hits: list):
        self._count, self._hits = count, hits

    def count(self) -> int:
        return self._count

    def __len__(self) -> int:
        return self._count

    def __getitem__(self, item):
        return self._hits


def page_of(section: ProviderResults, *, number: int, size: int):
    """A Paginator page for the chosen provider's results (for components/pagination.html)."""
    return Paginator(_Found(section.count, section.hits), size).get_page(number)


def run(*, query: str, user, kind: str = "", offset: int = 0, limit: int = 10):
    """Search every provider. Returns (the providers' counts and preview hits, the chosen provider or None).
    With `kind`, that provider's results from `offset`; without, the first few of each."""
    terms = query_terms(query)
    sections, chosen = [], None
    for provider in search_providers():
        wanted = provider.key == kind
        try:
            # PostgreSQL aborts the surrounding transaction on a refused query: there, inside one, a savepoint
            # keeps it usable. Pages are served outside any (and SQLite aborts nothing): no extra queries.
            keep = connection.in_atomic_block and connection.vendor == "postgresql"
            with transaction.atomic() if keep else nullcontext():
                found = provider.search(
                    query=query,
                    terms=terms,
                    user=user,
                    offset=offset if wanted else 0,
                    limit=limit if wanted else PREVIEW_PER_TYPE,
                )
        except DatabaseError:
            # The query is cleaned for every backend first (clean_query); should a backend still refuse it,
            # the member sees no results of that kind rather than an error page.
            logger.warning(
                "search refused by the backend provider=%s query=%r", provider.key, query, exc_info=True
            )
            found = ResultSet(0)
        section = ProviderResults(provider.key, provider.label, found.count, _hits(found.results, terms))
        sections.append(section)
        if wanted:
            chosen = section
    return sections, chosen


# --- Pages (Wagtail's search backend) --------------------------------------------------------------


class PageProvider:
    """Published pages anyone may see, of the given types (or, with none, of every type no other provider
    claims). Found through Wagtail's search backend."""

    def __init__(self, *, key: str, label: str, order: int, models=(), label_for=None):
        self.key, self.label, self.order, self.models = key, label, order, tuple(models)
        self.label_for = label_for

    def queryset(self):
        pages = Page.objects.live().public()
        if self.models:
            return pages.type(*self.models)
        claimed = [m for p in search_providers() if isinstance(p, PageProvider) for m in p.models]
        return pages.not_type(*claimed) if claimed else pages

    def search(self, *, query: str, terms, user, offset: int, limit: int) -> ResultSet:
        results = self.queryset().specific().search(query, operator="and")
        count = results.count()
        if not count:
            return ResultSet(0)
        pages = list(results[offset : offset + limit])
        root_paths = Site.get_site_root_paths()  # one cache read for every page's URL, not one per page
        for page in pages:
            page._wagtail_cached_site_root_paths = root_paths  # where Page.url looks first
        return ResultSet(count, [self.result(page) for page in pages])

    def result(self, page) -> SearchResult:
        text = page.search_description or getattr(page, "introduction", "") or getattr(page, "summary", "")
        return SearchResult(
            title=page.title,
            url=page.url,
            text=str(text),
            label=self.label_for(page) if self.label_for else "",
        )


def pages_provider():
    return PageProvider(key="pages", label="Guidance and other pages", order=40)
