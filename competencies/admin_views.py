"""Admin screens beyond the snippet views: import a file, publish a version, a role's matrix, copy a role."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse

from home.permissions import require

from . import services, transfer
from .forms import PRIORITY_CHOICES, ImportForm, PublishVersionForm, RoleMatrixForm, matrix_choices
from .importers import ImportRejected
from .models import Competency, CompetencyArea, FrameworkImport, FrameworkVersion, Priority, RoleProfile


def _render(request, template, title, context, icon="table"):
    return TemplateResponse(
        request, template, {"page_title": title, "header_title": title, "header_icon": icon, **context}
    )


def import_framework(request):
    """Upload a framework file. The import runs as a task (thousands of rows take longer than a request may):
    the upload is stored and the admin is sent to its progress page, which shows the result when done."""
    require(request.user, "edit_framework")
    form = ImportForm(request.POST or None, request.FILES or None)
    errors: list[str] = []
    if request.method == "POST" and form.is_valid():
        upload, roles_upload = form.cleaned_data["file"], form.cleaned_data["roles_file"]
        try:
            data = _read_capped(upload)
            roles_data = _read_capped(roles_upload) if roles_upload else None
        except ImportRejected as exc:
            errors = exc.errors
            messages.error(request, f"Nothing was imported: {upload.name} has {len(errors)} problem(s).")
        else:
            job = transfer.queue_import(
                user=request.user,
                fmt=form.cleaned_data["format"],
                filename=upload.name,
                data=data,
                roles_filename=roles_upload.name if roles_upload else "",
                roles_data=roles_data,
            )
            return redirect("competencies_import_status", pk=job.pk)
    return _render(
        request,
        "competencies/admin/import.html",
        "Import framework",
        {"form": form, "errors": errors, "recent": FrameworkImport.objects.defer("data", "roles_data")[:5]},
        "upload",
    )


def import_status(request, pk):
    """An import's progress while it runs (the page refreshes itself), then its result and report."""
    require(request.user, "edit_framework")
    job = get_object_or_404(FrameworkImport.objects.defer("data", "roles_data"), pk=pk)
    return _render(
        request,
        "competencies/admin/import_status.html",
        f"Import of {job.filename}",
        {"job": job, "percent": round(100 * job.done / job.total) if job.total else 0},
        "upload",
    )


def _read_capped(upload) -> bytes:
    """The upload's bytes; one over the limit is refused with its real size before anything is read."""
    from .importers import check_size

    check_size(upload.size, filename=upload.name)
    return upload.read()


def publish_version(request):
    """Publish every draft competency and role profile as the next framework version."""
    require(request.user, "edit_framework")
    form = PublishVersionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            version = services.framework_version_publish(user=request.user, notes=form.cleaned_data["notes"])
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, f"Version {version.number} of the framework is published.")
            return redirect("competencies_publish")
    context = {
        "form": form,
        "pending": services.pending_changes(),
        "versions": FrameworkVersion.objects.defer("snapshot").select_related("published_by")[:20],
    }
    return _render(
        request, "competencies/admin/publish.html", "Publish framework version", context, "doc-full"
    )


def role_matrix(request, pk):
    """Every published competency, by area, with the level and priority this role needs."""
    require(request.user, "edit_framework")
    role = get_object_or_404(RoleProfile, pk=pk)
    role = role.get_latest_revision_as_object() if role.latest_revision_id else role
    current = {r.competency_id: (r.level, r.priority) for r in role.requirements.all()}
    competencies = list(Competency.objects.select_related("area").order_by("area__sort_order", "code"))
    errors: list[str] = []
    if request.method == "POST":
        wanted, errors = RoleMatrixForm(request.POST, competencies=competencies).requirements()
        if not errors:
            publish = "publish" in request.POST
            services.role_requirements_set(role=role, requirements=wanted, user=request.user, publish=publish)
            messages.success(
                request,
                f"Required levels for {role.job_title} are "
                + (
                    "published."
                    if publish
                    else "saved as a draft. Publish them with the next framework version."
                ),
            )
            return redirect("competencies_role_matrix", pk=pk)
        current = wanted
    rows = [
        {
            "competency": c,
            "level": str(current.get(c.pk, ("", ""))[0]),
            "priority": current.get(c.pk, ("", Priority.ESSENTIAL))[1] or Priority.ESSENTIAL,
        }
        for c in competencies
    ]
    context = {
        "role": role,
        "rows": rows,
        "areas": CompetencyArea.objects.all(),
        "level_choices": matrix_choices(),
        "priority_choices": PRIORITY_CHOICES,
        "errors": errors,
        "edit_url": reverse("wagtailsnippets_competencies_roleprofile:edit", args=[role.pk]),
    }
    return _render(request, "competencies/admin/matrix.html", f"Required levels: {role.job_title}", context)


def role_copy(request, pk):
    """Confirm, then make a draft copy of a role profile with its requirements."""
    require(request.user, "edit_framework")
    role = get_object_or_404(RoleProfile, pk=pk)
    if request.method == "POST":
        copy = services.role_profile_copy(role=role, user=request.user)
        messages.success(request, f"Copied {role.job_title}. Rename the copy and publish it when ready.")
        return redirect("wagtailsnippets_competencies_roleprofile:edit", copy.pk)
    return _render(request, "competencies/admin/copy.html", f"Copy {role.job_title}", {"role": role}, "copy")
