"""Data champions: their public profile, the competencies they help with, applications and the log of every step."""

from django.conf import settings
from django.db import models
from django.urls import reverse

from competencies.levels import Level


class ChampionProfile(models.Model):
    """A data champion's entry in the directory. Contact details appear only where the champion says so."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="champion_profile"
    )
    is_active = models.BooleanField(default=True, help_text="False once the champion steps down.")
    job_title = models.CharField(max_length=150, blank=True, help_text="As you want it shown.")
    service_area = models.CharField(
        max_length=150, blank=True, help_text="The service area or directorate you work in."
    )
    bio = models.TextField(blank=True, help_text="A few sentences on how you can help. Markdown works.")
    bio_html = models.TextField(blank=True, editable=False)
    office_hours = models.CharField(
        max_length=300, blank=True, help_text="When people can find you, e.g. 'Tuesdays 2pm to 4pm on Teams'."
    )
    networks = models.CharField(
        max_length=300, blank=True, help_text="Networks or groups you lead outside the forums."
    )
    led_categories = models.ManyToManyField(
        "community.Category",
        blank=True,
        related_name="champion_leads",
        help_text="Forum categories this champion leads (and moderates).",
    )
    # Contact preferences: nothing is shown unless the champion chooses it.
    contact_forum = models.BooleanField(default=True, help_text="Show a 'message me in the forum' link.")
    show_email = models.BooleanField(default=False, help_text="Show your work email address.")
    teams_url = models.URLField(blank=True, help_text="A Microsoft Teams chat or meeting link.")
    show_teams = models.BooleanField(default=False, help_text="Show your Teams link.")
    started_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    stepped_down_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [
            models.Index(fields=["is_active", "service_area"], name="champion_area"),
            models.Index(fields=["is_active", "-started_at"], name="champion_recent"),
        ]

    def __str__(self) -> str:
        return self.user.display_name

    def get_absolute_url(self) -> str:
        return reverse("champions:profile", kwargs={"pk": self.pk})


class ChampionCompetency(models.Model):
    """A competency a champion helps with, and the level they can help at."""

    profile = models.ForeignKey(ChampionProfile, on_delete=models.CASCADE, related_name="skills")
    competency = models.ForeignKey(
        "competencies.Competency", on_delete=models.CASCADE, related_name="champion_skills"
    )
    level = models.PositiveSmallIntegerField(choices=Level.choices)

    class Meta:
        ordering = ["-level", "competency__code"]
        constraints = [
            models.UniqueConstraint(fields=["profile", "competency"], name="champion_competency_once")
        ]
        indexes = [models.Index(fields=["competency", "level"], name="champion_skill_level")]

    def __str__(self) -> str:
        return f"{self.competency.code} at {self.get_level_display()}"


class ChampionApplication(models.Model):
    """A member asks to become a data champion; an Academy admin or HR decides."""

    class Status(models.TextChoices):
        PENDING = "pending", "Waiting for a decision"
        APPROVED = "approved", "Approved"
        DECLINED = "declined", "Declined"
        WITHDRAWN = "withdrawn", "Withdrawn"

    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="champion_applications"
    )
    why = models.TextField()
    manager_name = models.CharField(max_length=150)
    service_area = models.CharField(max_length=150, blank=True)
    categories = models.ManyToManyField("community.Category", blank=True, related_name="+")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    created_at = models.DateTimeField(auto_now_add=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decision_reason = models.TextField(blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["applicant"],
                condition=models.Q(status="pending"),
                name="champion_application_one_pending",
            )
        ]
        indexes = [models.Index(fields=["status", "created_at"], name="champion_application_queue")]

    def __str__(self) -> str:
        return f"Application {self.pk} ({self.get_status_display()})"

    def get_absolute_url(self) -> str:
        return reverse("champions:application", kwargs={"pk": self.pk})


class ApplicationCompetency(models.Model):
    """A competency an applicant offers to help with, at a level."""

    application = models.ForeignKey(ChampionApplication, on_delete=models.CASCADE, related_name="skills")
    competency = models.ForeignKey("competencies.Competency", on_delete=models.CASCADE, related_name="+")
    level = models.PositiveSmallIntegerField(choices=Level.choices)

    class Meta:
        ordering = ["-level", "competency__code"]
        constraints = [
            models.UniqueConstraint(fields=["application", "competency"], name="application_competency_once")
        ]


class ChampionLogEntry(models.Model):
    """One step in a champion's life: applied, approved, declined, stepped down. Never edited by the app."""

    class Action(models.TextChoices):
        APPLIED = "applied", "Applied to become a champion"
        APPROVED = "approved", "Application approved"
        DECLINED = "declined", "Application declined"
        WITHDRAWN = "withdrawn", "Application withdrawn"
        STEPPED_DOWN = "stepped_down", "Stepped down"
        REMOVED = "removed", "Removed as a champion"
        PROFILE_UPDATED = "profile_updated", "Profile updated"

    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="champion_log"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    action = models.CharField(max_length=20, choices=Action.choices)
    application = models.ForeignKey(
        ChampionApplication, null=True, blank=True, on_delete=models.SET_NULL, related_name="log"
    )
    reason = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["member", "-created_at"], name="champion_log_member")]

    def __str__(self) -> str:
        return self.get_action_display()
