"""Writes for learning: starting and re-taking courses, answering questions, completing lessons and courses."""

import datetime
import secrets
from collections import defaultdict
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from competencies.services import evidence_record
from home.permissions import require
from jupyterlite.selectors import exercise_marks

from .completion import Outstanding, lesson_outstanding
from .dates import add_months
from .grading import TamperedAnswer, grade, parse_answer, question_mark, question_state
from .models import (
    Certificate,
    CourseAttempt,
    CoursePage,
    Enrolment,
    LessonCompletion,
    LessonPage,
    QuestionAttempt,
)

CODE_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"  # no 0/O or 1/I/L to misread


class LearningError(Exception):
    """A learner-facing reason an action cannot happen; the message says why. Nothing was saved."""


class PrerequisitesMissing(LearningError):
    def __init__(self, courses):
        self.courses = list(courses)
        titles = ", ".join(course.title for course in self.courses)
        super().__init__(f"Pass these courses before you start this one: {titles}.")


class LessonIncomplete(LearningError):
    def __init__(self, outstanding: list[Outstanding]):
        self.outstanding = outstanding
        super().__init__("Finish the lesson first: " + "; ".join(item.label for item in outstanding) + ".")


def enrolment_start(*, user, course: CoursePage) -> Enrolment:
    """Enrol `user` on `course` and open their first take; starting again is harmless."""
    require(user, "take_course", course)
    missing = prerequisites_missing(user=user, course=course)
    if missing:
        raise PrerequisitesMissing(missing)
    if not LessonPage.objects.live().child_of(course).exists():
        raise LearningError("This course has no lessons yet, so it cannot be started. Try again later.")
    with transaction.atomic():
        enrolment, _ = Enrolment.objects.get_or_create(
            user=user, course=course, defaults={"last_activity_at": timezone.now()}
        )
        if not enrolment.attempts.exists():
            CourseAttempt.objects.create(enrolment=enrolment, number=1)
    return enrolment


def prerequisites_missing(
    *, user, course: CoursePage, required: list[CoursePage] | None = None
) -> list[CoursePage]:
    """The prerequisite courses `user` has not passed yet (`required`: the course's live prerequisites, when
    the caller has them already)."""
    if required is None:
        required = list(course.prerequisites.live().order_by("path"))
    if not required:
        return []
    passed = set(
        Enrolment.objects.filter(user=user, course__in=required, completed_at__isnull=False).values_list(
            "course_id", flat=True
        )
    )
    return [prerequisite for prerequisite in required if prerequisite.pk not in passed]


def course_retake(*, enrolment: Enrolment) -> CourseAttempt:
    """Open a new take of the course once the current one is finished; the best result still counts."""
    with transaction.atomic():
        latest = enrolment.attempts.select_for_update().order_by("-number").first()
        if latest is not None and latest.finished_at is None:
            raise LearningError("You are already taking this course. Finish it before starting again.")
        number = latest.number + 1 if latest else 1
        enrolment.last_lesson = None
        enrolment.last_activity_at = timezone.now()
        enrolment.save(update_fields=["last_lesson", "last_activity_at"])
        return CourseAttempt.objects.create(enrolment=enrolment, number=number)


# Reading one lesson for a while is one visit: its time is refreshed at most this often (My learning sorts by
# it), so a plain GET of the same lesson writes nothing, and holds no write lock.
VISIT_REFRESH = datetime.timedelta(minutes=5)


def lesson_visit(*, enrolment: Enrolment, lesson: LessonPage) -> bool:
    """Remember where the learner is, for "continue where you left off": written only when the lesson
    changes or the last activity is older than VISIT_REFRESH. Returns whether it wrote."""
    now = timezone.now()
    recent = enrolment.last_activity_at is not None and now - enrolment.last_activity_at < VISIT_REFRESH
    if enrolment.last_lesson_id == lesson.pk and recent:
        return False
    Enrolment.objects.filter(pk=enrolment.pk).update(last_lesson=lesson, last_activity_at=now)
    enrolment.last_lesson_id, enrolment.last_activity_at = lesson.pk, now
    return True


def question_find(*, lesson: LessonPage, question_id: str):
    """The question stream child with this id, or TamperedAnswer (the form can only name real questions)."""
    for child in lesson.questions():
        if str(child.id) == question_id:
            return child
    raise TamperedAnswer("no such question in this lesson")


