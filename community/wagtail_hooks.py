"""Community's place in the site: menu items, the header's notifications link, the "Discuss this lesson"
aside, champions as help with a competency, the "My learning" panel, and categories in the Wagtail admin."""

from django.urls import reverse
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from home import roles
from home.hooks import (
    DASHBOARD_HOOK,
    HEADER_LINKS_HOOK,
    MAIN_MENU_HOOK,
    MFA_REQUIRED_HOOK,
    PAGE_ASIDES_HOOK,
    SEARCH_PROVIDERS_HOOK,
    DashboardPanel,
    HeaderLink,
    MenuItem,
    PageAside,
)

from . import notifications, permissions, search
from .models import Category, Topic
from .templatetags.community_tags import discussion_link_context


@hooks.register(MFA_REQUIRED_HOOK)
def moderators_need_a_second_factor(user):
    """A champion listed as a category's moderator hides, locks and moves other members' posts."""
    return roles.is_champion(user) and bool(permissions.moderated_category_ids(user))


@hooks.register(MAIN_MENU_HOOK)
def community_menu_item(request):
    return [MenuItem(label="Community", url=reverse("community:index"), order=50, requires_login=True)]


def _unread(request) -> int:
    """The member's unread count, counted once per request (the header badge and My learning's panel)."""
    if not hasattr(request, "_academy_unread_count"):
        request._academy_unread_count = notifications.unread_count(request.user)
    return request._academy_unread_count


@hooks.register(HEADER_LINKS_HOOK)
def notifications_header_link(request):
    unread = _unread(request)
    return [
        HeaderLink(
            label="Notifications", url=reverse("community:notifications"), badge=unread, badge_label="unread"
        )
    ]


@hooks.register(PAGE_ASIDES_HOOK)
def discussion_aside(request, page):
    return PageAside(
        template_name="community/includes/discussion_link.html",
        context=discussion_link_context(request, page),
    )


@hooks.register(DASHBOARD_HOOK)
def community_dashboard_panel(request):
    user = request.user
    if not user.is_authenticated:
        return None
    topics = list(Topic.objects.filter(author=user, is_hidden=False).order_by("-last_post_at")[:5])
    unread = list(
        user.forum_notifications.filter(read_at__isnull=True).select_related("actor", "post__topic")[:5]
    )
    return DashboardPanel(
        title="Community",
        template_name="community/includes/dashboard_panel.html",
        context={"topics": topics, "unread": unread, "unread_count": _unread(request)},
        order=60,
    )


# The one site search (home.search): forum topics and posts, and data champions (the latter moves with the
# champions app into its own wagtail_hooks.py).
hooks.register(SEARCH_PROVIDERS_HOOK, search.forum_provider)


class CategoryViewSet(SnippetViewSet):
    """Forum categories: Academy admins create them and choose their champion moderators."""

    model = Category
    icon = "group"
    menu_label = "Forum categories"
    menu_order = 400
    add_to_admin_menu = True
    list_display = ["name", "slug", "topic_count", "post_count"]
    search_fields = ["name"]


register_snippet(CategoryViewSet)
