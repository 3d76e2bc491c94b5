"""The data competency framework's core: areas, competencies, level descriptors, and evidence of a member's level."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.db import models
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from taggit.managers import TaggableManager
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.models import DraftStateMixin, RevisionMixin
from wagtail.search import index

from ..levels import Level

MIN_INDICATORS, MAX_INDICATORS = 2, 5


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


class CompetencyQuerySet(models.QuerySet):
    def published(self):
        """Competencies everyone may read: published at least once, their live (published) values."""
        return self.filter(live=True)


class Competency(DraftStateMixin, RevisionMixin, index.Indexed, ClusterableModel):
    """Something a member of staff can do with data, described at each of the four levels.

    Edits are drafts (Wagtail revisions) until HR publishes them, alone or as part of a framework version.
    """

    code = models.CharField(
        max_length=20, unique=True, help_text="A short stable code, e.g. DQ1. Imports match on it."
    )
    name = models.CharField(max_length=160, help_text="What the competency is, e.g. 'Judging data quality'.")
    description = models.TextField(help_text="A plain-English description anyone in the council understands.")
    area = models.ForeignKey(CompetencyArea, on_delete=models.PROTECT, related_name="competencies")
    tags = TaggableManager(blank=True, help_text="Optional keywords to help people find it.")
    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="competency")

    objects = CompetencyQuerySet.as_manager()

    panels = [
        MultiFieldPanel(
            [FieldPanel("code"), FieldPanel("name"), FieldPanel("description"), FieldPanel("area")],
            heading="Competency",
        ),
        FieldPanel("tags"),
        InlinePanel(
            "descriptors",
            heading="Level descriptors",
            label="Level descriptor",
            help_text="What this competency looks like at each level, with 2 to 5 observable indicators.",
            max_num=len(Level),
        ),
    ]
    search_fields = [
        index.SearchField("code"),
        index.SearchField("name"),
        index.SearchField("description"),
        index.AutocompleteField("name"),
        index.FilterField("area_id"),
        index.FilterField("live"),
    ]

    class Meta:
        ordering = ["area__sort_order", "code"]
        verbose_name_plural = "competencies"

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    @property
    def revisions(self):
        return self._revisions


class LevelDescriptor(models.Model):
    """What a competency looks like at one level, as 2 to 5 things you could observe someone doing."""

    competency = ParentalKey(Competency, on_delete=models.CASCADE, related_name="descriptors")
    level = models.PositiveSmallIntegerField(choices=Level.choices, help_text="The level this describes.")
    summary = models.CharField(
        max_length=300, help_text="One sentence: what this competency looks like at this level."
    )
    indicators = models.TextField(
        help_text="2 to 5 observable indicators, one per line, e.g. 'Spots duplicate records in a list'."
    )

    panels = [FieldPanel("level"), FieldPanel("summary"), FieldPanel("indicators")]

    class Meta:
        ordering = ["level"]
        constraints = [
            models.UniqueConstraint(fields=["competency", "level"], name="one_descriptor_per_level"),
        ]

    def __str__(self) -> str:
        return f"{self.competency.code} at {self.get_level_display()}"

    @property
    def indicator_list(self) -> list[str]:
        return split_indicators(self.indicators)

    def clean(self):
        count = len(self.indicator_list)
        if not MIN_INDICATORS <= count <= MAX_INDICATORS:
            raise ValidationError(
                {
                    "indicators": f"Give {MIN_INDICATORS} to {MAX_INDICATORS} observable indicators, one per "
                    f"line (you gave {count})."
                }
            )


def split_indicators(text: str) -> list[str]:
    """Indicators are stored one per line; blank lines and bullets are ignored."""
    return [line.strip().lstrip("-•* ").strip() for line in (text or "").splitlines() if line.strip(" -•*")]


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
