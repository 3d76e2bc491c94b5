"""The staff list in the Wagtail admin (records, teams, service areas), its import screen, leavers, retention."""

from django.urls import reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem as AdminMenuItem
from wagtail.admin.widgets import ListingButton
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from home.hooks import RETENTION_HOOK
from home.permissions import can

from . import services
from .models import ServiceArea, StaffRecord, Team
from .urls import admin_urlpatterns


class StaffRecordViewSet(SnippetViewSet):
    model = StaffRecord
    icon = "user"
    menu_label = "Staff"
    list_display = ["name", "email", "team", "line_manager", "role_profile", "left_on"]
    list_filter = ["team__service_area", "role_profile"]
    search_fields = ["name", "email"]
    ordering = ["name"]

    def get_queryset(self, request):
        return StaffRecord.objects.select_related("team__service_area", "line_manager", "role_profile")


class TeamViewSet(SnippetViewSet):
    model = Team
    icon = "group"
    menu_label = "Teams"
    list_display = ["name", "service_area"]
    list_filter = ["service_area"]
    search_fields = ["name"]

    def get_queryset(self, request):
        return Team.objects.select_related("service_area")


class ServiceAreaViewSet(SnippetViewSet):
    model = ServiceArea
    icon = "folder-open-inverse"
    menu_label = "Service areas"
    list_display = ["name"]
    search_fields = ["name"]


class StaffGroup(SnippetViewSetGroup):
    menu_label = "Staff list"
    menu_icon = "group"
    menu_order = 260
    items = (StaffRecordViewSet, TeamViewSet, ServiceAreaViewSet)


register_snippet(StaffGroup)


@hooks.register("register_admin_urls")
def staff_admin_urls():
    return admin_urlpatterns


class StaffAdminMenuItem(AdminMenuItem):
    def is_shown(self, request):
        return can(request.user, "manage_staff_records")


@hooks.register("register_admin_menu_item")
def staff_import_menu_item():
    return StaffAdminMenuItem("Import staff list", reverse("staff_import"), icon_name="upload", order=261)


@hooks.register("register_snippet_listing_buttons")
def staff_record_buttons(snippet, user, next_url=None):
    if isinstance(snippet, StaffRecord) and snippet.left_on is None and can(user, "manage_staff_records"):
        yield ListingButton("Mark as leaver", reverse("staff_leaver", args=[snippet.pk]), priority=20)


@hooks.register(RETENTION_HOOK)
def erase_leavers(*, cutoff, erase: bool) -> int:
    """leaver(s) whose leaving date is older than the retention period (accounts and staff records)."""
    return services.leavers_erase(cutoff=cutoff, erase=erase)
