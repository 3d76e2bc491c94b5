"""The catalogue, course and lesson pages authors build in the Wagtail admin."""

from dataclasses import dataclass, field

from django.core.exceptions import ImproperlyConfigured
from django.core.paginator import Paginator
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Count, Prefetch, Q
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from competencies.levels import LEVEL_SUMMARIES, Level
from home.blocks import ContentStreamBlock
from home.page_forms import SlugClashPageForm
from learning.blocks import LessonStreamBlock

CATALOGUE_PAGE_SIZE = 12

# learning/wagtail_hooks.py returns {page class: view} here: the views import the models, never the reverse.
PAGE_VIEWS_HOOK = "learning_page_views"


class ServedByView:
    """Mixin for a page whose requests a view handles: `view(request, page, *, preview_mode=None)`.

    `preview_mode` is None when the page is served live, else the Wagtail preview mode ("" by default).
    """

    def _page_view(self):
        for fn in hooks.get_hooks(PAGE_VIEWS_HOOK):
            view = fn().get(type(self))
            if view is not None:
                return view
        raise ImproperlyConfigured(
            f"No view serves {type(self).__name__}: register one with {PAGE_VIEWS_HOOK}."
        )

    def serve(self, request, *args, **kwargs):
        request.is_preview = False
        return self._page_view()(request, self)

    def serve_preview(self, request, mode_name):
        return self._page_view()(request, self, preview_mode=mode_name)


class CoursePageForm(SlugClashPageForm):
    """Checks what spans the form and its inline competencies: no competency beyond the course's level."""

    def clean(self):
        cleaned = super().clean()
        level = cleaned.get("level")
        links = self.formsets.get("competency_links")
        if level and links is not None and links.is_valid():
            too_high = [
                str(form.cleaned_data["competency"])
                for form in links.forms
                if getattr(form, "cleaned_data", None)
                and not form.cleaned_data.get("DELETE")
                and form.cleaned_data.get("competency")
                and (form.cleaned_data.get("level") or 0) > int(level)
            ]
            if too_high:
                self.add_error(
                    "level",
                    f"This course is at {Level(int(level)).label} level, so it cannot develop a competency "
                    f"beyond that. Lower the level for: {', '.join(too_high)}.",
                )
        prerequisites = cleaned.get("prerequisites")
        if (
            prerequisites is not None
            and self.instance.pk
            and self.instance.pk in {p.pk for p in prerequisites}
        ):
            self.add_error("prerequisites", "A course cannot be its own prerequisite.")
        return cleaned


@dataclass(frozen=True)
class Duration:
    """A band of estimated study time the catalogue filters by."""

    slug: str
    label: str
    low: int
    high: int | None

    def q(self) -> Q:
        condition = Q(estimated_minutes__gte=self.low)
        return condition & Q(estimated_minutes__lte=self.high) if self.high is not None else condition


DURATIONS = (
    Duration("under-30", "Under 30 minutes", 0, 29),
    Duration("30-60", "30 minutes to an hour", 30, 60),
    Duration("over-60", "More than an hour", 61, None),
)


@dataclass
class CatalogueFilters:
    """What the learner asked the catalogue for (validated by CatalogueFilterForm)."""

    levels: list[int] = field(default_factory=list)
    competency: int | None = None
    durations: list[str] = field(default_factory=list)
    for_my_role: bool = False


