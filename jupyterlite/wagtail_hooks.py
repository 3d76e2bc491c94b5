"""Admin: datasets (with versions and usage) and exercises (drafts, review, recipes, preview) as
snippets, the CSV upload, the new-version upload and the recipe check the exercise form calls."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.forms.formsets import ORDERING_FIELD_NAME
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.views.decorators.http import require_POST
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, ObjectList, Panel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import CreateView, EditView, SnippetViewSet

from home.hooks import SEARCH_PROVIDERS_HOOK
from home.permissions import can

from . import search, services
from .admin_forms import (
    DatasetAdminForm,
    DatasetVersionForm,
    ExerciseAdminForm,
    RecipeWidget,
    recipe_check,
    recipe_from_data,
)
from .forms import DatasetUploadForm
from .models import Dataset, Exercise


def dataset_upload(request):
    """Upload a CSV as a new dataset: validated in full, saved only if every check passes."""
    if not can(request.user, "upload_dataset"):
        raise PermissionDenied
    form = DatasetUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        notices: list[str] = []
        try:
            dataset = services.dataset_create_from_upload(
                title=data["title"],
                slug=data["slug"],
                description=data["description"],
                owner=data["owner"],
                licence=data["licence"],
                data=data["file"].read(),
                column_types=data["column_types"],
                known_issues=data["known_issues"],
                notices=notices,
            )
        except services.UploadError as error:
            for message in error.errors:
                form.add_error("file" if "column types" not in message.lower() else "column_types", message)
        else:
            messages.success(request, f"Dataset '{dataset.title}' added with {dataset.row_count} rows.")
            for notice in notices:
                messages.info(request, notice)
            return redirect(reverse("wagtailsnippets_jupyterlite_dataset:edit", args=[dataset.pk]))
    return TemplateResponse(
        request, "jupyterlite/admin/dataset_upload.html", {"form": form}, status=400 if form.errors else 200
    )


def dataset_new_version(request, pk: int):
    """Replace a dataset's file: the upload becomes a new version; exercises keep the version they pin."""
    if not can(request.user, "upload_dataset"):
        raise PermissionDenied
    dataset = get_object_or_404(Dataset.objects.defer("csv_text"), pk=pk)
    form = DatasetVersionForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            version = services.dataset_add_version(
                user=request.user,
                dataset=dataset,
                data=form.cleaned_data["file"].read(),
                note=form.cleaned_data["note"],
            )
        except services.UploadError as error:
            for message in error.errors:
                form.add_error("file", message)
        else:
            older = [e for e in dataset.exercises.all() if e.pinned_version(dataset) != version.number]
            text = f"Version {version.number} of '{dataset.title}' added with {version.row_count} rows."
            if older:
                text += (
                    f" {len(older)} exercise{'s' if len(older) != 1 else ''} still use an older version "
                    "until you choose the new one in their recipes and publish them again."
                )
            messages.success(request, text)
            return redirect(reverse("wagtailsnippets_jupyterlite_dataset:edit", args=[dataset.pk]))
    return TemplateResponse(
        request,
        "jupyterlite/admin/dataset_new_version.html",
        {"form": form, "dataset": dataset},
        status=400 if form.errors else 200,
    )


@require_POST
def recipe_check_view(request):
    """The exercise form's "Work out the answer": the recipe as posted → its answer and summary (JSON)."""
    if not can(request.user, "author_exercise"):
        raise PermissionDenied
    name = request.POST.get("recipe_name", "")
    result = recipe_check(recipe_from_data(request.POST, name) if name else {})
    html = render_to_string("jupyterlite/admin/recipe_result.html", {"check": result})
    body = {k: v for k, v in result.items() if k in ("ok", "answer", "summary", "version", "errors")}
    return JsonResponse({**body, "html": html}, status=200 if result["ok"] else 400)


