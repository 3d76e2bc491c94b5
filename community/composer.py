"""The composer shared by new topics, replies and edits: "Preview" and "Add image" buttons that work without
JavaScript, the live preview the script asks for, and how image files are sent.

Preview is rendered by the same renderer as the posted text, so what members preview is what is posted.
"""

from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.utils import timezone

from . import images, services
from .models import PostImage

PREVIEW = "preview"


@dataclass
class Composed:
    """The form to show (its text may now include an uploaded image) and, unless None, the preview HTML.
    `stay` means show the form again rather than post."""

    form: object
    preview: str | None = None
    stay: bool = False


def compose(request, form_class, **form_kwargs) -> Composed:
    """Handle a composer POST before posting. An attached image is stored and its Markdown added to the text,
    whichever button was pressed; "Preview" shows the form again with the preview and the text kept."""
    form = form_class(request.POST, request.FILES, **form_kwargs)
    upload = request.FILES.get("image")
    if upload is not None:
        try:
            image = images.image_create(
                user=request.user, upload=upload, alt_text=request.POST.get("image_alt", "")
            )
        except ValidationError as exc:
            form.is_valid()
            for field, errors in exc.message_dict.items():
                for error in errors:
                    form.add_error(field if field in form.fields else None, error)
            return Composed(form, preview=_preview(request, form.data.get("body", "")), stay=True)
        data = request.POST.copy()
        data["body"] = f"{data.get('body', '').rstrip()}\n\n{image.markdown}\n".lstrip()
        data["image_alt"] = ""
        form = form_class(data, **form_kwargs)
    if request.POST.get("action") == PREVIEW:
        return Composed(form, preview=_preview(request, form.data.get("body", "")), stay=True)
    return Composed(form)


def _preview(request, source: str) -> str:
    return services.preview_html(user=request.user, source=source)


def _over_preview_limit(user) -> bool:
    """At most COMMUNITY_PREVIEWS_PER_MINUTE previews a minute per member (counted in the shared cache)."""
    key = f"community:preview:{user.pk}:{timezone.now():%Y%m%d%H%M}"
    if cache.add(key, 1, timeout=90):
        return False
    try:
        return cache.incr(key) > settings.COMMUNITY_PREVIEWS_PER_MINUTE
    except ValueError:
        return False


def preview_response(request) -> HttpResponse:
    """The live preview: the posted text rendered as it will be shown, as an HTML fragment."""
    if _over_preview_limit(request.user):
        return HttpResponse("Too many previews: wait a minute.", status=429, content_type="text/plain")
    response = HttpResponse(
        _preview(request, request.POST.get("body", "")), content_type="text/html; charset=utf-8"
    )
    response["Cache-Control"] = "no-store"
    return response


def image_response(picture: PostImage) -> FileResponse:
    """An uploaded image, sent as the image type it was re-encoded to and never as anything a browser runs."""
    try:
        handle = picture.file.open("rb")
    except FileNotFoundError as exc:
        raise Http404("No such image") from exc
    ext = picture.file.name.rsplit(".", 1)[-1]
    response = FileResponse(handle, content_type=picture.content_type)
    response["Content-Disposition"] = f'inline; filename="image-{picture.key}.{ext}"'
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, max-age=86400"
    return response
