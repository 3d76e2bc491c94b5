"""Admin authoring for the framework (snippets with search and filters, matrix, copy, import, publish), plus
the site's header menu item and the "My role and gap" panel on My learning."""

from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem as AdminMenuItem
from wagtail.admin.ui.components import Component
from wagtail.admin.widgets import ListingButton
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from home.hooks import DASHBOARD_HOOK, MAIN_MENU_HOOK, SEARCH_PROVIDERS_HOOK, DashboardPanel, MenuItem
from home.permissions import can

from . import admin_views, search, selectors
from .models import Competency, CompetencyArea, RoleProfile, StaffProfile


class CompetencyAreaViewSet(SnippetViewSet):
    model = CompetencyArea
    icon = "folder-open-inverse"
    menu_label = "Areas"
    list_display = ["name", "sort_order"]
    search_fields = ["name", "description"]


class CompetencyViewSet(SnippetViewSet):
    model = Competency
    icon = "list-ul"
    menu_label = "Competencies"
    list_display = ["code", "name", "area", "live"]
    list_filter = ["area", "live", "has_unpublished_changes"]
    search_fields = ["code", "name", "description"]
    ordering = ["area__sort_order", "code"]


class RoleProfileViewSet(SnippetViewSet):
    model = RoleProfile
    icon = "user"
    menu_label = "Role profiles"
    list_display = ["job_title", "kind", "job_family", "service_area", "live"]
    list_filter = ["kind", "job_family", "live", "has_unpublished_changes"]
    search_fields = ["job_title", "job_family", "service_area", "description"]


class StaffProfileViewSet(SnippetViewSet):
    """HR assigns job and governance profiles to members here."""

    model = StaffProfile
    icon = "group"
    menu_label = "Staff role profiles"
    list_display = ["user", "job_profile", "updated_at"]
    list_filter = ["job_profile"]
    search_fields = []
    ordering = ["user__last_name", "user__first_name"]

    def get_queryset(self, request):
        return StaffProfile.objects.select_related("user", "job_profile")


class FrameworkGroup(SnippetViewSetGroup):
    menu_label = "Competency framework"
    menu_icon = "table"
    menu_order = 250
    items = (CompetencyViewSet, RoleProfileViewSet, CompetencyAreaViewSet, StaffProfileViewSet)


register_snippet(FrameworkGroup)


@hooks.register("register_admin_urls")
def framework_admin_urls():
    return [
        path("framework/import/", admin_views.import_framework, name="competencies_import"),
        path("framework/import/<int:pk>/", admin_views.import_status, name="competencies_import_status"),
        path("framework/publish/", admin_views.publish_version, name="competencies_publish"),
        path("framework/roles/<int:pk>/matrix/", admin_views.role_matrix, name="competencies_role_matrix"),
        path("framework/roles/<int:pk>/copy/", admin_views.role_copy, name="competencies_role_copy"),
    ]


class FrameworkAdminMenuItem(AdminMenuItem):
    def is_shown(self, request):
        return can(request.user, "edit_framework")


@hooks.register("register_admin_menu_item")
def framework_import_menu_item():
    return FrameworkAdminMenuItem(
        "Import framework", reverse("competencies_import"), icon_name="upload", order=251
    )


@hooks.register("register_admin_menu_item")
def framework_publish_menu_item():
    return FrameworkAdminMenuItem(
        "Publish framework version", reverse("competencies_publish"), icon_name="doc-full", order=252
    )


@hooks.register("register_snippet_listing_buttons")
def role_profile_buttons(snippet, user, next_url=None):
    if isinstance(snippet, RoleProfile) and can(user, "edit_framework"):
        yield ListingButton(
            "Set required levels",
            reverse("competencies_role_matrix", args=[snippet.pk]),
            priority=15,
        )
        yield ListingButton("Copy", reverse("competencies_role_copy", args=[snippet.pk]), priority=16)


# --- The site ------------------------------------------------------------------------------------------


@hooks.register(MAIN_MENU_HOOK)
def framework_menu_item(request):
    return [MenuItem(label="Framework", url=reverse("competencies:framework"), order=60, requires_login=True)]


@hooks.register(DASHBOARD_HOOK)
def my_role_panel(request):
    if not request.user.is_authenticated:
        return None
    gap = selectors.gap_for_user(user=request.user)
    job_title = selectors.job_title_for_user(user=request.user) if gap else ""
    return DashboardPanel(
        title="My role and gap",
        template_name="competencies/panel_my_role.html",
        context={"gap": gap, "met": sum(row.met for row in gap), "job_title": job_title},
        order=20,
    )


# The one site search (home.search): published competencies.
hooks.register(SEARCH_PROVIDERS_HOOK, search.competency_provider)


class FrameworkHomePanel(Component):
    """What HR and Academy admins do, on the admin dashboard: framework drafts to publish and the reports."""

    name = "framework_work"
    template_name = "competencies/admin/home_panel.html"
    order = 90

    def __init__(self, request):
        self.request = request

    def get_context_data(self, parent_context=None):
        competency_drafts = Competency.objects.filter(has_unpublished_changes=True).count()
        role_drafts = RoleProfile.objects.filter(has_unpublished_changes=True).count()
        return {
            "competency_drafts": competency_drafts,
            "role_drafts": role_drafts,
            "drafts_total": competency_drafts + role_drafts,
            "may_edit": can(self.request.user, "edit_framework"),
            "may_report": can(self.request.user, "view_framework_reports"),
        }


@hooks.register("construct_homepage_panels")
def framework_home_panel(request, panels):
    if can(request.user, "edit_framework") or can(request.user, "view_framework_reports"):
        panels.append(FrameworkHomePanel(request))
