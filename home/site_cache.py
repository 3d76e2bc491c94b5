"""What every page of a site needs and no learner changes, read in one cache lookup per request.

Without it each page asks the database for the site (by hostname), its root page, the site root paths
(Wagtail's, for page URLs), the branding with its footer links and footer pages, and the main menu (e.g. the
catalogue's URL): seven queries or more, whatever the page. `SiteChromeMiddleware` reads them all from one
cache entry and puts them where Wagtail and the templates look first (the request's cached site, root paths
and site setting, `main_menu_items`). The entry is built on the first request for a host and dropped whenever
something in it may have changed: a page published, unpublished, moved or deleted, a site, the branding or a
footer link or a page view restriction saved or deleted (and after CACHE_SECONDS in any case). It also
records whether the site has any page view restriction (home.routing then spares Wagtail looking for one).

Main menu hooks are therefore called once per site, not per request: they must depend only on the site (the
request is passed for `get_url(request)`), never on the user; `requires_login` hides items from visitors.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from django.core.cache import cache
from django.db import transaction
from django.db.models import Exists
from django.db.models.signals import post_delete, post_save
from django.http.request import split_domain_port
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from home.routing import RESTRICTIONS_ATTR

CACHE_KEY = "academy:site-chrome:v1"
CACHE_SECONDS = 600
# The lab's files, static and media files and the admin are served without it (the lab's files must not touch
# the database at all).
SKIP_PREFIXES = ("/lab/", "/static/", "/media/", "/admin/", "/documents/")
MENU_ATTR = "_academy_main_menu_items"
CONTENT_ATTR = "_academy_content_token"


@dataclass
class SiteChrome:
    site: Site | None
    root_paths: list
    branding: object | None
    menu: list
    view_restrictions: bool = True
    token: str = ""  # new whenever the chrome is built: keys caches of content that publishing changes


def _host_key(request) -> str:
    return f"{split_domain_port(request.get_host())[0]}:{request.get_port()}"


def _build(request) -> SiteChrome:
    from home import hooks
    from home.models import SiteBranding

    site = Site._find_for_request(request)
    if site is not None:
        site.root_page = site.root_page.localized.specific  # what Wagtail routes from, loaded once
    root_paths = Site.get_site_root_paths()
    request._wagtail_site = site
    request._wagtail_cached_site_root_paths = root_paths
    branding = None
    if site is not None:
        branding = (
            SiteBranding.base_queryset()
            .select_related("accessibility_statement", "help_page", "logo")
            .prefetch_related("footer_links")
            # Whether any page view restriction exists, in the same query.
            .annotate(academy_restrictions=Exists(PageViewRestriction.objects.all()))
            .get_or_create(site=site)[0]
        )
        list(branding.footer_links.all())
    restrictions = getattr(branding, "academy_restrictions", None)
    return SiteChrome(
        site=site,
        root_paths=root_paths,
        branding=branding,
        menu=hooks.collect_main_menu(request),
        view_restrictions=PageViewRestriction.objects.exists() if restrictions is None else restrictions,
        token=uuid.uuid4().hex,
    )


def chrome_apply(request) -> SiteChrome:
    """Put this site's chrome on the request (from the cache, or built and cached)."""
    from home.models import SiteBranding

    key = _host_key(request)
    stored = cache.get(CACHE_KEY) or {}
    chrome = stored.get(key)
    if chrome is None:
        chrome = _build(request)
        cache.set(CACHE_KEY, {**stored, key: chrome}, CACHE_SECONDS)
    request._wagtail_site = chrome.site
    request._wagtail_cached_site_root_paths = chrome.root_paths
    if chrome.branding is not None:
        chrome.branding._request = request  # as for_request() does, for page URLs in the footer
        setattr(request, SiteBranding.get_cache_attr_name(), chrome.branding)
    setattr(request, MENU_ATTR, chrome.menu)
    setattr(request, RESTRICTIONS_ATTR, chrome.view_restrictions)
    setattr(request, CONTENT_ATTR, chrome.token or None)
    return chrome


def content_token(request) -> str | None:
    """A token that changes whenever the site's chrome is dropped (a page published, moved, saved, ...): put it
    in the key of anything cached from published content, and that cache entry is dropped with it."""
    return getattr(request, CONTENT_ATTR, None)


def chrome_clear(**kwargs) -> None:
    """Drop every site's chrome now, and again once the change is committed (a request in between may have
    rebuilt it from what was there before)."""
    cache.delete(CACHE_KEY)
    transaction.on_commit(lambda: cache.delete(CACHE_KEY))


def _chrome_clear_on_save(sender, instance, **kwargs) -> None:
    from home.models import FooterLink, SiteBranding

    if isinstance(instance, Page | Site | SiteBranding | FooterLink | PageViewRestriction):  # any page class
        chrome_clear()


class SiteChromeMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path.startswith(SKIP_PREFIXES):
            chrome_apply(request)
        return self.get_response(request)


def connect_receivers() -> None:
    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(chrome_clear, dispatch_uid=f"academy-chrome-{id(signal)}")
    post_save.connect(_chrome_clear_on_save, dispatch_uid="academy-chrome-save")
    post_delete.connect(_chrome_clear_on_save, dispatch_uid="academy-chrome-delete")
