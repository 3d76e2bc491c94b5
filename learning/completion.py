"""What a lesson needs before it is complete: the one function every caller asks.

Questions must be closed: answered correctly, or every attempt used (a wrong answer with attempts left is
still outstanding, so a learner never loses the retry they were promised). Other block types (the lab's exercise block) join by registering a check:

    from learning.completion import register_requirement
    register_requirement("exercise", lambda *, child, user, course_attempt: <checked?>, label="Check exercise")
"""

from collections.abc import Callable
from dataclasses import dataclass

from learning.blocks import is_question
from learning.grading import question_state

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


def lesson_outstanding(
    *, lesson, course_attempt, results: dict[str, list[bool]] | None = None
) -> list[Outstanding]:
    """Everything still to do in `lesson` in this take of the course; an empty list means it can be completed.

    `results` (question id -> whether each attempt was right, oldest first) may be passed in when the caller
    already has the take's attempts at this lesson.
    """
    from learning.models import QuestionAttempt

    if results is None:
        results = {}
        rows = QuestionAttempt.objects.filter(course_attempt=course_attempt, lesson=lesson).order_by("number")
        for question_id, correct in rows.values_list("question_id", "correct"):
            results.setdefault(question_id, []).append(correct)
    outstanding = []
    number = 0
    for child in lesson.body:
        if is_question(child):
            number += 1
            given = results.get(str(child.id), [])
            state = question_state(question={"max_attempts": child.value.get("max_attempts")}, results=given)
            if not given:
                outstanding.append(Outstanding(str(child.id), f"Answer question {number}"))
            elif not state.closed:
                left = f"{state.remaining} attempt{'' if state.remaining == 1 else 's'} left"
                outstanding.append(Outstanding(str(child.id), f"Try question {number} again ({left})"))
        elif child.block_type in _REQUIREMENTS:
            check, label = _REQUIREMENTS[child.block_type]
            user = course_attempt.enrolment.user
            if not check(child=child, user=user, course_attempt=course_attempt):
                outstanding.append(Outstanding(str(child.id), label))
    return outstanding
