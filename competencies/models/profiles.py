"""Role profiles (jobs and the governance responsibilities that stack on them), their required levels,
published framework versions, and each member's chosen profiles and self-assessment."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import DraftStateMixin, RevisionMixin
from wagtail.search import index

from ..levels import Level
from .core import Competency


class ProfileKind(models.TextChoices):
    JOB = "job", "Job profile"
    GOVERNANCE = "governance", "Governance responsibility"


class Priority(models.TextChoices):
    ESSENTIAL = "essential", "Essential"
    DESIRABLE = "desirable", "Desirable"


class RoleProfileQuerySet(models.QuerySet):
    def published(self):
        return self.filter(live=True)

    def jobs(self):
        return self.filter(kind=ProfileKind.JOB)

    def governance(self):
        return self.filter(kind=ProfileKind.GOVERNANCE)


class RoleProfile(DraftStateMixin, RevisionMixin, index.Indexed, ClusterableModel):
    """A job profile (e.g. 'Data analyst') or a governance responsibility held on top of a job
    (Data Owner, Data Steward, Information Asset Owner, SIRO, Data Champion), with its required levels."""

    code = models.SlugField(
        max_length=80, unique=True, help_text="A short stable code, e.g. 'data-analyst'. Imports match on it."
    )
    kind = models.CharField(
        max_length=12,
        choices=ProfileKind.choices,
        default=ProfileKind.JOB,
        help_text="A job profile, or a governance responsibility that stacks onto any job.",
    )
    job_title = models.CharField(
        max_length=160, help_text="The job title or responsibility, e.g. 'Data analyst'."
    )
    job_family = models.CharField(
        max_length=120, blank=True, help_text="The job family, e.g. 'Data and insight' or 'Management'."
    )
    service_area = models.CharField(
        max_length=160, blank=True, help_text="The service area or directorate, or 'All services'."
    )
    grade = models.CharField(
        max_length=40, blank=True, help_text="Optional pay grade or band, e.g. 'Band 8'."
    )
    description = models.TextField(help_text="What the role does with data, in plain English.")
    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="role_profile")

    objects = RoleProfileQuerySet.as_manager()

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("job_title"),
                FieldPanel("code"),
                FieldPanel("kind"),
                FieldRowPanel([FieldPanel("job_family"), FieldPanel("service_area"), FieldPanel("grade")]),
                FieldPanel("description"),
            ],
            heading="Role profile",
        ),
        InlinePanel(
            "requirements",
            heading="Required competencies",
            label="Requirement",
            help_text="Each competency this role needs and the level it needs. The matrix screen sets them all at once.",
        ),
    ]
    search_fields = [
        index.SearchField("job_title"),
        index.SearchField("job_family"),
        index.SearchField("service_area"),
        index.SearchField("description"),
        index.AutocompleteField("job_title"),
        index.FilterField("kind"),
        index.FilterField("live"),
    ]

    class Meta:
        ordering = ["kind", "job_title"]
        indexes = [models.Index(fields=["kind", "live"])]

    def __str__(self) -> str:
        return self.job_title

    @property
    def revisions(self):
        return self._revisions

    @property
    def is_governance(self) -> bool:
        return self.kind == ProfileKind.GOVERNANCE


class RoleRequirement(models.Model):
    """One competency a role profile needs, at a level, essential or desirable."""

    role = ParentalKey(RoleProfile, on_delete=models.CASCADE, related_name="requirements")
    competency = models.ForeignKey(Competency, on_delete=models.CASCADE, related_name="role_requirements")
    level = models.PositiveSmallIntegerField(choices=Level.choices, help_text="The level the role needs.")
    priority = models.CharField(
        max_length=10,
        choices=Priority.choices,
        default=Priority.ESSENTIAL,
        help_text="Essential for the job, or desirable.",
    )

    panels = [FieldPanel("competency"), FieldPanel("level"), FieldPanel("priority")]

    class Meta:
        ordering = ["competency__area__sort_order", "competency__code"]
        constraints = [
            models.UniqueConstraint(fields=["role", "competency"], name="one_requirement_per_competency"),
        ]

    def __str__(self) -> str:
        return f"{self.competency.code} at {self.get_level_display()} ({self.get_priority_display()})"


class FrameworkVersion(models.Model):
    """A published version of the whole framework: who published it, what changed, and a snapshot."""

    number = models.PositiveIntegerField(unique=True, help_text="Versions count up from 1.")
    notes = models.TextField(help_text="What changed in this version, in plain English.")
    source = models.CharField(max_length=200, help_text="How it was made: the admin, or the file imported.")
    published_at = models.DateTimeField(auto_now_add=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    changes = models.JSONField(default=dict, help_text="Counts of what was added and updated.")
    snapshot = models.JSONField(
        default=dict, help_text="The published framework as it stood at this version."
    )

    class Meta:
        ordering = ["-number"]
        get_latest_by = "number"

    def __str__(self) -> str:
        return f"Version {self.number}"


class StaffProfile(models.Model):
    """The job profile and governance responsibilities one member of staff holds."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="competency_profile"
    )
    job_profile = models.ForeignKey(
        RoleProfile,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="job_holders",
        limit_choices_to={"kind": ProfileKind.JOB},
        help_text="The job profile closest to this member's job.",
    )
    governance_profiles = models.ManyToManyField(
        RoleProfile,
        blank=True,
        related_name="governance_holders",
        limit_choices_to={"kind": ProfileKind.GOVERNANCE},
        help_text="Governance responsibilities held on top of the job.",
    )
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    panels = [FieldPanel("user"), FieldPanel("job_profile"), FieldPanel("governance_profiles")]

    class Meta:
        permissions = [("view_named_staff", "Can see named staff in framework reports")]

    def __str__(self) -> str:
        return f"Role profiles of {self.user}"


class SelfAssessment(models.Model):
    """A member's own rating of their level in one competency."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="self_assessments"
    )
    competency = models.ForeignKey(Competency, on_delete=models.CASCADE, related_name="self_assessments")
    level = models.PositiveSmallIntegerField(choices=Level.choices)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "competency"], name="one_self_assessment_per_competency"),
        ]

    def __str__(self) -> str:
        return f"{self.competency.code}: {self.get_level_display()}"
