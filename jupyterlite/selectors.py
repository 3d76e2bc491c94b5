"""Reads: which exercises a learner has passed, and their state on one exercise."""

from django.db.models import Count, Q

from .models import Attempt, Exercise, Question, SavedNotebook


def exercise_ids_passed(*, user, exercise_ids) -> set[int]:
    """IDs among ``exercise_ids`` where ``user`` has answered every question correctly at least once."""
    if not user.is_authenticated:
        return set()
    rows = (
        Exercise.objects.filter(pk__in=list(exercise_ids))
        .annotate(
            total=Count("questions", distinct=True),
            solved=Count(
                "questions",
                filter=Q(questions__attempts__user=user, questions__attempts__correct=True),
                distinct=True,
            ),
        )
        .values_list("pk", "total", "solved")
    )
    return {pk for pk, total, solved in rows if total and solved == total}


def exercise_marks(*, user, exercise_ids, since) -> list[bool]:
    """One entry per question of the published exercises among ``exercise_ids``: whether ``user`` answered it
    right at or after ``since`` (the start of a course take), for counting lab checks in the course score."""
    questions = list(
        Question.objects.filter(exercise_id__in=list(exercise_ids), exercise__is_published=True).values_list(
            "pk", flat=True
        )
    )
    right = set(
        Attempt.objects.filter(user=user, question_id__in=questions, correct=True, created_at__gte=since)
        .values_list("question_id", flat=True)
        .distinct()
    )
    return [pk in right for pk in questions]


def question_states(*, user, exercise: Exercise) -> dict[int, dict]:
    """For each question of ``exercise``: the learner's attempt count and whether one was correct."""
    states = {q.pk: {"attempts": 0, "correct": False} for q in exercise.questions.all()}
    if not user.is_authenticated:
        return states
    rows = (
        Attempt.objects.filter(user=user, question__exercise=exercise)
        .values("question_id")
        .annotate(n=Count("id"), ok=Count("id", filter=Q(correct=True)))
    )
    for row in rows:
        states[row["question_id"]] = {"attempts": row["n"], "correct": row["ok"] > 0}
    return states


def hints_for(*, question: Question) -> list[str]:
    """The question's own hint first, then the exercise's hints."""
    own = [question.hint.strip()] if question.hint.strip() else []
    return own + question.exercise.hint_list


def saved_notebook(*, user, exercise: Exercise) -> SavedNotebook | None:
    """``user``'s own saved notebook for ``exercise``, if they have one (never anyone else's)."""
    return SavedNotebook.objects.filter(user=user, exercise=exercise).first()
