"""Marking one answer against a question: is it well formed, is it right, is it a known mistake.

Pure functions (no database): ``services.attempt_grade`` stores and counts; this only judges. The known
mistakes are data on the question (``Question.known_wrong_answers``, a list of ``{value, tolerance,
message}``), so a later answer "recipe" can fill the same list.
"""

import math
import re
from dataclasses import dataclass

RIGHT = "Well done: that is right."
NOT_A_NUMBER = "This question wants a number, e.g. 12 or 3.5. That answer was not counted as an attempt."
EMPTY = "Enter an answer first. That answer was not counted as an attempt."
WRONG_NUMBER = "That is not the right number. Try again."
WRONG_TEXT = "That is not the right answer. Try again."
MAX_MESSAGE = 300


@dataclass(frozen=True)
class Mark:
    """How one answer fares: ``well_formed`` answers count as attempts; ``mistake`` is a known one."""

    well_formed: bool
    correct: bool
    message: str
    mistake: bool = False


def as_number(value) -> float | None:
    """``value`` as a finite float (numbers, or text such as "1,234.5"), else None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return float(value) if math.isfinite(value) else None
    if isinstance(value, str):
        try:
            number = float(value.strip().replace(",", ""))
        except ValueError:
            return None
        return number if math.isfinite(number) else None
    return None


def _same_text(a, b) -> bool:
    return str(a).strip().casefold() == str(b).strip().casefold()


def _known_mistake(question, value, number: float | None) -> str | None:
    for entry in question.known_wrong_answers or []:
        if question.answer_type == question.NUMBER:
            known = as_number(entry.get("value"))
            if known is not None and abs(number - known) <= float(entry.get("tolerance") or 0) + 1e-9:
                return entry["message"]
        elif _same_text(value, entry.get("value", "")):
            return entry["message"]
    return None


def mark(question, value, expected) -> Mark:
    """Judge ``value`` for ``question`` whose right answer is ``expected`` (which is never echoed)."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return Mark(False, False, EMPTY)
    if question.answer_type == question.NUMBER:
        number = as_number(value)
        if number is None:
            return Mark(False, False, NOT_A_NUMBER)
        if abs(number - float(expected)) <= float(question.tolerance) + 1e-9:
            return Mark(True, True, RIGHT)
        known = _known_mistake(question, value, number)
        return Mark(True, False, known or WRONG_NUMBER, mistake=known is not None)
    if not isinstance(value, str | int | float) or isinstance(value, bool):
        return Mark(False, False, "This question wants a short text answer. That answer was not counted.")
    if _same_text(value, expected):
        return Mark(True, True, RIGHT)
    known = _known_mistake(question, value, None)
    return Mark(True, False, known or WRONG_TEXT, mistake=known is not None)


def known_wrong_errors(question) -> list[str]:
    """What is wrong with ``question.known_wrong_answers``, in plain English (empty when it is fine)."""
    entries = question.known_wrong_answers
    if entries in (None, ""):
        return []
    if not isinstance(entries, list):
        return ['Enter a list, e.g. [{"value": 12, "message": "That still counts the duplicates."}].']
    errors = []
    for number, entry in enumerate(entries, start=1):
        if not isinstance(entry, dict) or set(entry) - {"value", "tolerance", "message"}:
            errors.append(f"Mistake {number} must have only value, tolerance and message.")
            continue
        message = entry.get("message")
        if not isinstance(message, str) or not message.strip() or len(message) > MAX_MESSAGE:
            errors.append(f"Mistake {number} needs a message of 1 to {MAX_MESSAGE} characters.")
        if "value" not in entry or isinstance(entry["value"], dict | list | bool) or entry["value"] is None:
            errors.append(f"Mistake {number} needs the wrong value, a number or a short text.")
        elif question.answer_type == question.NUMBER and as_number(entry["value"]) is None:
            errors.append(f"Mistake {number}: this question wants numbers, so the value must be a number.")
        tolerance = entry.get("tolerance", 0)
        if as_number(tolerance) is None or as_number(tolerance) < 0:
            errors.append(f"Mistake {number}: tolerance must be a number of 0 or more.")
    if errors or not question.expected_value:
        return errors
    for number, entry in enumerate(entries, start=1):
        if mark(question, entry["value"], question.expected_value).correct:
            errors.append(f"Mistake {number} is the right answer (within the tolerance); remove it.")
        shown = re.escape(question.expected_value.strip())
        if re.search(rf"(?<![\w.]){shown}(?!\w|\.\d)", entry["message"], re.IGNORECASE):
            errors.append(f"Mistake {number}'s message gives away the right answer; reword it.")
    return errors
