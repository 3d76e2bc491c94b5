"""Extension points other apps fill through Wagtail hooks: header navigation and links, dashboard panels,
help with a competency, asides under a page,
the site search's providers,
and retention sweeps. Home is the bottom layer (config/architecture.py): it names
no app above it, they register here instead."""

from dataclasses import dataclass, field

from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe
from wagtail import hooks

MAIN_MENU_HOOK = "academy_main_menu_items"
HEADER_LINKS_HOOK = "academy_header_links"
DASHBOARD_HOOK = "academy_dashboard_panels"
# `fn(request) -> DashboardPanel | None`: what the home page shows a visitor who is not signed in (a course
# preview, say). Signed-in members see their My learning panels (DASHBOARD_HOOK) on the home page instead.
HOME_PREVIEW_HOOK = "academy_home_preview"
HELP_LINKS_HOOK = "academy_help_links"
PAGE_ASIDES_HOOK = "academy_page_asides"
# Each app registers a function returning one home.search.SearchProvider (or a list of them).
SEARCH_PROVIDERS_HOOK = "academy_search_providers"
# fn(*, cutoff: datetime, erase: bool) -> int: records an app keeps beyond accounts (e.g. leavers' staff
# records) whose retention ended before `cutoff`; erased when `erase`. Run by `erase_inactive_accounts`.
RETENTION_HOOK = "academy_retention_sweeps"
# fn(user) -> bool: True when `user` holds a power of that app (e.g. moderating a forum category) that needs a
# second factor on every request, like the HR and Academy admin roles (home.roles.requires_mfa).
MFA_REQUIRED_HOOK = "academy_mfa_required"


@dataclass(frozen=True)
class MenuItem:
    """One link in the service navigation; `requires_login` hides it from anonymous visitors."""

    label: str
    url: str
    order: int = 100
    requires_login: bool = False
    name: str = ""  # for menu_url(request, name): e.g. "catalogue", so panels need not look it up again


def menu_url(request, name: str) -> str | None:
    """The URL of the main menu item called `name` (cached with the menu), or None."""
    return next((item.url for item in main_menu_items(request) if item.name == name), None)


@dataclass(frozen=True)
class HeaderLink:
    """A link in the header's account area for signed-in members, with an optional count badge."""

    label: str
    url: str
    badge: int | None = None
    badge_label: str = ""
    order: int = 100


@dataclass(frozen=True)
class HelpLink:
    """Where a member finds help with one competency, e.g. "Find a champion for Data ethics"."""

    label: str
    url: str
    order: int = 100


@dataclass
class PageAside:
    """Something shown under a page's content (e.g. the link to its discussion), rendered with `template_name`."""

    template_name: str
    context: dict = field(default_factory=dict)
    order: int = 100


@dataclass
class DashboardPanel:
    """A section of "My learning", rendered with `template_name` and `context`."""

    title: str
    template_name: str
    context: dict = field(default_factory=dict)
    order: int = 100


def collect_main_menu(request) -> list[MenuItem]:
    """Every app's menu items for the request's site, in order. Cached per site (home.site_cache): a
    MAIN_MENU_HOOK function must depend on the site only, never on who asks."""
    items: list[MenuItem] = []
    for fn in hooks.get_hooks(MAIN_MENU_HOOK):
        items.extend(fn(request))
    return sorted(items, key=lambda i: (i.order, i.label))


def main_menu_items(request) -> list[MenuItem]:
    from home.site_cache import MENU_ATTR

    items = getattr(request, MENU_ATTR, None)
    if items is None:
        items = collect_main_menu(request)
    signed_in = request.user.is_authenticated
    return [i for i in items if signed_in or not i.requires_login]


def dashboard_panels(request) -> list[DashboardPanel]:
    panels: list[DashboardPanel] = []
    for fn in hooks.get_hooks(DASHBOARD_HOOK):
        panel = fn(request)
        if panel is not None:
            panels.append(panel)
    return sorted(panels, key=lambda p: p.order)


def home_preview_sections(request) -> list[DashboardPanel]:
    sections = [section for fn in hooks.get_hooks(HOME_PREVIEW_HOOK) if (section := fn(request)) is not None]
    return sorted(sections, key=lambda s: s.order)


def header_links(request) -> list[HeaderLink]:
    """The header's links for a signed-in member, from every app that registers some."""
    if not request.user.is_authenticated:
        return []
    links: list[HeaderLink] = []
    for fn in hooks.get_hooks(HEADER_LINKS_HOOK):
        links.extend(fn(request))
    return sorted(links, key=lambda link: (link.order, link.label))


def help_links(request, *, competency) -> list[HelpLink]:
    """Help with `competency` (a gap row, a lesson's "Stuck?"); registrants must not query per call."""
    links: list[HelpLink] = []
    for fn in hooks.get_hooks(HELP_LINKS_HOOK):
        links.extend(fn(request, competency=competency))
    return sorted(links, key=lambda link: (link.order, link.label))


def page_asides(request, *, page) -> SafeString:
    """The asides registered for `page` (`fn(request, page) -> PageAside | None`), rendered in order."""
    asides = [aside for fn in hooks.get_hooks(PAGE_ASIDES_HOOK) if (aside := fn(request, page)) is not None]
    return render_asides(request, asides)


def render_asides(request, asides: list[PageAside]) -> SafeString:
    """Render asides in order; each is a template rendered with autoescaping, so the result is safe."""
    ordered = sorted(asides, key=lambda aside: aside.order)
    return mark_safe("".join(render_to_string(a.template_name, a.context, request=request) for a in ordered))


def retention_sweeps(*, cutoff, erase: bool) -> list[tuple[str, int]]:
    """(app's description, how many) for every app's retention sweep; erases them when `erase`."""
    return [
        (fn.__doc__ or fn.__name__, fn(cutoff=cutoff, erase=erase)) for fn in hooks.get_hooks(RETENTION_HOOK)
    ]


def mfa_required_by_apps(user) -> bool:
    """Whether any app says `user`'s powers there need a second factor."""
    return any(fn(user) for fn in hooks.get_hooks(MFA_REQUIRED_HOOK))
