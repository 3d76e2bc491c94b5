"""Admin: datasets and exercises as snippets, and the CSV upload view."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import CreateView, SnippetViewSet

from home.hooks import SEARCH_PROVIDERS_HOOK
from home.permissions import can

from . import search, services
from .admin_forms import DatasetAdminForm
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
    inspect_view_fields = ["title", "slug", "description", "owner", "licence", "row_count", "known_issues"]
    edit_handler = ObjectList(
        [
            FieldPanel("title"),
            FieldPanel("slug"),
            FieldPanel("description"),
            FieldPanel("owner"),
            FieldPanel("licence"),
            FieldPanel("columns"),
            FieldPanel("known_issues"),
        ],
        base_form_class=DatasetAdminForm,
    )


class ExerciseViewSet(SnippetViewSet):
    model = Exercise
    icon = "code"
    menu_label = "Exercises"
    add_to_admin_menu = True
    list_display = ["title", "slug", "is_published", "updated_at"]
    list_filter = ["is_published", "datasets"]
    search_fields = ["title", "slug"]
    inspect_view_enabled = True
    inspect_view_fields = ["title", "slug", "instructions", "datasets", "is_published", "updated_at"]


register_snippet(DatasetViewSet)
register_snippet(ExerciseViewSet)


@hooks.register("register_admin_urls")
def register_upload_url():
    return [path("datasets/upload/", dataset_upload, name="jupyterlite_dataset_upload")]


# The one site search (home.search): datasets.
hooks.register(SEARCH_PROVIDERS_HOOK, search.dataset_provider)
