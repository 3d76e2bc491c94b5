"""Reads for learning. Every learner-facing read is scoped to one user; reports are aggregates."""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Avg, Count, Q

from .blocks import prompt_text
from .models import CourseAttempt, CoursePage, Enrolment, LessonCompletion, LessonPage, QuestionAttempt


@dataclass
class CourseProgress:
    """Where one learner stands on one course: their take, what is done, and what comes next."""

    enrolment: Enrolment | None = None
    attempt: CourseAttempt | None = None
    completed_ids: set[int] = field(default_factory=set)
    required_total: int = 0
    required_done: int = 0
    next_lesson: LessonPage | None = None
    # Required lessons published after this take finished: optional until the learner takes the course again.
    added_since_ids: set[int] = field(default_factory=set)

    @property
    def percent(self) -> int:
        if not self.required_total:
            return 0
        return round(100 * self.required_done / self.required_total)

    @property
    def started(self) -> bool:
        return self.attempt is not None

    @property
    def finished(self) -> bool:
        return bool(self.attempt and self.attempt.finished_at)


def current_attempt(*, enrolment: Enrolment) -> CourseAttempt | None:
    return enrolment.attempts.order_by("-number").first()


def course_progress(*, user, course: CoursePage, lessons: list[LessonPage]) -> CourseProgress:
    """The learner's progress on `course` given its (already loaded) lessons: two or three queries."""
    progress = CourseProgress(required_total=sum(1 for lesson in lessons if lesson.required))
    if not user.is_authenticated:
        return progress
    enrolment = Enrolment.objects.filter(user=user, course=course).prefetch_related("certificates").first()
    if enrolment is None:
        return progress
    progress.enrolment = enrolment
    progress.attempt = current_attempt(enrolment=enrolment)
    if progress.attempt is not None:
        progress.completed_ids = set(
            LessonCompletion.objects.filter(attempt=progress.attempt).values_list("lesson_id", flat=True)
        )
    progress.required_done = sum(
        1 for lesson in lessons if lesson.required and lesson.pk in progress.completed_ids
    )
    if progress.finished:
        # Passed stays passed: the take is measured against the course as it was when it finished.
        progress.added_since_ids = {
            lesson.pk for lesson in lessons if lesson.required and lesson.pk not in progress.completed_ids
        }
        progress.required_total -= len(progress.added_since_ids)
    progress.next_lesson = _resume_lesson(enrolment=enrolment, lessons=lessons, done=progress.completed_ids)
    return progress


def _resume_lesson(*, enrolment, lessons, done) -> LessonPage | None:
    """Continue where they left off: the last lesson visited if unfinished, else the first unfinished one."""
    by_id = {lesson.pk: lesson for lesson in lessons}
    last = by_id.get(enrolment.last_lesson_id)
    if last is not None and last.pk not in done:
        return last
    return next((lesson for lesson in lessons if lesson.pk not in done), lessons[0] if lessons else None)


@dataclass
class DashboardCourse:
    enrolment: Enrolment
    course: CoursePage
    percent: int
    resume_url: str | None
    finished: bool


def dashboard_courses(*, user, request=None) -> list[DashboardCourse]:
    """The learner's courses for "My learning", most recent first, in a fixed number of queries."""
    enrolments = list(
        Enrolment.objects.for_user(user)
        .select_related("course", "last_lesson")
        .prefetch_related("certificates")[:50]
    )
    if not enrolments:
        return []
    attempts = {}
    for attempt in CourseAttempt.objects.filter(enrolment__in=enrolments).order_by("enrolment_id", "number"):
        attempts[attempt.enrolment_id] = attempt  # the last one wins: the current take
    done = defaultdict(set)
    for attempt_id, lesson_id in LessonCompletion.objects.filter(
        attempt__in=list(attempts.values())
    ).values_list("attempt_id", "lesson_id"):
        done[attempt_id].add(lesson_id)
    course_query = Q()
    for enrolment in enrolments:
        course_query |= Q(path__startswith=enrolment.course.path, depth=enrolment.course.depth + 1)
    lessons_by_course = defaultdict(list)
    for lesson in LessonPage.objects.live().filter(course_query).defer_streamfields().order_by("path"):
        lessons_by_course[lesson.path[: -lesson.steplen]].append(lesson)
    rows = []
    for enrolment in enrolments:
        attempt = attempts.get(enrolment.pk)
        lessons = lessons_by_course[enrolment.course.path]
        completed = done[attempt.pk] if attempt else set()
        finished = bool(attempt and attempt.finished_at)
        required = [
            lesson for lesson in lessons if lesson.required and (not finished or lesson.pk in completed)
        ]
        percent = (
            round(100 * sum(1 for lesson in required if lesson.pk in completed) / len(required))
            if required
            else 0
        )
        resume = _resume_lesson(enrolment=enrolment, lessons=lessons, done=completed)
        rows.append(
            DashboardCourse(
                enrolment=enrolment,
                course=enrolment.course,
                percent=percent,
                resume_url=resume.get_url(request) if resume else None,
                finished=finished,
            )
        )
    return rows


@dataclass
class QuestionStats:
    lesson: LessonPage
    question_id: str
    prompt: str
    first_attempts: int
    first_correct: int

    @property
    def share(self) -> Decimal | None:
        if not self.first_attempts:
            return None
        return (Decimal(self.first_correct) * 100 / self.first_attempts).quantize(Decimal("0.1"))


def course_report(*, course: CoursePage) -> dict:
    """Enrolments, completions, completion rate, average best score, and first-try success per question."""
    totals = Enrolment.objects.filter(course=course).aggregate(
        enrolments=Count("pk"),
        completions=Count("pk", filter=Q(completed_at__isnull=False)),
        average_score=Avg("best_score"),
    )
    enrolments, completions = totals["enrolments"], totals["completions"]
    rate = (Decimal(completions) * 100 / enrolments).quantize(Decimal("0.1")) if enrolments else None
    average = (
        Decimal(totals["average_score"]).quantize(Decimal("0.1"))
        if totals["average_score"] is not None
        else None
    )
    return {
        "enrolments": enrolments,
        "completions": completions,
        "completion_rate": rate,
        "average_score": average,
        "questions": question_stats(course=course),
    }


def question_stats(*, course: CoursePage) -> list[QuestionStats]:
    """Per question in the current lessons, how many first tries there were and how many were right."""
    lessons = list(LessonPage.objects.child_of(course).order_by("path"))
    counts = {
        (row["lesson_id"], row["question_id"]): row
        for row in QuestionAttempt.objects.filter(lesson__in=lessons, number=1)
        .order_by()
        .values("lesson_id", "question_id")
        .annotate(n=Count("pk"), right=Count("pk", filter=Q(correct=True)))
    }
    stats = []
    for lesson in lessons:
        for child in lesson.questions():
            row = counts.get((lesson.pk, str(child.id)), {"n": 0, "right": 0})
            snapshot = child.block.snapshot(child.value, block_id=child.id)
            stats.append(QuestionStats(lesson, str(child.id), prompt_text(snapshot), row["n"], row["right"]))
    return stats


def courses_with_totals():
    """Every course with its enrolment and completion counts, for the reports index."""
    return (
        CoursePage.objects.all()
        .order_by("level", "path")
        .annotate(
            enrolment_count=Count("enrolments", distinct=True),
            completion_count=Count(
                "enrolments", filter=Q(enrolments__completed_at__isnull=False), distinct=True
            ),
        )
    )
