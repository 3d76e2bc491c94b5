"""Learning's place in the site: how its pages are served, the header link, the "My learning" panel, the
pathway on the gap page and in the coverage report, completing lessons when the lab reports a passed exercise;
and in the admin: course reports, course pack import, and "Export as course pack" on a course."""

from django.urls import include, path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem as AdminMenuItem
from wagtail.admin.widgets.button import Button

from competencies.hooks import DEVELOPED_COMPETENCIES_HOOK, GAP_SECTIONS_HOOK
from home.hooks import (
    DASHBOARD_HOOK,
    HOME_PREVIEW_HOOK,
    MAIN_MENU_HOOK,
    SEARCH_PROVIDERS_HOOK,
    DashboardPanel,
    MenuItem,
    PageAside,
    menu_url,
)
from home.permissions import can
from jupyterlite.hooks import EXERCISE_PASSED_HOOK

from . import admin_views, pathway, search, services, views
from .models import CourseIndexPage, CoursePage, LessonPage
from .models.pages import PAGE_VIEWS_HOOK
from .selectors import dashboard_courses


@hooks.register(PAGE_VIEWS_HOOK)
def page_views():
    return {
        CourseIndexPage: views.catalogue_serve,
        CoursePage: views.course_serve,
        LessonPage: views.lesson_serve,
    }


@hooks.register(MAIN_MENU_HOOK)
def learn_menu_item(request):
    catalogue = CourseIndexPage.objects.live().first()
    if catalogue is None:
        return []
    return [MenuItem(label="Learn", url=catalogue.get_url(request) or "/learn/", order=10, name="catalogue")]


@hooks.register(DASHBOARD_HOOK)
def my_courses_panel(request):
    if not request.user.is_authenticated:
        return None
    return DashboardPanel(
        title="My courses",
        template_name="learning/panels/my_courses.html",
        context={
            "courses": dashboard_courses(user=request.user, request=request),
            "catalogue_url": menu_url(request, "catalogue"),  # the menu's, cached per site
        },
        order=10,
    )


@hooks.register(HOME_PREVIEW_HOOK)
def course_preview(request):
    """For visitors who are not signed in: a taste of the catalogue on the home page."""
    catalogue = CourseIndexPage.objects.live().first()
    courses = list(
        CoursePage.objects.live()
        .order_by("level", "path")
        .prefetch_related("competency_links__competency")[:3]
    )
    if not courses:
        return None
    return DashboardPanel(
        title="Courses you could start with",
        template_name="learning/panels/course_preview.html",
        context={"courses": courses, "catalogue_url": catalogue.get_url(request) if catalogue else None},
        order=10,
    )


@hooks.register(EXERCISE_PASSED_HOOK)
def complete_lessons_with_exercise(event):
    """A passed exercise may leave nothing to do in the lessons that hold it: complete them."""
    services.lessons_complete_after_exercise(user=event.user, exercise_id=event.exercise_id)


@hooks.register(GAP_SECTIONS_HOOK)
def pathway_gap_section(request, *, gap):
    """The gap page's "Your pathway": the courses that close the member's gap, in order."""
    open_count = sum(not row.met for row in gap)
    steps = pathway.pathway_for_user(user=request.user, gap=gap) if open_count else []
    return PageAside(
        template_name="learning/includes/gap_pathway.html",
        context={"pathway": steps, "open_count": open_count},
    )


@hooks.register(DEVELOPED_COMPETENCIES_HOOK)
def developed_competencies():
    return pathway.developed_competency_ids()


report_urls = [
    path("", admin_views.report_index, name="index"),
    path("<int:course_id>/", admin_views.report_detail, name="detail"),
    path("<int:course_id>/csv/", admin_views.report_csv, name="csv"),
]


pack_urls = [
    path("import/", admin_views.course_pack_import, name="import"),
    path("export/<int:course_id>/", admin_views.course_pack_export, name="export"),
]


@hooks.register("register_admin_urls")
def register_report_urls():
    return [
        path("course-reports/", include((report_urls, "learning_reports"))),
        path("course-packs/", include((pack_urls, "learning_packs"))),
    ]


class ReportsMenuItem(AdminMenuItem):
    def is_shown(self, request):
        return can(request.user, "view_course_reports")


@hooks.register("register_admin_menu_item")
def register_reports_menu_item():
    return ReportsMenuItem("Course reports", reverse("learning_reports:index"), icon_name="table", order=250)


class PackImportMenuItem(AdminMenuItem):
    def is_shown(self, request):
        return can(request.user, "import_course_pack")


@hooks.register("register_admin_menu_item")
def register_pack_import_menu_item():
    return PackImportMenuItem(
        "Import course pack", reverse("learning_packs:import"), icon_name="upload", order=260
    )


@hooks.register("register_page_header_buttons")
def course_pack_export_button(page, user, view_name, next_url=None):
    """On a course's admin pages: "Export as course pack", for those who may."""
    if issubclass(page.specific_class or type(page), CoursePage) and can(user, "export_course_pack"):
        yield Button(
            "Export as course pack",
            reverse("learning_packs:export", args=[page.pk]),
            icon_name="download",
            priority=80,
        )


# The one site search (home.search): courses and lessons.
hooks.register(SEARCH_PROVIDERS_HOOK, search.course_provider)
hooks.register(SEARCH_PROVIDERS_HOOK, search.lesson_provider)
