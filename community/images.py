"""Images in posts: accepted by what the file is, not what it is called; limited in bytes and pixels; decoded,
stripped of every piece of metadata (EXIF and its GPS position, comments, colour profiles) and re-encoded, so
the stored file holds pixels only; stored through Django's storage; served as an image and nothing else."""

import re
import uuid
import warnings
from datetime import timedelta
from io import BytesIO

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone
from PIL import Image, ImageOps, ImageSequence, UnidentifiedImageError

from home.permissions import can

from .models import PostImage

# Pillow's format name -> (MIME type, file extension).
FORMATS = {"PNG": ("image/png", "png"), "JPEG": ("image/jpeg", "jpg"), "GIF": ("image/gif", "gif"),
           "WEBP": ("image/webp", "webp")}  # fmt: skip
NOT_AN_IMAGE = "The file must be a PNG, JPEG, GIF or WebP image"
ALT_MAX = 250
IMAGE_URL = re.compile(r"/community/images/([0-9a-f-]{36})/")


def _refuse(message: str):
    raise ValidationError({"image": message})


def _open(data: bytes) -> Image.Image:
    """The decoded image, or a clear refusal: not an image we accept, too many pixels, or damaged."""
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            image = Image.open(BytesIO(data))
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            _refuse(_too_many_pixels())
        except (UnidentifiedImageError, OSError, ValueError, SyntaxError):
            _refuse(NOT_AN_IMAGE)
        if image.format not in FORMATS:
            _refuse(NOT_AN_IMAGE)
        frames = getattr(image, "n_frames", 1)
        if image.width * image.height * frames > settings.COMMUNITY_IMAGE_MAX_PIXELS:
            _refuse(_too_many_pixels())
        try:
            image.load()
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            _refuse(_too_many_pixels())
        except (OSError, ValueError, SyntaxError):
            _refuse("The image is damaged or incomplete: save it again and upload the new file")
    return image


def _too_big() -> str:
    limit = settings.COMMUNITY_IMAGE_MAX_BYTES
    size = f"{limit / (1024 * 1024):g} MB" if limit >= 1024 * 1024 else f"{max(limit // 1024, 1)} KB"
    return f"The image must be {size} or smaller: save it at a smaller size or as a JPEG"


def _too_many_pixels() -> str:
    megapixels = settings.COMMUNITY_IMAGE_MAX_PIXELS / 1_000_000
    return f"The image must be {megapixels:g} megapixels or fewer (e.g. 5000 × 5000): make it smaller"


def _pixels_only(frame: Image.Image) -> Image.Image:
    """A new image holding the frame's pixels and nothing else (no EXIF, comments, profiles or text chunks)."""
    if frame.mode not in {"L", "RGB", "RGBA"}:
        has_alpha = frame.mode in {"LA", "PA", "RGBa", "La"} or "transparency" in frame.info
        frame = frame.convert("RGBA" if has_alpha else "RGB")
    return Image.frombytes(frame.mode, frame.size, frame.tobytes())


def reencode(data: bytes) -> tuple[bytes, str, int, int]:
    """Check and re-encode an upload. Returns (bytes, Pillow format, width, height)."""
    if len(data) > settings.COMMUNITY_IMAGE_MAX_BYTES:
        _refuse(_too_big())
    image = _open(data)
    fmt = image.format
    out = BytesIO()
    if fmt == "GIF" and getattr(image, "n_frames", 1) > 1:
        frames = [_pixels_only(frame.convert("RGBA")) for frame in ImageSequence.Iterator(image)]
        frames[0].save(
            out,
            "GIF",
            save_all=True,
            append_images=frames[1:],
            loop=0,
            duration=image.info.get("duration", 100),
        )
        width, height = frames[0].size
    else:
        clean = _pixels_only(ImageOps.exif_transpose(image))  # keep the picture upright, then drop EXIF
        if fmt == "JPEG":
            clean = clean.convert("RGB") if clean.mode == "RGBA" else clean
            clean.save(out, "JPEG", quality=85, optimize=True)
        elif fmt == "WEBP":
            clean.save(out, "WEBP", quality=85)
        else:
            clean.save(out, fmt, optimize=True)
        width, height = clean.size
    return out.getvalue(), fmt, width, height


def _check_alt(alt_text: str) -> str:
    alt_text = " ".join((alt_text or "").split())
    if not alt_text:
        raise ValidationError(
            {
                "image_alt": "Describe the image for people who cannot see it, e.g. “Bar chart of missed bins by month”"
            }
        )
    if len(alt_text) > ALT_MAX:
        raise ValidationError({"image_alt": f"The description must be {ALT_MAX} characters or fewer"})
    return alt_text


def _check_rate(user) -> None:
    hour_ago = timezone.now() - timedelta(hours=1)
    if PostImage.objects.filter(uploaded_by=user, created_at__gte=hour_ago).count() >= (
        settings.COMMUNITY_IMAGES_PER_HOUR
    ):
        _refuse(
            f"You have uploaded {settings.COMMUNITY_IMAGES_PER_HOUR} images in the last hour. Please wait."
        )


def image_create(*, user, upload, alt_text: str) -> PostImage:
    """Store an uploaded image for a post, re-encoded, with its alt text. Nothing is stored if it is refused."""
    if not can(user, "create_topic"):
        raise PermissionDenied
    alt_text = _check_alt(alt_text)
    _check_rate(user)
    if upload.size > settings.COMMUNITY_IMAGE_MAX_BYTES:
        _refuse(_too_big())
    data, fmt, width, height = reencode(upload.read(settings.COMMUNITY_IMAGE_MAX_BYTES + 1))
    content_type, ext = FORMATS[fmt]
    key = uuid.uuid4()
    name = default_storage.save(f"community/images/{timezone.now():%Y/%m}/{key}.{ext}", ContentFile(data))
    try:
        with transaction.atomic():
            return PostImage.objects.create(
                key=key,
                uploaded_by=user,
                file=name,
                content_type=content_type,
                width=width,
                height=height,
                size=len(data),
                alt_text=alt_text,
            )
    except Exception:
        default_storage.delete(name)
        raise


def attach_to_post(*, post) -> int:
    """Link the author's unattached images that the post shows to it (so they are kept with it)."""
    keys = set(IMAGE_URL.findall(post.source or ""))
    if not keys or not post.author_id:
        return 0
    return PostImage.objects.filter(key__in=keys, uploaded_by_id=post.author_id, post__isnull=True).update(
        post=post
    )


def images_erase(user) -> None:
    """Erasure: images never used in a post are deleted, files included; those in posts stay with the post."""
    from home.services import former_member_user

    for image in PostImage.objects.filter(uploaded_by=user, post__isnull=True):
        default_storage.delete(image.file.name)
        image.delete()
    PostImage.objects.filter(uploaded_by=user).update(uploaded_by=former_member_user())
