"""What the platform keeps about a learner's study: enrolments, each take of a course, answers, certificates.

Records belong to one learner; every read in views goes through `for_user` so nobody sees anyone else's.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone

from competencies.levels import Level


class EnrolmentQuerySet(models.QuerySet):
    def for_user(self, user):
        return self.filter(user=user) if user.is_authenticated else self.none()


class Enrolment(models.Model):
    """A learner's place on a course: when they joined, where they got to, and their best result."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="enrolments")
    course = models.ForeignKey("learning.CoursePage", on_delete=models.CASCADE, related_name="enrolments")
    enrolled_at = models.DateTimeField(auto_now_add=True)
    last_lesson = models.ForeignKey(
        "learning.LessonPage", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    last_activity_at = models.DateTimeField(null=True, blank=True)
    completed_at = models.DateTimeField(
        null=True, blank=True, help_text="When the learner first passed the course."
    )
    best_score = models.DecimalField(max_digits=5, decimal_places=2, null=True, blank=True)

    objects = EnrolmentQuerySet.as_manager()

    class Meta:
        ordering = ["-last_activity_at", "-enrolled_at"]
        constraints = [models.UniqueConstraint(fields=["user", "course"], name="one_enrolment_per_course")]
        indexes = [models.Index(fields=["course", "completed_at"])]

    def __str__(self) -> str:
        return f"Enrolment {self.pk} on course {self.course_id}"

    @property
    def certificate(self):
        """The newest certificate; a recertifying course issues one per renewal and the older ones are history."""
        return max(self.certificates.all(), key=lambda c: (c.issued_at, c.pk), default=None)


class CourseAttempt(models.Model):
    """One take of a course. A re-take starts a new one; the enrolment keeps the best result."""

    enrolment = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="attempts")
    number = models.PositiveSmallIntegerField()
    started_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    score = models.DecimalField(max_digits=5, decimal_places=2, null=True, blank=True)
    passed = models.BooleanField(default=False)

    class Meta:
        ordering = ["enrolment", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["enrolment", "number"], name="course_attempt_number_unique")
        ]

    def __str__(self) -> str:
        return f"Take {self.number} of enrolment {self.enrolment_id}"


class LessonCompletion(models.Model):
    """A lesson finished within one take of a course."""

    attempt = models.ForeignKey(CourseAttempt, on_delete=models.CASCADE, related_name="lesson_completions")
    lesson = models.ForeignKey("learning.LessonPage", on_delete=models.CASCADE, related_name="completions")
    completed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["attempt", "lesson"], name="lesson_completed_once_per_attempt")
        ]


class QuestionAttemptQuerySet(models.QuerySet):
    def for_user(self, user):
        return self.filter(user=user) if user.is_authenticated else self.none()


class QuestionAttempt(models.Model):
    """One answer to one question, with a snapshot of the question as it was asked, and its grade."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="question_attempts"
    )
    course_attempt = models.ForeignKey(
        CourseAttempt, on_delete=models.CASCADE, related_name="question_attempts"
    )
    lesson = models.ForeignKey(
        "learning.LessonPage", on_delete=models.CASCADE, related_name="question_attempts"
    )
    question_id = models.CharField(max_length=36, help_text="The question block's id in the lesson body.")
    number = models.PositiveSmallIntegerField(help_text="1 for the first try at this question in this take.")
    answer = models.JSONField(help_text="What the learner submitted, as graded.")
    snapshot = models.JSONField(help_text="The question as asked, with its answer key, when it was answered.")
    score = models.DecimalField(max_digits=5, decimal_places=4)
    correct = models.BooleanField()
    feedback = models.JSONField(default=list, blank=True)
    submitted_at = models.DateTimeField(auto_now_add=True)

    objects = QuestionAttemptQuerySet.as_manager()

    class Meta:
        ordering = ["submitted_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["course_attempt", "question_id", "number"], name="question_attempt_number_unique"
            )
        ]
        indexes = [
            models.Index(fields=["course_attempt", "lesson"]),
            models.Index(fields=["lesson", "number", "question_id"]),
        ]

    def __str__(self) -> str:
        return f"Answer {self.number} to question {self.question_id}"


class Certificate(models.Model):
    """Proof that a learner passed a course. Keeps the name, title and level as they were on the day.

    A course with recertification gives each certificate an expiry; passing again in the renewal window (or
    after expiry) issues a new one, and the old ones stay as the history of the certification."""

    enrolment = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="certificates")
    code = models.CharField(
        max_length=14, unique=True, help_text="The verification code, e.g. 7KQ2-M9XD-4TRP."
    )
    learner_name = models.CharField(max_length=300)
    course_title = models.CharField(max_length=255)
    level = models.PositiveSmallIntegerField(choices=Level.choices)
    issued_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text="Midnight (UK time) at the start of the day it expires; empty: never.",
    )

    class Meta:
        ordering = ["-issued_at"]

    def __str__(self) -> str:
        return f"Certificate {self.code}"

    def is_expired(self, now=None) -> bool:
        return self.expires_at is not None and (now or timezone.now()) >= self.expires_at

    @property
    def expired(self) -> bool:
        return self.is_expired()

    @property
    def expires_on(self):
        """The day it expires (a council calendar date), or None."""
        return timezone.localtime(self.expires_at).date() if self.expires_at else None
