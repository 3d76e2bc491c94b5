"""Admin screen: publish the maturity model as a new version (rounds keep the version they were opened on)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse

from home.permissions import require

from . import services
from .models import MaturityModel


def publish_version(request, pk):
    require(request.user, "open_maturity_round")
    model = get_object_or_404(MaturityModel, pk=pk)
    errors = []
    if request.method == "POST":
        try:
            version = services.version_publish(
                model=model, user=request.user, notes=request.POST.get("notes", "")
            )
        except ValidationError as exc:
            errors = exc.messages
        else:
            messages.success(request, f"Published {version}. New rounds use it; earlier rounds keep theirs.")
            return redirect("wagtailsnippets_maturity_maturitymodel:list")
    title = f"Publish {model.name}"
    context = {
        "page_title": title,
        "header_title": title,
        "header_icon": "doc-full",
        "model": model,
        "latest": model.versions.order_by("-number").first(),
        "errors": errors,
    }
    return TemplateResponse(request, "maturity/admin_publish.html", context, status=400 if errors else 200)
