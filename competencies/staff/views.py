"""Admin screens for HR: import the staff list (check, see what changes, then confirm) and mark a leaver."""

import hashlib

from django.contrib import messages
from django.core.cache import cache
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse

from home.permissions import require

from . import services
from .forms import LeaverForm, StaffImportForm
from .importer import MAX_LISTED_ERRORS, StaffImportRejected
from .models import StaffImport, StaffRecord

PENDING_SECONDS = 30 * 60


def _render(request, template, title, context, icon="group"):
    return TemplateResponse(
        request, template, {"page_title": title, "header_title": title, "header_icon": icon, **context}
    )


def _pending_key(user, digest: str) -> str:
    return f"staff-import:{user.pk}:{digest}"


def staff_import(request):
    """Upload → preview of every change (nothing written) → confirm. The confirmed file is checked again."""
    require(request.user, "manage_staff_records")
    form = StaffImportForm(request.POST or None, request.FILES or None)
    context = {"form": form, "errors": [], "preview": None, "max_errors": MAX_LISTED_ERRORS}
    if request.method == "POST" and request.POST.get("confirm"):
        return _confirm(request)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        data = upload.read()
        try:
            preview = services.staff_import_preview(data=data)
        except StaffImportRejected as exc:
            context["errors"] = exc.errors
            messages.error(request, f"Nothing was imported: {upload.name} has {len(exc.errors)} problem(s).")
        else:
            digest = hashlib.sha256(data).hexdigest()
            cache.set(_pending_key(request.user, digest), (upload.name, data), PENDING_SECONDS)
            context.update({"preview": preview, "digest": digest, "filename": upload.name})
    context["recent"] = StaffImport.objects.select_related("uploaded_by")[:5]
    return _render(request, "staff/admin/import.html", "Import staff list", context, "upload")


def _confirm(request):
    digest = request.POST.get("digest", "")
    pending = cache.get(_pending_key(request.user, digest)) if digest else None
    if pending is None:
        messages.error(request, "That preview has expired. Upload the file again.")
        return redirect("staff_import")
    filename, data = pending
    try:
        result = services.staff_import_apply(data=data, actor=request.user, filename=filename)
    except StaffImportRejected as exc:
        messages.error(
            request, f"Nothing was imported: the staff list changed since the preview ({exc.errors[0]})."
        )
        return redirect("staff_import")
    cache.delete(_pending_key(request.user, digest))
    messages.success(request, f"Staff list imported from {filename}: {result.summary()}")
    return redirect("staff_import")


def staff_leaver(request, pk: int):
    """Mark one member of staff as a leaver."""
    require(request.user, "manage_staff_records")
    record = get_object_or_404(StaffRecord.objects.current(), pk=pk)
    form = LeaverForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.staff_mark_leaver(record=record, left_on=form.cleaned_data["left_on"], actor=request.user)
        messages.success(request, f"{record.name} is marked as leaving on {record.left_on:%d %B %Y}.")
        return redirect(reverse("wagtailsnippets_staff_staffrecord:list"))
    return _render(
        request,
        "staff/admin/leaver.html",
        f"Mark {record.name} as a leaver",
        {"form": form, "record": record},
    )
