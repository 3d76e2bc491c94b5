"""Images in posts: accepted by content, limited, stripped of metadata, re-encoded, served safely, erased right."""

import struct
import zlib
from io import BytesIO

import pytest
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from PIL import Image

from community import images, services
from community.models import Post, PostImage
from home import personal_data


def _png(size=(40, 30), colour="teal") -> bytes:
    buffer = BytesIO()
    Image.new("RGB", size, colour).save(buffer, "PNG")
    return buffer.getvalue()


def _upload(data: bytes, name="chart.png", content_type="image/png"):
    return SimpleUploadedFile(name, data, content_type=content_type)


def _stored(image: PostImage) -> bytes:
    with default_storage.open(image.file.name, "rb") as handle:
        return handle.read()


def _chunk(kind: bytes, data: bytes) -> bytes:
    return (
        struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    )


def test_a_png_is_stored_re_encoded_with_its_alt_text(learner):
    image = images.image_create(user=learner, upload=_upload(_png()), alt_text="  Bar chart of bins  ")
    assert (image.width, image.height, image.content_type, image.alt_text) == (
        40,
        30,
        "image/png",
        "Bar chart of bins",
    )
    assert _stored(image).startswith(b"\x89PNG\r\n\x1a\n") and image.size == len(_stored(image))
    assert image.markdown == f"![Bar chart of bins](/community/images/{image.key}/)"


def test_png_polyglot_loses_what_was_appended(learner):
    polyglot = _png() + b"<html><script>alert(document.cookie)</script></html>"
    image = images.image_create(user=learner, upload=_upload(polyglot), alt_text="Chart")
    stored = _stored(image)
    assert b"<script" not in stored and b"<html" not in stored
    assert Image.open(BytesIO(stored)).size == (40, 30)


def test_text_chunks_in_a_png_are_dropped(learner):
    from PIL import PngImagePlugin

    info = PngImagePlugin.PngInfo()
    info.add_text("Comment", "<script>alert(1)</script> taken at home")
    buffer = BytesIO()
    Image.new("RGB", (10, 10)).save(buffer, "PNG", pnginfo=info)
    image = images.image_create(user=learner, upload=_upload(buffer.getvalue()), alt_text="Dark square")
    assert b"taken at home" not in _stored(image)


def test_svg_renamed_png_is_refused_and_nothing_is_stored(learner):
    svg = b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><rect width="10" height="10"/></svg>'
    with pytest.raises(ValidationError) as refused:
        images.image_create(user=learner, upload=_upload(svg, "chart.png"), alt_text="Chart")
    assert refused.value.message_dict["image"] == [images.NOT_AN_IMAGE]
    assert not PostImage.objects.exists()


def test_other_image_formats_are_refused(learner):
    buffer = BytesIO()
    Image.new("RGB", (10, 10)).save(buffer, "BMP")
    with pytest.raises(ValidationError):
        images.image_create(user=learner, upload=_upload(buffer.getvalue(), "x.png"), alt_text="Chart")


def test_pixel_bomb_is_refused_before_it_is_decoded(learner):
    # A valid PNG header claiming 30,000 × 30,000 pixels, with a tiny (never decoded) body.
    header = _chunk(b"IHDR", struct.pack(">IIBBBBB", 30_000, 30_000, 8, 2, 0, 0, 0))
    bomb = (
        b"\x89PNG\r\n\x1a\n" + header + _chunk(b"IDAT", zlib.compress(b"\x00" * 100)) + _chunk(b"IEND", b"")
    )
    with pytest.raises(ValidationError) as refused:
        images.image_create(user=learner, upload=_upload(bomb), alt_text="Chart")
    assert "megapixels or fewer" in refused.value.message_dict["image"][0]
    assert not PostImage.objects.exists()


@override_settings(COMMUNITY_IMAGE_MAX_PIXELS=1000)
def test_an_image_over_the_pixel_limit_is_refused(learner):
    with pytest.raises(ValidationError, match="megapixels"):
        images.image_create(user=learner, upload=_upload(_png((40, 30))), alt_text="Chart")


