"""What a lesson needs before it is complete: the one function every caller asks.

Questions need an answer. Other block types (the lab's exercise block) join by registering a check:

    from learning.completion import register_requirement
    register_requirement("exercise", lambda *, child, user, course_attempt: <checked?>, label="Check exercise")
"""

from collections.abc import Callable
from dataclasses import dataclass

from learning.blocks import is_question

RequirementCheck = Callable[..., bool]
_REQUIREMENTS: dict[str, tuple[RequirementCheck, str]] = {}


@dataclass(frozen=True)
class Outstanding:
    """One thing still to do in a lesson, with the anchor of the block it belongs to."""

    block_id: str
    label: str


def register_requirement(block_type: str, check: RequirementCheck, *, label: str) -> None:
    """Make stream blocks named `block_type` count towards completion: `check(child=, user=, course_attempt=)`."""
    _REQUIREMENTS[block_type] = (check, label)


def lesson_outstanding(*, lesson, course_attempt, answered_ids: set[str] | None = None) -> list[Outstanding]:
    """Everything still to do in `lesson` in this take of the course; an empty list means it can be completed.

    `answered_ids` (question ids with at least one attempt) may be passed in when the caller already has them.
    """
    from learning.models import QuestionAttempt

    if answered_ids is None:
        answered_ids = set(
            QuestionAttempt.objects.filter(course_attempt=course_attempt, lesson=lesson).values_list(
                "question_id", flat=True
            )
        )
    outstanding = []
    number = 0
    for child in lesson.body:
        if is_question(child):
            number += 1
            if str(child.id) not in answered_ids:
                outstanding.append(Outstanding(str(child.id), f"Answer question {number}"))
        elif child.block_type in _REQUIREMENTS:
            check, label = _REQUIREMENTS[child.block_type]
            user = course_attempt.enrolment.user
            if not check(child=child, user=user, course_attempt=course_attempt):
                outstanding.append(Outstanding(str(child.id), label))
    return outstanding
