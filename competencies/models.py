"""The data competency framework's core: areas, competencies, and evidence of a member's level."""

from django.conf import settings
from django.db import models
from taggit.managers import TaggableManager
from wagtail.admin.panels import FieldPanel
from wagtail.search import index

from .levels import Level


class CompetencyArea(index.Indexed, models.Model):
    """A group of related competencies, e.g. 'Data quality and standards'."""

    name = models.CharField(max_length=120, unique=True, help_text="The area's name, in sentence case.")
    slug = models.SlugField(max_length=120, unique=True, help_text="Used in web addresses.")
    description = models.TextField(blank=True, help_text="One or two plain-English sentences about the area.")
    sort_order = models.PositiveSmallIntegerField(default=0, help_text="Areas are listed in this order.")

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description"), FieldPanel("sort_order")]
    search_fields = [index.SearchField("name"), index.SearchField("description")]

    class Meta:
        ordering = ["sort_order", "name"]

    def __str__(self) -> str:
        return self.name


class Competency(index.Indexed, models.Model):
    """Something a member of staff can do with data, described at each of the four levels."""

    code = models.CharField(
        max_length=20, unique=True, help_text="A short stable code, e.g. DQ1. Imports match on it."
    )
    name = models.CharField(max_length=160, help_text="What the competency is, e.g. 'Judging data quality'.")
    description = models.TextField(help_text="A plain-English description anyone in the council understands.")
    area = models.ForeignKey(CompetencyArea, on_delete=models.PROTECT, related_name="competencies")
    tags = TaggableManager(blank=True, help_text="Optional keywords to help people find it.")

    panels = [
        FieldPanel("code"),
        FieldPanel("name"),
        FieldPanel("description"),
        FieldPanel("area"),
        FieldPanel("tags"),
    ]
    search_fields = [
        index.SearchField("code"),
        index.SearchField("name"),
        index.SearchField("description"),
        index.FilterField("area_id"),
    ]

    class Meta:
        ordering = ["area__sort_order", "code"]
        verbose_name_plural = "competencies"

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class CompetencyEvidence(models.Model):
    """Evidence that a member has shown a competency at a level — written when they complete a course."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="competency_evidence"
    )
    competency = models.ForeignKey(Competency, on_delete=models.CASCADE, related_name="evidence")
    level = models.PositiveSmallIntegerField(choices=Level.choices)
    source = models.CharField(max_length=200, help_text="What the evidence came from, e.g. the course title.")
    source_key = models.CharField(
        max_length=80,
        help_text="A stable key for the source (e.g. 'course:12'), so re-taking does not duplicate.",
    )
    awarded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-awarded_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "competency", "source_key"], name="evidence_once_per_source"
            ),
        ]
        indexes = [models.Index(fields=["user", "competency", "level"])]

    def __str__(self) -> str:
        return f"{self.competency.code} at {self.get_level_display()}"
