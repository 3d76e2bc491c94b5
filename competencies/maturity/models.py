"""The team data-maturity self-assessment (the LGA's 26-question model): the instrument authored in the admin,
its published versions, teams, assessment rounds, each member's answers, and a team's recommended pathway.

Results are always computed from a round's *published version* (a frozen snapshot), so editing the instrument
or publishing a new version never changes what a closed round says.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable


class MaturityModel(ClusterableModel):
    """A maturity model: its ordered levels (e.g. Basic, Intermediate, Advanced) and, through themes, its
    questions. Changes reach assessments only when published as a new version."""

    name = models.CharField(max_length=160, unique=True, help_text="e.g. 'LGA data maturity model'.")
    description = models.TextField(blank=True, help_text="What the model measures, in plain English.")

    panels = [
        FieldPanel("name"),
        FieldPanel("description"),
        InlinePanel(
            "levels",
            heading="Levels",
            label="Level",
            min_num=2,
            help_text="From least to most mature. 'Don't know' is always offered as well; do not add it here.",
        ),
    ]

    def __str__(self) -> str:
        return self.name


class MaturityLevel(Orderable):
    """One level of a model's scale, lowest first, with what an organisation at that level looks like."""

    model = ParentalKey(MaturityModel, on_delete=models.CASCADE, related_name="levels")
    name = models.CharField(max_length=60, help_text="e.g. 'Intermediate'.")
    descriptor = models.TextField(help_text="What a team at this level typically looks like.")

    panels = [FieldPanel("name"), FieldPanel("descriptor")]

    def __str__(self) -> str:
        return self.name


class MaturityTheme(ClusterableModel):
    """A theme of the model (e.g. 'Data Use') with its questions and the competencies that develop it."""

    model = models.ForeignKey(MaturityModel, on_delete=models.CASCADE, related_name="themes")
    name = models.CharField(max_length=120, help_text="e.g. 'Data Use'.")
    slug = models.SlugField(
        max_length=120, help_text="A stable key, used in addresses and to compare rounds."
    )
    description = models.TextField(blank=True, help_text="What this theme explores, in one or two sentences.")
    sort_order = models.PositiveSmallIntegerField(default=0, help_text="Themes are listed in this order.")
    competencies = ParentalManyToManyField(
        "competencies.Competency",
        blank=True,
        related_name="maturity_themes",
        help_text="Competencies of the framework that develop this theme; a weak theme suggests their courses.",
    )
    forum_category = models.ForeignKey(
        "community.Category",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The forum category where teams can ask about this theme.",
    )

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("model"),
                FieldPanel("name"),
                FieldPanel("slug"),
                FieldPanel("description"),
                FieldPanel("sort_order"),
            ],
            heading="Theme",
        ),
        FieldPanel("competencies"),
        FieldPanel("forum_category"),
        InlinePanel("questions", heading="Questions", label="Question", min_num=1),
    ]

    class Meta:
        ordering = ["model", "sort_order", "name"]
        constraints = [models.UniqueConstraint(fields=["model", "slug"], name="maturity_theme_slug_once")]

    def __str__(self) -> str:
        return self.name


class MaturityQuestion(Orderable):
    """One question, e.g. Q1 'Data is trusted, accurate, timely and available…', with guidance."""

    theme = ParentalKey(MaturityTheme, on_delete=models.CASCADE, related_name="questions")
    code = models.CharField(max_length=12, help_text="A stable code, unique in the model, e.g. 'Q1'.")
    topic = models.CharField(max_length=120, help_text="A short heading, e.g. 'Decision making'.")
    text = models.TextField(help_text="The statement or question people rate their team against.")
    help_text = models.TextField(blank=True, help_text="Optional guidance shown under the question.")

    panels = [FieldPanel("code"), FieldPanel("topic"), FieldPanel("text"), FieldPanel("help_text")]

    def __str__(self) -> str:
        return f"{self.code} {self.topic}"


class MaturityVersion(models.Model):
    """A published, frozen copy of a model (levels, themes, questions). Rounds use one; it never changes."""

    model = models.ForeignKey(MaturityModel, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveIntegerField()
    snapshot = models.JSONField(help_text="The levels, themes and questions as published.")
    notes = models.CharField(max_length=300, blank=True)
    published_at = models.DateTimeField(default=timezone.now)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["model", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["model", "number"], name="maturity_version_number_once")
        ]

    def __str__(self) -> str:
        return f"{self.model} version {self.number}"


