"""The staff list HR imports: service areas, teams and one record per member of staff.

A record exists before its person signs up (an invitation, matched by email at first sign-in) and after they
leave (kept for the retention period from the leaving date, then erased by `erase_inactive_accounts`).
"""

from django.conf import settings
from django.db import models
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.search import index

from competencies.models import RoleProfile


class ServiceArea(index.Indexed, models.Model):
    """A service area or directorate, e.g. 'Adult Social Care'."""

    name = models.CharField(max_length=150, unique=True, help_text="As written in the staff list.")

    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Team(index.Indexed, models.Model):
    """A team inside a service area, e.g. 'Reablement North' in Adult Social Care."""

    service_area = models.ForeignKey(ServiceArea, on_delete=models.CASCADE, related_name="teams")
    name = models.CharField(max_length=150, help_text="As written in the staff list.")

    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["service_area__name", "name"]
        constraints = [models.UniqueConstraint(fields=["service_area", "name"], name="team_name_per_area")]

    def __str__(self) -> str:
        return f"{self.name} ({self.service_area.name})"


class StaffRecordQuerySet(models.QuerySet):
    def current(self):
        """People still working for the council (leavers excluded)."""
        return self.filter(left_on__isnull=True)

    def leavers(self):
        return self.filter(left_on__isnull=False)


class StaffRecord(index.Indexed, models.Model):
    """One member of staff as HR's list has them; linked to their account once they sign in."""

    email = models.EmailField(unique=True, help_text="Work email address; matched to the account at sign-in.")
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="staff_record",
        help_text="Empty until the person first signs in (an invitation).",
    )
    name = models.CharField(max_length=300, help_text="Full name as in the staff list.")
    job_title = models.CharField(max_length=150, blank=True, help_text="Job title as in the staff list.")
    team = models.ForeignKey(
        Team,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="members",
        help_text="Their team.",
    )
    line_manager = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="reports",
        help_text="The person they report to; managers see their own reports' required learning.",
    )
    role_profile = models.ForeignKey(
        RoleProfile,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="staff_records",
        limit_choices_to={"kind": "job"},
        help_text="The job profile HR gave this post; set on the member's own role profile when they sign in.",
    )
    joined_on = models.DateField(help_text="When they started; due dates can count from it.")
    left_on = models.DateField(
        null=True, blank=True, help_text="Leaving date: kept for the retention period from it, then erased."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = StaffRecordQuerySet.as_manager()

    panels = [
        MultiFieldPanel(
            [FieldPanel("name"), FieldPanel("email"), FieldPanel("job_title"), FieldPanel("role_profile")],
            heading="Person",
        ),
        MultiFieldPanel([FieldPanel("team"), FieldPanel("line_manager")], heading="Where they work"),
        FieldRowPanel([FieldPanel("joined_on"), FieldPanel("left_on")], heading="Dates"),
    ]
    search_fields = [
        index.SearchField("name"),
        index.SearchField("email"),
        index.AutocompleteField("name"),
        index.FilterField("left_on"),
    ]

    class Meta:
        ordering = ["name", "email"]
        indexes = [models.Index(fields=["team", "left_on"])]

    def __str__(self) -> str:
        return f"{self.name} <{self.email}>"

    @property
    def is_invitation(self) -> bool:
        return self.user_id is None

    @property
    def service_area(self):
        return self.team.service_area if self.team_id else None


class StaffImport(models.Model):
    """One staff list applied by HR: who, when, which file and what changed (an audit trail, no personal data)."""

    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    filename = models.CharField(max_length=255)
    applied_at = models.DateTimeField(auto_now_add=True)
    created = models.PositiveIntegerField(default=0)
    updated = models.PositiveIntegerField(default=0)
    unchanged = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-applied_at"]

    def __str__(self) -> str:
        return f"{self.filename} ({self.applied_at:%d %b %Y})"