class CourseIndexPage(ServedByView, Page):
    """The course catalogue: every published course, filtered by level, competency and study time."""

    base_form_class = SlugClashPageForm

    introduction = models.TextField(
        max_length=500, blank=True, help_text="A sentence or two above the list of courses."
    )

    content_panels = [*Page.content_panels, FieldPanel("introduction")]
    search_fields = [*Page.search_fields, index.SearchField("introduction")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["learning.CoursePage"]
    max_count = 1

    class Meta:
        verbose_name = "course catalogue"

    def all_courses(self):
        """Published, unrestricted courses in this catalogue (built once per page object: .public() queries)."""
        if getattr(self, "_all_courses", None) is None:
            courses = CoursePage.objects.live().child_of(self)
            # home.routing marks the page served when the site has no view restriction at all.
            if getattr(self, "academy_view_restrictions_exist", True):
                courses = courses.public()
            self._all_courses = courses
        return self._all_courses

    def filtered_courses(self, *, filters: CatalogueFilters, user, skip: str = ""):
        """Courses matching every filter except `skip` (used to count the options of that filter)."""
        courses = self.all_courses()
        if filters.levels and skip != "levels":
            courses = courses.filter(level__in=filters.levels)
        if filters.competency and skip != "competency":
            courses = courses.filter(competency_links__competency_id=filters.competency)
        if filters.durations and skip != "durations":
            wanted = Q()
            for duration in DURATIONS:
                if duration.slug in filters.durations:
                    wanted |= duration.q()
            courses = courses.filter(wanted)
        if filters.for_my_role and skip != "for_my_role":
            courses = self.courses_for_role(courses, user=user)
        return courses

    def courses_for_role(self, courses, *, user):
        """Courses that develop a competency the learner's role profiles require, up to the required level.

        None when the learner has not chosen a role (the catalogue then does not offer the filter).
        """
        from competencies.selectors import required_levels_for_user

        if not user.is_authenticated:
            return None
        required = getattr(user, "_academy_required_levels", None)
        if required is None:
            required = required_levels_for_user(user=user)
            user._academy_required_levels = required
        if not required:
            return None
        wanted = Q()
        for competency_id, level in required.items():
            wanted |= Q(competency_links__competency_id=competency_id, competency_links__level__lte=level)
        return courses.filter(wanted).distinct()

    def role_filter_available(self, *, user) -> bool:
        return user.is_authenticated and self.courses_for_role(self.all_courses(), user=user) is not None

    def facet_counts(self, *, filters: CatalogueFilters, user) -> dict:
        """How many courses each filter option would give, given the other filters: three queries."""
        by_level = dict(
            self.filtered_courses(filters=filters, user=user, skip="levels")
            .order_by()
            .values_list("level")
            .annotate(n=Count("pk", distinct=True))
        )
        by_competency = dict(
            CourseCompetency.objects.filter(
                course__in=self.filtered_courses(filters=filters, user=user, skip="competency")
            )
            .order_by()
            .values_list("competency_id")
            .annotate(n=Count("course_id", distinct=True))
        )
        by_duration = self.filtered_courses(filters=filters, user=user, skip="durations").aggregate(
            **{d.slug: Count("pk", filter=d.q(), distinct=True) for d in DURATIONS}
        )
        return {"levels": by_level, "competencies": by_competency, "durations": by_duration}

    def catalogue(self, *, filters: CatalogueFilters, user, page_number=1, count: int | None = None):
        """One page of matching courses, in level then tree order, with their competencies. `count`, when
        known (from facet_counts), spares the paginator its own count query."""
        courses = (
            self.filtered_courses(filters=filters, user=user)
            .distinct()
            .order_by("level", "path")
            .prefetch_related(
                Prefetch("competency_links", queryset=CourseCompetency.objects.select_related("competency"))
            )
        )
        paginator = Paginator(courses, CATALOGUE_PAGE_SIZE)
        if count is not None:
            paginator.count = count  # a cached_property: set, it is not computed again
        return paginator.get_page(page_number)

    @staticmethod
    def matching_count(*, filters: CatalogueFilters, counts: dict) -> int:
        """How many courses match every filter, from the level facet (each course has one level, and the level
        facet counts the courses matching every other filter)."""
        by_level = counts["levels"]
        if filters.levels:
            return sum(by_level.get(level, 0) for level in filters.levels)
        return sum(by_level.values())


class CoursePage(ServedByView, Page):
    """A course at one level: an overview, what it develops, and its lessons as child pages."""

    level = models.PositiveSmallIntegerField(
        choices=Level.choices,
        db_index=True,
        help_text="The data-literacy level the course is pitched at. Completing it is evidence at this level.",
    )
    summary = models.TextField(
        max_length=300, help_text="One or two sentences shown on the catalogue card and under the title."
    )
    learning_outcomes = models.TextField(
        help_text="What learners will be able to do afterwards: one outcome per line, each starting with a verb."
    )
    audience = models.TextField(
        max_length=500, help_text="Who the course is for, e.g. 'Anyone who reads reports or dashboards'."
    )
    estimated_minutes = models.PositiveIntegerField(
        db_index=True,
        validators=[MinValueValidator(5), MaxValueValidator(6000)],
        help_text="Roughly how long the whole course takes, in minutes.",
    )
    pass_mark = models.PositiveSmallIntegerField(
        default=70,
        validators=[MaxValueValidator(100)],
        help_text="The percentage of question marks needed to pass (0 to 100). 0 means finishing is enough.",
    )
    prerequisites = ParentalManyToManyField(
        "self",
        symmetrical=False,
        blank=True,
        related_name="required_by",
        help_text="Courses a learner must pass before starting this one.",
    )
    body = StreamField(
        ContentStreamBlock(), blank=True, help_text="Optional: more about the course, shown on its page."
    )
    certificate_valid_months = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(120)],
        help_text="Recertification: how many months a certificate stays valid, e.g. 12. Empty: it never expires.",
    )
    renewal_window_days = models.PositiveSmallIntegerField(
        default=30,
        blank=True,
        validators=[MaxValueValidator(365)],
        help_text="How many days before a certificate expires the learner is asked to take the course again.",
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldPanel("level"),
                FieldPanel("estimated_minutes"),
                FieldPanel("pass_mark"),
                FieldPanel("audience"),
            ],
            heading="About the course",
        ),
        FieldPanel("learning_outcomes"),
        InlinePanel("competency_links", label="Competencies this course develops", min_num=0),
        FieldPanel("prerequisites"),
        MultiFieldPanel(
            [FieldPanel("certificate_valid_months"), FieldPanel("renewal_window_days")],
            heading="Recertification",
        ),
        FieldPanel("body"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("learning_outcomes"),
        index.SearchField("audience"),
        index.FilterField("level"),
    ]
    parent_page_types = ["learning.CourseIndexPage"]
    subpage_types = ["learning.LessonPage"]
    base_form_class = CoursePageForm

    class Meta:
        verbose_name = "course"

    @property
    def level_label(self) -> str:
        return Level(self.level).label

    @property
    def level_summary(self) -> str:
        return LEVEL_SUMMARIES[Level(self.level)]

    def outcomes(self) -> list[str]:
        return [line.strip(" -•\t") for line in self.learning_outcomes.splitlines() if line.strip(" -•\t")]

    def lessons(self):
        """The published lessons in the order authors arranged them, without their bodies."""
        return LessonPage.objects.live().child_of(self).defer_streamfields().order_by("path")


