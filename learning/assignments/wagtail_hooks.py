"""Required learning in the admin (assignments and pathways, for HR and admins) and on My learning."""

from django.contrib import messages
from django.utils import timezone
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from home.hooks import DASHBOARD_HOOK, DashboardPanel
from home.permissions import can

from . import selectors, services
from .models import Assignment, Pathway


class AssignmentViewSet(SnippetViewSet):
    model = Assignment
    icon = "date"
    menu_label = "Assignments"
    list_display = ["title", "requirement", "due_rule", "active"]
    list_filter = ["requirement", "due_rule", "active"]
    search_fields = ["title"]


class PathwayViewSet(SnippetViewSet):
    model = Pathway
    icon = "list-ol"
    menu_label = "Pathways"
    list_display = ["title"]
    search_fields = ["title"]


class RequiredLearningGroup(SnippetViewSetGroup):
    menu_label = "Required learning"
    menu_icon = "date"
    menu_order = 255
    items = (AssignmentViewSet, PathwayViewSet)


register_snippet(RequiredLearningGroup)


def _sync_after_save(request, instance):
    if isinstance(instance, Assignment):
        counts = services.assignments_sync(assignment_ids=[instance.pk], recompute=True)
        messages.info(
            request,
            f"{instance.title}: {counts['created']} people added, {counts['removed']} removed, "
            f"{counts['updated']} due dates updated.",
        )
    elif isinstance(instance, Pathway):
        ids = list(instance.assignments.values_list("pk", flat=True))
        if ids:
            services.assignments_sync(assignment_ids=ids, recompute=True)


@hooks.register("after_create_snippet")
def after_create(request, instance):
    _sync_after_save(request, instance)


@hooks.register("after_edit_snippet")
def after_edit(request, instance):
    _sync_after_save(request, instance)


@hooks.register(DASHBOARD_HOOK)
def required_learning_panel(request):
    user = request.user
    if not user.is_authenticated:
        return None
    items = selectors.learner_items(user=user, today=timezone.localdate(), request=request)
    manager = can(user, "view_team_compliance")
    hr = can(user, "view_compliance")
    if not items and not manager and not hr:
        return None
    groups = [
        ("overdue", "Overdue", [i for i in items if i.group == "overdue"]),
        ("due", "Due", [i for i in items if i.group == "due"]),
        ("done", "Done", [i for i in items if i.group == "done"]),
    ]
    return DashboardPanel(
        title="Required learning",
        template_name="assignments/panels/required_learning.html",
        context={
            "groups": [g for g in groups if g[2]],
            "manager": manager,
            "hr": hr,
            "today": timezone.localdate(),
        },
        order=5,
    )