@override_settings(COMMUNITY_IMAGE_MAX_BYTES=2048)
def test_an_image_over_the_size_limit_is_refused(learner):
    buffer = BytesIO()
    Image.effect_noise((100, 100), 80).save(buffer, "PNG")  # noise does not compress: well over 2 KB
    with pytest.raises(ValidationError, match="must be 2 KB or smaller"):
        images.image_create(user=learner, upload=_upload(buffer.getvalue()), alt_text="Chart")


def test_exif_gps_position_is_removed(learner):
    exif = Image.Exif()
    exif[0x010F] = "Council phone"  # Make
    exif[0x8825] = {1: "N", 2: (52.0, 11.0, 30.0), 3: "W", 4: (2.0, 13.0, 5.0)}  # GPS IFD
    buffer = BytesIO()
    Image.new("RGB", (20, 20), "white").save(buffer, "JPEG", exif=exif)
    original = buffer.getvalue()
    assert Image.open(BytesIO(original)).getexif().get_ifd(0x8825)  # the upload does carry a position
    image = images.image_create(
        user=learner, upload=_upload(original, "photo.jpg", "image/jpeg"), alt_text="Photo"
    )
    stored = _stored(image)
    assert image.content_type == "image/jpeg"
    assert not Image.open(BytesIO(stored)).getexif()
    assert b"Exif" not in stored and b"Council phone" not in stored


def test_alt_text_is_required(learner):
    with pytest.raises(ValidationError) as refused:
        images.image_create(user=learner, upload=_upload(_png()), alt_text="   ")
    assert "Describe the image" in refused.value.message_dict["image_alt"][0]
    assert not PostImage.objects.exists()


def test_served_as_an_image_only_and_to_members_only(client_for, learner, other_learner, client):
    image = images.image_create(user=learner, upload=_upload(_png()), alt_text="Chart")
    response = client_for(other_learner).get(image.get_absolute_url())
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"] == f'inline; filename="image-{image.key}.png"'
    assert "sandbox" in response["Content-Security-Policy"]
    assert b"".join(response.streaming_content) == _stored(image)
    assert "/accounts/login/" in client.get(image.get_absolute_url())["Location"]


def test_reply_with_an_image_and_alt_text_without_javascript(client_for, learner, topic):
    client = client_for(learner)
    url = f"/community/t/{topic.pk}/reply/"
    refused = client.post(url, {"body": "Here is the chart", "image": _upload(_png())})
    assert refused.status_code == 200 and "Describe the image for people who cannot see it" in refused.text
    assert "Here is the chart" in refused.text and Post.objects.count() == 1
    preview = client.post(
        url,
        {
            "body": "Here is the chart",
            "image": _upload(_png()),
            "image_alt": "Missed bins",
            "action": "preview",
        },
    )
    image = PostImage.objects.get()
    assert preview.status_code == 200 and Post.objects.count() == 1
    assert f'<img src="/community/images/{image.key}/" alt="Missed bins">' in preview.text  # in the preview
    body = preview.context["form"].data["body"]
    assert body == f"Here is the chart\n\n![Missed bins](/community/images/{image.key}/)\n"
    posted = client.post(url, {"body": body})
    assert posted.status_code == 302
    post = Post.objects.get(number=2)
    assert f'<img src="/community/images/{image.key}/" alt="Missed bins">' in post.html
    image.refresh_from_db()
    assert image.post_id == post.pk


def test_erasure_keeps_images_in_posts_and_deletes_the_rest(learner, topic):
    used = images.image_create(user=learner, upload=_upload(_png()), alt_text="Used")
    unused = images.image_create(user=learner, upload=_upload(_png()), alt_text="Unused")
    services.post_create(user=learner, topic=topic, source=f"See {used.markdown}")
    exported = personal_data.export_for(learner)["forum_images"]
    assert sorted(row["alt_text"] for row in exported) == ["Unused", "Used"]
    personal_data.erase(learner, actor=learner)
    assert not PostImage.objects.filter(pk=unused.pk).exists()
    assert not default_storage.exists(unused.file.name)
    used.refresh_from_db()
    assert used.uploaded_by.email != learner.email and default_storage.exists(used.file.name)