class CourseCompetency(Orderable):
    """A competency a course develops, and to which level (at most the course's own level)."""

    course = ParentalKey(CoursePage, on_delete=models.CASCADE, related_name="competency_links")
    competency = models.ForeignKey(
        "competencies.Competency", on_delete=models.PROTECT, related_name="course_links"
    )
    level = models.PositiveSmallIntegerField(
        choices=Level.choices,
        help_text="The level learners show this competency at when they pass. Not above the course's level.",
    )

    panels = [FieldPanel("competency"), FieldPanel("level")]

    class Meta(Orderable.Meta):
        verbose_name = "competency developed"
        constraints = [
            models.UniqueConstraint(fields=["course", "competency"], name="course_competency_once")
        ]

    def __str__(self) -> str:
        return f"{self.competency} to {Level(self.level).label}"


class LessonPage(ServedByView, Page):
    """One lesson of a course: reading, questions and (from the lab) exercises, in one stream."""

    base_form_class = SlugClashPageForm

    summary = models.TextField(
        max_length=300, blank=True, help_text="Optional one-line summary of the lesson."
    )
    estimated_minutes = models.PositiveIntegerField(
        default=10,
        validators=[MinValueValidator(1), MaxValueValidator(600)],
        help_text="Roughly how long the lesson takes, in minutes.",
    )
    required = models.BooleanField(
        default=True,
        help_text="Untick for optional extra reading: the course can be completed without it.",
    )
    body = StreamField(
        LessonStreamBlock(),
        help_text="The lesson: text, images and tables, with questions learners answer as they go.",
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("estimated_minutes"),
        FieldPanel("required"),
        FieldPanel("body"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("summary"), index.SearchField("body")]
    parent_page_types = ["learning.CoursePage"]
    subpage_types: list[str] = []
    preview_modes = [("", "As a learner sees it"), ("answers", "With the answers shown")]

    class Meta:
        verbose_name = "lesson"

    def course(self) -> CoursePage:
        return CoursePage.objects.get(path=self.path[: -self.steplen])

    def questions(self):
        """(stream child, question block) pairs in the order they appear."""
        from learning.blocks import is_question

        return [child for child in self.body if is_question(child)]