def answer_submit(
    *, course_attempt: CourseAttempt, lesson: LessonPage, question_id: str, data
) -> QuestionAttempt:
    """Grade a learner's answer on the server and keep it with a snapshot of the question as asked.

    Raises AnswerError (clear message, nothing saved), TamperedAnswer (400, nothing saved) or LearningError
    (attempts used up, question already right, take finished).
    """
    child = question_find(lesson=lesson, question_id=question_id)
    snapshot = child.block.snapshot(child.value, block_id=child.id)
    answer = parse_answer(snapshot, data)
    with transaction.atomic():
        locked = (
            CourseAttempt.objects.select_for_update().select_related("enrolment").get(pk=course_attempt.pk)
        )
        if locked.finished_at is not None and locked.lesson_completions.filter(lesson=lesson).exists():
            raise LearningError("You have finished this take of the course. Start again to answer again.")
        # A lesson added after the take finished stays open as optional: its answers are kept but the
        # finished take's score and result do not change (course_attempt_finish_if_done leaves it alone).
        previous = list(
            QuestionAttempt.objects.filter(course_attempt=locked, question_id=question_id).values_list(
                "correct", flat=True
            )
        )
        state = question_state(question=snapshot, results=previous)
        if state.answered_correctly:
            raise LearningError("You have already answered this question correctly.")
        if state.closed:
            raise LearningError(
                "You have used your only attempt at this question."
                if state.max_attempts == 1
                else f"You have used all {state.max_attempts} attempts at this question."
            )
        result = grade(snapshot, answer)
        attempt = QuestionAttempt.objects.create(
            user=locked.enrolment.user,
            course_attempt=locked,
            lesson=lesson,
            question_id=question_id,
            number=len(previous) + 1,
            answer=answer,
            snapshot=snapshot,
            score=result.score,
            correct=result.correct,
            feedback=result.feedback,
        )
        if not lesson_outstanding(lesson=lesson, course_attempt=locked):
            _lesson_mark_complete(course_attempt=locked, lesson=lesson)
    return attempt


def lesson_complete(*, course_attempt: CourseAttempt, lesson: LessonPage) -> LessonCompletion:
    """Mark a lesson finished when nothing is outstanding, and finish the course take if it was the last.

    In a finished take this only records a lesson added since (optional until a retake); the result stays.
    """
    outstanding = lesson_outstanding(lesson=lesson, course_attempt=course_attempt)
    if outstanding:
        raise LessonIncomplete(outstanding)
    with transaction.atomic():
        locked = (
            CourseAttempt.objects.select_for_update().select_related("enrolment").get(pk=course_attempt.pk)
        )
        return _lesson_mark_complete(course_attempt=locked, lesson=lesson)


def _lesson_mark_complete(*, course_attempt: CourseAttempt, lesson: LessonPage) -> LessonCompletion:
    completion, _ = LessonCompletion.objects.get_or_create(attempt=course_attempt, lesson=lesson)
    course_attempt_finish_if_done(course_attempt=course_attempt)
    return completion


def course_attempt_score(*, course_attempt: CourseAttempt, lessons) -> Decimal:
    """The take's score in percent: each mark in the required lessons, averaged.

    A question's mark is its best try, each retry worth a third less (``grading.question_mark``). Each check of
    a lab exercise in those lessons is a mark too: full when answered right during this take (the lab is for
    trying things, so its retries are free).
    """
    required = [lesson for lesson in lessons if lesson.required]
    question_ids = [str(child.id) for lesson in required for child in lesson.questions()]
    exercise_ids = {
        block["value"]["exercise"]
        for lesson in required
        for block in lesson.body.raw_data
        if block["type"] == "exercise" and block["value"].get("exercise")
    }
    lab = (
        exercise_marks(
            user=course_attempt.enrolment.user, exercise_ids=exercise_ids, since=course_attempt.started_at
        )
        if exercise_ids
        else []
    )
    if not question_ids and not lab:
        return Decimal("100.00")
    tries: dict[str, list] = defaultdict(list)
    for question_id, number, score in QuestionAttempt.objects.filter(
        course_attempt=course_attempt, question_id__in=question_ids
    ).values_list("question_id", "number", "score"):
        tries[question_id].append((number, score))
    total = sum((question_mark(tries[question_id]) for question_id in question_ids), Decimal(0))
    total += sum(lab)
    return (total * 100 / (len(question_ids) + len(lab))).quantize(Decimal("0.01"))


