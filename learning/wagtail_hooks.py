"""Learning's place in the site (header link, "My learning" panel) and in the admin (course reports)."""

from django.urls import include, path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem as AdminMenuItem

from home.hooks import DASHBOARD_HOOK, MAIN_MENU_HOOK, SEARCH_PROVIDERS_HOOK, DashboardPanel, MenuItem
from home.permissions import can

from . import admin_views, search
from .models import CourseIndexPage
from .selectors import dashboard_courses


@hooks.register(MAIN_MENU_HOOK)
def learn_menu_item(request):
    catalogue = CourseIndexPage.objects.live().first()
    if catalogue is None:
        return []
    return [MenuItem(label="Learn", url=catalogue.get_url(request) or "/learn/", order=10)]


@hooks.register(DASHBOARD_HOOK)
def my_courses_panel(request):
    if not request.user.is_authenticated:
        return None
    catalogue = CourseIndexPage.objects.live().first()
    return DashboardPanel(
        title="My courses",
        template_name="learning/panels/my_courses.html",
        context={
            "courses": dashboard_courses(user=request.user, request=request),
            "catalogue_url": catalogue.get_url(request) if catalogue else None,
        },
        order=10,
    )


report_urls = [
    path("", admin_views.report_index, name="index"),
    path("<int:course_id>/", admin_views.report_detail, name="detail"),
    path("<int:course_id>/csv/", admin_views.report_csv, name="csv"),
]


@hooks.register("register_admin_urls")
def register_report_urls():
    return [path("course-reports/", include((report_urls, "learning_reports")))]


class ReportsMenuItem(AdminMenuItem):
    def is_shown(self, request):
        return can(request.user, "view_course_reports")


@hooks.register("register_admin_menu_item")
def register_reports_menu_item():
    return ReportsMenuItem("Course reports", reverse("learning_reports:index"), icon_name="table", order=250)


# The one site search (home.search): courses and lessons.
hooks.register(SEARCH_PROVIDERS_HOOK, search.course_provider)
hooks.register(SEARCH_PROVIDERS_HOOK, search.lesson_provider)
