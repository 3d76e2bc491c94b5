"""Route a URL to its page in two queries, not two per level.

Wagtail's `Page.route()` walks the tree: for each path component it loads the child by slug, then that child's
specific page, then asks it to route the rest, so a lesson five levels deep costs eight queries. Every page keeps
its `url_path` (parent's url_path + slug), so one query loads every page the URL passes through; only the page
served (or one whose class routes differently, e.g. a RoutablePage) is then made specific and asked to finish.
The result is the same page Wagtail would find: an intermediate page with the default route() never needed to
be live or specific to pass a request on, a missing level is 404, and a page class that overrides route() is
still asked to route whatever remains below it.

The pages passed through are kept on the request (`routed_ancestors`), so breadcrumbs need no query either;
and when the site has no page view restriction anywhere (home.site_cache knows), the page served is told so,
sparing Wagtail's two queries for its own and its ancestors' restrictions.
"""

from django.http import Http404
from wagtail.models import Page, PageViewRestriction

CHAIN_ATTR = "_academy_route_chain"
# Set by home.site_cache: False when the site has no page view restriction at all (kept in its cache entry and
# dropped when a restriction is saved or deleted). Wagtail then needs no query to find none on the page served.
RESTRICTIONS_ATTR = "_academy_view_restrictions_exist"


def _no_view_restrictions():
    return PageViewRestriction.objects.none()


def _routes_by_default(page) -> bool:
    cls = page.specific_class
    return cls is not None and cls.route is Page.route


def route_by_url_path(root, request, path_components):
    """What `root.route(request, path_components)` returns, in two queries for default-routed pages."""
    if not path_components:
        return Page.route(root, request, path_components)
    wanted = [root.url_path + "/".join(path_components[:n]) + "/" for n in range(1, len(path_components) + 1)]
    found = {
        page.url_path: page
        for page in Page.objects.filter(url_path__in=wanted, path__startswith=root.path, depth__gt=root.depth)
    }
    chain, parent = [root], root
    for n, url_path in enumerate(wanted):
        page = found.get(url_path)
        if page is None or page.depth != parent.depth + 1 or not page.path.startswith(parent.path):
            raise Http404
        page._cached_parent_obj = parent  # treebeard's get_parent() then needs no query
        remaining = path_components[n + 1 :]
        if not remaining or not _routes_by_default(page):
            if request is not None:
                setattr(request, CHAIN_ATTR, (page.pk, chain))
            result = page.specific.route(request, remaining)
            if request is not None and getattr(request, RESTRICTIONS_ATTR, True) is False:
                result[0].get_view_restrictions = _no_view_restrictions  # on this instance only
                # For pages that list others: `.public()` (a query for every restriction) can be left out.
                result[0].academy_view_restrictions_exist = False
            return result
        chain.append(page)
        parent = page
    raise Http404  # not reached: the last component always returns above


def routed_ancestors(request, page) -> list | None:
    """The pages above `page` from the site root down, when this request was routed to it; else None."""
    stored = getattr(request, CHAIN_ATTR, None)
    if stored is None or stored[0] != page.pk:
        return None
    return stored[1]


class FastRouteMixin:
    """For a site's root page: route requests below it with `route_by_url_path`."""

    def route(self, request, path_components):
        return route_by_url_path(self, request, path_components)
