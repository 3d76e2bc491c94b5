"""A framework file uploaded in the admin, imported by a task (django-tasks) so the request never waits for it."""

from django.conf import settings
from django.db import models


class FrameworkImport(models.Model):
    """One upload: its files until the import has run, then its outcome, read by the progress/result page."""

    class Status(models.TextChoices):
        QUEUED = "queued", "Waiting to start"
        RUNNING = "running", "Importing"
        DONE = "done", "Imported"
        REJECTED = "rejected", "Nothing imported"
        FAILED = "failed", "Failed"

    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    format = models.CharField(max_length=10)
    filename = models.CharField(max_length=255)
    data = models.BinaryField(editable=False)
    roles_filename = models.CharField(max_length=255, blank=True)
    roles_data = models.BinaryField(null=True, editable=False)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    stage = models.CharField(max_length=80, blank=True)
    done = models.PositiveIntegerField(default=0)
    total = models.PositiveIntegerField(default=0)
    summary = models.TextField(blank=True)
    report = models.JSONField(default=list, blank=True)
    errors = models.JSONField(default=list, blank=True)
    version_number = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.filename} ({self.get_status_display()})"

    @property
    def finished(self) -> bool:
        return self.status in {self.Status.DONE, self.Status.REJECTED, self.Status.FAILED}
