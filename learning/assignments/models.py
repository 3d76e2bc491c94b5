"""Required learning: pathways, assignments (the rule: what, to whom, due when), each person's assigned
learning (their dates, kept in step with their passes) and the reminders already sent."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable
from wagtail.search import index

from competencies.models import RoleProfile
from competencies.staff.models import ServiceArea, StaffRecord, Team

from . import schedule

MONTHS = [
    (i, name)
    for i, name in enumerate(
        [
            "January",
            "February",
            "March",
            "April",
            "May",
            "June",
            "July",
            "August",
            "September",
            "October",
            "November",
            "December",
        ],
        start=1,
    )
]


class Pathway(index.Indexed, ClusterableModel):
    """A named sequence of courses assigned together, e.g. 'New managers: data essentials'."""

    title = models.CharField(
        max_length=200, help_text="What staff see, e.g. 'Information governance essentials'."
    )
    description = models.TextField(blank=True, help_text="Why these courses, in plain English.")

    panels = [FieldPanel("title"), FieldPanel("description"), InlinePanel("steps", label="Course", min_num=1)]
    search_fields = [index.SearchField("title"), index.AutocompleteField("title")]

    class Meta:
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title


class PathwayCourse(Orderable):
    """One course of a pathway, in order."""

    pathway = ParentalKey(Pathway, on_delete=models.CASCADE, related_name="steps")
    course = models.ForeignKey(
        "learning.CoursePage",
        on_delete=models.CASCADE,
        related_name="+",
        help_text="A course every assignee of the pathway must pass.",
    )

    panels = [FieldPanel("course")]

    class Meta(Orderable.Meta):
        constraints = [models.UniqueConstraint(fields=["pathway", "course"], name="pathway_course_once")]


class Requirement(models.TextChoices):
    MANDATORY = "mandatory", "Mandatory"
    RECOMMENDED = "recommended", "Recommended"


class DueRule(models.TextChoices):
    FIXED = "fixed", "By a fixed date"
    AFTER_JOINING = "after_joining", "A number of days after the person joined"
    AFTER_ASSIGNMENT = "after_assignment", "A number of days after it was assigned to them"
    ANNUAL = "annual", "Every year by a date (e.g. each April)"


class Assignment(index.Indexed, ClusterableModel):
    """A course or pathway staff must (or should) pass: to whom, and by when. Saving it updates who has it."""

    title = models.CharField(
        max_length=200, help_text="What staff see, e.g. 'Annual data protection refresher'."
    )
    course = models.ForeignKey(
        "learning.CoursePage",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        help_text="The course to pass. Choose a course or a pathway, not both.",
    )
    pathway = models.ForeignKey(
        Pathway,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="assignments",
        help_text="A pathway: every course on it must be passed.",
    )
    requirement = models.CharField(
        max_length=12,
        choices=Requirement.choices,
        default=Requirement.MANDATORY,
        help_text="Mandatory learning counts in compliance and its reminders cannot be turned off.",
    )
    everyone = models.BooleanField(default=False, help_text="Assign it to everyone on the staff list.")
    role_profiles = ParentalManyToManyField(
        RoleProfile,
        blank=True,
        related_name="+",
        help_text="Everyone whose job profile (from the staff list) is one of these.",
    )
    service_areas = ParentalManyToManyField(
        ServiceArea, blank=True, related_name="+", help_text="Everyone in these service areas."
    )
    teams = ParentalManyToManyField(Team, blank=True, related_name="+", help_text="Everyone in these teams.")
    people = ParentalManyToManyField(
        StaffRecord, blank=True, related_name="+", help_text="These named people."
    )
    due_rule = models.CharField(
        max_length=20,
        choices=DueRule.choices,
        default=DueRule.AFTER_ASSIGNMENT,
        help_text="How each person's due date is set.",
    )
    due_date = models.DateField(
        null=True, blank=True, help_text="For a fixed date: the date, e.g. 2026-06-30."
    )
    due_days = models.PositiveSmallIntegerField(
        default=30,
        help_text="For 'days after': how many days. For 'every year': the least notice a newcomer gets before "
        "their first due date.",
    )
    due_month = models.PositiveSmallIntegerField(
        null=True, blank=True, choices=MONTHS, help_text="For 'every year': the month it is due by."
    )
    due_day = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="For 'every year': the day of that month it is due by (e.g. 30)."
    )
    active = models.BooleanField(
        default=True, help_text="Untick to withdraw it: it leaves everyone's list and the reports."
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    panels = [
        FieldPanel("title"),
        FieldRowPanel([FieldPanel("course"), FieldPanel("pathway")], heading="What"),
        FieldPanel("requirement"),
        MultiFieldPanel(
            [
                FieldPanel("everyone"),
                FieldPanel("role_profiles"),
                FieldPanel("service_areas"),
                FieldPanel("teams"),
                FieldPanel("people"),
            ],
            heading="Who (anyone matching any of these)",
        ),
        MultiFieldPanel(
            [
                FieldPanel("due_rule"),
                FieldPanel("due_date"),
                FieldPanel("due_days"),
                FieldRowPanel([FieldPanel("due_month"), FieldPanel("due_day")]),
            ],
            heading="Due",
        ),
        FieldPanel("active"),
    ]
    search_fields = [
        index.SearchField("title"),
        index.AutocompleteField("title"),
        index.FilterField("active"),
    ]

    class Meta:
        ordering = ["title"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(course__isnull=False, pathway__isnull=True)
                | models.Q(course__isnull=True, pathway__isnull=False),
                name="assignment_course_or_pathway",
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_mandatory(self) -> bool:
        return self.requirement == Requirement.MANDATORY

    def clean(self):
        errors = {}
        if bool(self.course_id) == bool(self.pathway_id):
            errors["course"] = "Choose one course or one pathway."
        if self.due_rule == DueRule.FIXED and not self.due_date:
            errors["due_date"] = "Enter the date it is due by."
        if self.due_rule == DueRule.ANNUAL:
            if not self.due_month:
                errors["due_month"] = "Choose the month it is due by each year."
            if not self.due_day or not 1 <= self.due_day <= 31:
                errors["due_day"] = "Enter the day of the month, from 1 to 31."
            elif self.due_month and self.due_day > schedule.days_in_month(2027, self.due_month):
                errors["due_day"] = "That month has fewer days."
        if errors:
            raise ValidationError(errors)

    def rule(self) -> schedule.Rule:
        return schedule.Rule(
            kind=self.due_rule, date=self.due_date, days=self.due_days, month=self.due_month, day=self.due_day
        )


class AssignedLearningQuerySet(models.QuerySet):
    def current(self):
        """For people still on the staff list, under assignments still in force."""
        return self.filter(staff__left_on__isnull=True, assignment__active=True)


class AssignedLearning(models.Model):
    """One person's copy of an assignment: when they got it, when it is due, and their last counted pass.

    The dates are kept in step with their passes (receivers on course takes and certificates) so the status
    on any day — done, due soon, not yet due, overdue, expired — follows from them without a recount;
    `schedule.status_on` and `selectors.STATUS_Q` are the two readings of the same rule.
    """

    assignment = models.ForeignKey(Assignment, on_delete=models.CASCADE, related_name="assigned")
    staff = models.ForeignKey(StaffRecord, on_delete=models.CASCADE, related_name="assigned_learning")
    assigned_on = models.DateField()
    due_on = models.DateField(help_text="First due date (before any pass).")
    completed_on = models.DateField(
        null=True, blank=True, help_text="The pass that counts (all courses done)."
    )
    valid_until = models.DateField(
        null=True, blank=True, help_text="Last day that pass counts; empty: for good."
    )
    next_due_on = models.DateField(null=True, blank=True, help_text="When it is due again after that.")
    renew_from = models.DateField(null=True, blank=True, help_text="When the window to renew opens.")
    expiry_driven = models.BooleanField(default=False, help_text="It lapses because a certificate expires.")

    objects = AssignedLearningQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["assignment", "staff"], name="assigned_once_per_person")
        ]
        indexes = [models.Index(fields=["staff", "assignment"])]

    def __str__(self) -> str:
        return f"Assignment {self.assignment_id} for staff record {self.staff_id}"

    def status_on(self, today) -> str:
        return schedule.status_on(self, today)

    def due_for(self, today):
        return schedule.current_due(self)


class ReminderSent(models.Model):
    """One reminder or digest, sent once: the key names what it was for (unique per person)."""

    staff = models.ForeignKey(StaffRecord, on_delete=models.CASCADE, related_name="reminders_sent")
    assigned = models.ForeignKey(
        AssignedLearning, null=True, blank=True, on_delete=models.CASCADE, related_name="reminders"
    )
    key = models.CharField(max_length=120)
    run = models.UUIDField(
        help_text="The run that sent it: a second run at the same time cannot send it again."
    )
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["staff", "key"], name="reminder_sent_once")]
        indexes = [models.Index(fields=["run"])]

    def __str__(self) -> str:
        return self.key


class ReminderOptOut(models.Model):
    """The person asked for no more reminders about recommended (not mandatory) learning."""

    staff = models.OneToOneField(StaffRecord, on_delete=models.CASCADE, related_name="reminder_opt_out")
    created_at = models.DateTimeField(auto_now_add=True)
