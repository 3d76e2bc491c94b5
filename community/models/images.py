"""Images members upload into their posts: checked, stripped of metadata and re-encoded before they are stored."""

import uuid

from django.conf import settings
from django.db import models
from django.urls import reverse


class PostImage(models.Model):
    """One uploaded image. Only the re-encoded copy is stored; it is shown in posts at `get_absolute_url`.

    Kept with the post it appears in, as the post's text is (on erasure the uploader becomes "Former member");
    an image that never made it into a post is deleted with its uploader's account."""

    key = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="forum_images"
    )
    post = models.ForeignKey(
        "community.Post", null=True, blank=True, on_delete=models.SET_NULL, related_name="images"
    )
    file = models.FileField(max_length=200)
    content_type = models.CharField(max_length=20)
    width = models.PositiveIntegerField()
    height = models.PositiveIntegerField()
    size = models.PositiveIntegerField(help_text="Bytes of the stored (re-encoded) file.")
    alt_text = models.CharField(max_length=250)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [models.Index(fields=["uploaded_by", "-created_at"], name="post_image_uploader")]

    def __str__(self) -> str:
        return self.alt_text

    def get_absolute_url(self) -> str:
        return reverse("community:image", kwargs={"key": self.key})

    @property
    def markdown(self) -> str:
        alt = self.alt_text.replace("[", "(").replace("]", ")")
        return f"![{alt}]({self.get_absolute_url()})"
