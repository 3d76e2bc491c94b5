"""Extension points the lab offers to the apps above it: who is told when a learner passes an exercise."""

from dataclasses import dataclass

from wagtail import hooks

EXERCISE_PASSED_HOOK = "academy_exercise_passed"


@dataclass(frozen=True)
class ExercisePassed:
    """A learner has now answered every question of an exercise correctly (sent again on each later
    correct answer, so receivers must be idempotent)."""

    user: object
    exercise_id: int


def exercise_passed(*, user, exercise_id: int) -> None:
    """Tell every receiver (learning completes the lessons that hold the exercise) that it was passed."""
    event = ExercisePassed(user=user, exercise_id=exercise_id)
    for fn in hooks.get_hooks(EXERCISE_PASSED_HOOK):
        fn(event)