class MaturityTeam(models.Model):
    """A team or service area that takes part in assessments; its lead invites the members."""

    name = models.CharField(max_length=160, unique=True, help_text="e.g. 'Adult Social Care performance'.")
    slug = models.SlugField(max_length=160, unique=True, help_text="Used in web addresses.")
    service_area = models.CharField(max_length=160, blank=True, help_text="The directorate or service area.")
    lead = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="maturity_teams_led",
        help_text="The team lead: invites members and sets the team's recommended pathway.",
    )

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("service_area"), FieldPanel("lead")]

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class MaturityMembership(models.Model):
    """A member of a team, invited by its lead (or HR). Members answer for this team in its rounds."""

    team = models.ForeignKey(MaturityTeam, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="maturity_memberships"
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["team", "created_at"]
        constraints = [models.UniqueConstraint(fields=["team", "user"], name="maturity_member_once")]


class AssessmentRound(models.Model):
    """One run of the assessment over a version of the model, for some teams, between two dates."""

    name = models.CharField(max_length=160, help_text="e.g. 'Autumn 2025 data maturity assessment'.")
    version = models.ForeignKey(MaturityVersion, on_delete=models.PROTECT, related_name="rounds")
    opens_on = models.DateField(help_text="The first day members can answer.")
    closes_on = models.DateField(help_text="The last day members can answer; results show after it.")
    teams = models.ManyToManyField(MaturityTeam, related_name="rounds", help_text="The teams taking part.")
    closed_at = models.DateTimeField(null=True, blank=True, help_text="Set when HR closes the round early.")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-closes_on", "-pk"]
        indexes = [models.Index(fields=["closes_on"])]

    def __str__(self) -> str:
        return self.name

    def clean(self):
        if self.opens_on and self.closes_on and self.closes_on < self.opens_on:
            raise ValidationError({"closes_on": "The closing date must be on or after the opening date."})

    @property
    def is_closed(self) -> bool:
        return self.closed_at is not None or timezone.localdate() > self.closes_on

    @property
    def is_open(self) -> bool:
        return not self.is_closed and timezone.localdate() >= self.opens_on

    @property
    def status(self) -> str:
        return "Closed" if self.is_closed else "Open" if self.is_open else "Not open yet"


class MaturityResponse(models.Model):
    """One member's answers for their team in a round: saved as they go, submitted once complete."""

    round = models.ForeignKey(AssessmentRound, on_delete=models.CASCADE, related_name="responses")
    team = models.ForeignKey(MaturityTeam, on_delete=models.CASCADE, related_name="responses")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="maturity_responses"
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["round", "team", "user"], name="maturity_response_once"),
        ]
        indexes = [models.Index(fields=["round", "team", "submitted_at"])]


class MaturityAnswer(models.Model):
    """The level a member chose for one question (0: "Don't know"; empty: not answered yet), with a comment."""

    response = models.ForeignKey(MaturityResponse, on_delete=models.CASCADE, related_name="answers")
    question_code = models.CharField(max_length=12)
    level = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="1 = the lowest level, 0 = Don't know."
    )
    comment = models.TextField(blank=True, max_length=2000)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["response", "question_code"], name="maturity_answer_once"),
        ]


class TeamPathway(models.Model):
    """The courses a team lead recommends to the team after a round, shown to members on My learning."""

    team = models.OneToOneField(MaturityTeam, on_delete=models.CASCADE, related_name="pathway")
    round = models.ForeignKey(AssessmentRound, null=True, on_delete=models.SET_NULL, related_name="+")
    note = models.TextField(blank=True, max_length=1000, help_text="Why these courses, in a sentence or two.")
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)


class TeamPathwayCourse(models.Model):
    """A course on a team's recommended pathway, in order."""

    pathway = models.ForeignKey(TeamPathway, on_delete=models.CASCADE, related_name="courses")
    course = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+")
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position"]
        constraints = [models.UniqueConstraint(fields=["pathway", "course"], name="team_pathway_course_once")]