class DatasetUsagePanel(Panel):
    """On the dataset's edit page: its versions, which exercises use which, and "Replace the file"."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "jupyterlite/admin/dataset_usage_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            dataset = self.instance
            context["dataset"] = dataset
            if dataset.pk:
                context["versions"] = list(dataset.versions.only("number", "created_at", "row_count", "note"))
                context["uses"] = [
                    {"exercise": e, "version": e.pinned_version(dataset)}
                    for e in dataset.exercises.only("pk", "title", "live", "dataset_versions")
                ]
                context["new_version_url"] = reverse("jupyterlite_dataset_new_version", args=[dataset.pk])
            return context


class DatasetCreateView(CreateView):
    """New datasets come from a CSV upload, so "Add" goes to the upload form."""

    def dispatch(self, request, *args, **kwargs):
        return redirect("jupyterlite_dataset_upload")


class DatasetViewSet(SnippetViewSet):
    model = Dataset
    icon = "table"
    menu_label = "Datasets"
    add_to_admin_menu = True
    list_display = ["title", "slug", "owner", "row_count", "source", "updated_at"]
    list_filter = ["source"]
    search_fields = ["title", "slug", "owner", "description"]
    add_view_class = DatasetCreateView
    inspect_view_enabled = True
    inspect_view_fields = [
        "title",
        "slug",
        "description",
        "owner",
        "licence",
        "version",
        "row_count",
        "known_issues",
    ]
    edit_handler = ObjectList(
        [
            FieldPanel("title"),
            FieldPanel("slug"),
            FieldPanel("description"),
            FieldPanel("owner"),
            FieldPanel("licence"),
            FieldPanel("columns"),
            FieldPanel("known_issues"),
            DatasetUsagePanel(heading="Versions and use"),
        ],
        base_form_class=DatasetAdminForm,
    )


def _may_skip_review(user) -> bool:
    return user.has_perm("jupyterlite.publish_without_review_exercise")


class ReviewedPublishMixin:
    """Publishing straight from the editor needs "publish without review"; everyone else submits to
    Academy review (approving there needs only the approver's group)."""

    def get_available_actions(self):
        actions = super().get_available_actions()
        if not _may_skip_review(self.request.user):
            actions = [action for action in actions if action != "publish"]
        return actions


class ExerciseCreateView(ReviewedPublishMixin, CreateView):
    pass


class ExerciseEditView(ReviewedPublishMixin, EditView):
    pass


class QuestionsPanel(InlinePanel):
    """Wagtail's InlinePanel, with the hidden ORDER input rendered once: Wagtail gives the widget a
    ``value`` attribute on top of the field's own value, so the input had ``value`` twice (invalid HTML)."""

    class BoundPanel(InlinePanel.BoundPanel):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            if self.formset.can_order:
                for subform in self.formset.forms:
                    subform.fields[ORDERING_FIELD_NAME].widget = forms.HiddenInput()


QUESTION_PANELS = [
    FieldPanel("key"),
    FieldPanel("prompt"),
    FieldPanel("answer_type"),
    FieldPanel("tolerance"),
    MultiFieldPanel(
        [
            FieldPanel("expected_value"),
            FieldPanel("recipe", widget=RecipeWidget, heading="…or work it out with a recipe"),
            FieldPanel("computation", heading="…or a Python computation"),
        ],
        heading="The right answer",
    ),
    FieldPanel("hint"),
    FieldPanel("solution"),
    FieldPanel("known_wrong_answers"),
]


class ExerciseViewSet(SnippetViewSet):
    model = Exercise
    icon = "code"
    menu_label = "Exercises"
    add_to_admin_menu = True
    list_display = ["title", "slug", "updated_at"]
    list_filter = ["live", "datasets"]
    search_fields = ["title", "slug"]
    add_view_class = ExerciseCreateView
    edit_view_class = ExerciseEditView
    inspect_view_enabled = True
    inspect_view_fields = [
        "title",
        "slug",
        "instructions",
        "datasets",
        "dataset_versions",
        "live",
        "updated_at",
    ]
    edit_handler = ObjectList(
        [
            FieldPanel("title"),
            FieldPanel("slug"),
            FieldPanel("instructions"),
            FieldPanel("datasets"),
            MultiFieldPanel(
                [FieldPanel("starter_code"), FieldPanel("starter_notebook")], heading="Starter notebook"
            ),
            QuestionsPanel("questions", label="Checked question", min_num=1, panels=QUESTION_PANELS),
            FieldPanel("hints"),
            FieldPanel("solution"),
            FieldPanel("reveal_solution_after"),
        ],
        base_form_class=ExerciseAdminForm,
    )


register_snippet(DatasetViewSet)
register_snippet(ExerciseViewSet)


@hooks.register("register_admin_urls")
def register_upload_url():
    return [
        path("datasets/upload/", dataset_upload, name="jupyterlite_dataset_upload"),
        path("datasets/<int:pk>/new-version/", dataset_new_version, name="jupyterlite_dataset_new_version"),
        path("exercises/recipe-check/", recipe_check_view, name="jupyterlite_recipe_check"),
    ]


@hooks.register("construct_snippet_action_menu")
def publish_only_with_the_right(menu_items, request, context):
    """No "Publish" in the exercise editor for those who must submit to Academy review."""
    if context.get("model") is Exercise and not _may_skip_review(request.user):
        menu_items[:] = [item for item in menu_items if item.name != "action-publish"]


# The one site search (home.search): datasets.
hooks.register(SEARCH_PROVIDERS_HOOK, search.dataset_provider)