def course_attempt_finish_if_done(*, course_attempt: CourseAttempt) -> bool:
    """Finish the take once every required lesson is complete: score it and, if it passed, reward it."""
    enrolment = course_attempt.enrolment
    course = CoursePage.objects.get(pk=enrolment.course_id)
    lessons = list(LessonPage.objects.live().child_of(course))
    required = {lesson.pk for lesson in lessons if lesson.required}
    done = set(LessonCompletion.objects.filter(attempt=course_attempt).values_list("lesson_id", flat=True))
    if not required or not required <= done or course_attempt.finished_at is not None:
        return False
    score = course_attempt_score(course_attempt=course_attempt, lessons=lessons)
    course_attempt.finished_at = timezone.now()
    course_attempt.score = score
    course_attempt.passed = score >= course.pass_mark
    course_attempt.save(update_fields=["finished_at", "score", "passed"])
    enrolment.best_score = max(score, enrolment.best_score or Decimal(0))
    enrolment.save(update_fields=["best_score"])
    if course_attempt.passed:
        _course_passed(enrolment=enrolment, course=course)
    return True


def _course_passed(*, enrolment: Enrolment, course: CoursePage) -> None:
    """Mark the course passed (first pass date kept), issue the certificate once, record competency evidence."""
    if enrolment.completed_at is None:
        enrolment.completed_at = timezone.now()
        enrolment.save(update_fields=["completed_at"])
    latest = enrolment.certificates.order_by("-issued_at", "-pk").first()
    if latest is None or certificate_renewable(certificate=latest, course=course):
        now = timezone.now()
        Certificate.objects.create(
            enrolment=enrolment,
            code=certificate_code(),
            learner_name=enrolment.user.get_full_name() or enrolment.user.email.split("@", 1)[0],
            course_title=course.title,
            level=course.level,
            expires_at=certificate_expiry(issued_at=now, months=course.certificate_valid_months),
        )
    for link in course.competency_links.select_related("competency"):
        evidence_record(
            user=enrolment.user,
            competency=link.competency,
            level=link.level,
            source=course.title,
            source_key=f"course:{course.pk}",
        )


def certificate_expiry(*, issued_at, months: int | None):
    """Midnight, UK time, at the start of the same calendar day `months` later (None: never expires)."""
    if not months:
        return None
    day = add_months(timezone.localdate(issued_at), months)
    return datetime.datetime.combine(day, datetime.time.min, tzinfo=timezone.get_current_timezone())


def certificate_renewable(*, certificate: Certificate, course: CoursePage, now=None) -> bool:
    """A recertifying course's certificate may be renewed from its window before expiry (and once expired)."""
    if not course.certificate_valid_months or certificate.expires_at is None:
        return False
    opens = certificate.expires_at - datetime.timedelta(days=course.renewal_window_days)
    return (now or timezone.now()) >= opens


def certificate_code() -> str:
    """A fresh, unguessable verification code like 7KQ2-M9XD-4TRP."""
    while True:
        raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(12))
        code = f"{raw[:4]}-{raw[4:8]}-{raw[8:]}"
        if not Certificate.objects.filter(code=code).exists():
            return code


def lessons_complete_after_exercise(*, user, exercise_id: int) -> list[LessonCompletion]:
    """After `user` passes an exercise, complete any lesson in their open course takes that now has nothing left."""
    completions = []
    open_takes = CourseAttempt.objects.filter(enrolment__user=user, finished_at__isnull=True).select_related(
        "enrolment"
    )
    for take in open_takes:
        lessons = LessonPage.objects.live().child_of(CoursePage.objects.get(pk=take.enrolment.course_id))
        for lesson in lessons:
            uses_exercise = any(
                child.block_type == "exercise"
                and getattr(child.value.get("exercise"), "pk", None) == exercise_id
                for child in lesson.body
            )
            if uses_exercise and not lesson_outstanding(lesson=lesson, course_attempt=take):
                with transaction.atomic():
                    locked = CourseAttempt.objects.select_for_update().get(pk=take.pk)
                    completions.append(_lesson_mark_complete(course_attempt=locked, lesson=lesson))
    return completions


REVIEW_WORKFLOW_NAME = "Academy review"


def assign_review_workflow(*, catalogue) -> None:
    """Put the course tree under "Academy review" (created by migration learning 0003), unless it has a workflow."""
    from wagtail.models import Workflow, WorkflowPage

    workflow = Workflow.objects.filter(name=REVIEW_WORKFLOW_NAME, active=True).first()
    if workflow is not None and not WorkflowPage.objects.filter(page=catalogue).exists():
        WorkflowPage.objects.create(page=catalogue, workflow=workflow)
