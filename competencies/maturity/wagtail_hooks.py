"""Admin snippets (model, themes with questions, teams), the publish screen, and the My learning panel."""

from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.widgets import ListingButton
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from home.hooks import DASHBOARD_HOOK, DashboardPanel
from home.permissions import can

from . import admin_views, selectors
from .models import MaturityModel, MaturityTeam, MaturityTheme


class MaturityModelViewSet(SnippetViewSet):
    model = MaturityModel
    icon = "doc-full"
    menu_label = "Models and levels"
    list_display = ["name"]


class MaturityThemeViewSet(SnippetViewSet):
    model = MaturityTheme
    icon = "list-ol"
    menu_label = "Themes and questions"
    list_display = ["name", "model", "sort_order"]
    list_filter = ["model"]
    ordering = ["model", "sort_order", "name"]


class MaturityTeamViewSet(SnippetViewSet):
    model = MaturityTeam
    icon = "group"
    menu_label = "Teams"
    list_display = ["name", "service_area", "lead"]
    search_fields = ["name", "service_area"]


class MaturityGroup(SnippetViewSetGroup):
    menu_label = "Data maturity"
    menu_icon = "tasks"
    menu_order = 253
    items = (MaturityModelViewSet, MaturityThemeViewSet, MaturityTeamViewSet)


register_snippet(MaturityGroup)


@hooks.register("register_admin_urls")
def maturity_admin_urls():
    return [path("maturity/<int:pk>/publish/", admin_views.publish_version, name="maturity_publish")]


@hooks.register("register_snippet_listing_buttons")
def maturity_model_buttons(snippet, user, next_url=None):
    if isinstance(snippet, MaturityModel) and can(user, "open_maturity_round"):
        yield ListingButton(
            "Publish a new version", reverse("maturity_publish", args=[snippet.pk]), priority=15
        )


@hooks.register(DASHBOARD_HOOK)
def maturity_panel(request):
    """On My learning: rounds to answer, and the recommended pathways of the member's teams."""
    if not request.user.is_authenticated:
        return None
    teams = selectors.teams_for_user(user=request.user)
    open_rounds = [
        r for r in selectors.team_rounds_for_user(user=request.user, teams=teams) if r.round.is_open
    ]
    pathways = selectors.pathways_for_user(user=request.user, teams=teams)
    if not open_rounds and not pathways and not can(request.user, "open_maturity_round"):
        return None
    return DashboardPanel(
        title="Team data maturity",
        template_name="maturity/panel.html",
        context={"open_rounds": open_rounds, "pathways": pathways},
        order=25,
    )
