"""Server-side grading of a learner's answer against a question *snapshot* (see QuestionBlock.snapshot).

Pure functions on plain dicts: a stored attempt can be re-read and re-explained with no reference to the
lesson as it is today, so editing a published question never changes what a past attempt meant.
"""

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

MAX_TEXT_ANSWER = 200
ONE = Decimal("1")
ZERO = Decimal("0")


class AnswerError(ValueError):
    """The learner's submission cannot be graded; the message says what to fix. Nothing is saved."""


class TamperedAnswer(ValueError):
    """The submission names options the question never offered: a forged request, answered with 400."""


@dataclass
class Grade:
    """The outcome of grading one submission: a score from 0 to 1 and feedback on what was chosen."""

    score: Decimal
    correct: bool
    feedback: list[dict] = field(default_factory=list)


# --- Whether a question is closed ------------------------------------------------------------


@dataclass(frozen=True)
class QuestionState:
    """Where one learner stands on one question in one take of a course."""

    max_attempts: int
    used: int
    answered_correctly: bool

    @property
    def remaining(self) -> int:
        return max(self.max_attempts - self.used, 0)

    @property
    def closed(self) -> bool:
        """No more answers: right already, or every attempt used."""
        return self.answered_correctly or self.used >= self.max_attempts

    @property
    def next_worth(self) -> Decimal:
        """The share of the question's mark that a right answer on the next try earns."""
        return retry_worth(self.used + 1)

    @property
    def may_show_answer(self) -> bool:
        """The correct answer and explanation are shown only once the question is closed."""
        return self.closed


# Each earlier try at a question costs a third of its mark (Moodle's default penalty), so a retry is worth
# taking but guessing through the options is not a full mark.
RETRY_PENALTY = ONE / 3


def retry_worth(number: int) -> Decimal:
    """The share of the mark that a right answer on try `number` (1 for the first) earns: 1, 2/3, 1/3, 0."""
    return max(ONE - RETRY_PENALTY * (max(number, 1) - 1), ZERO)


def question_mark(tries: Sequence[tuple[int, Decimal]]) -> Decimal:
    """A question's mark in a take from its tries as (number, score): the best try, each retry reduced."""
    return max((Decimal(score) * retry_worth(number) for number, score in tries), default=ZERO)


def question_state(*, question: dict, results: Sequence[bool]) -> QuestionState:
    """The state of `question` (a snapshot or public view) after answers graded `results`, oldest first.

    A question that does not say how many attempts it allows allows one.
    """
    return QuestionState(
        max_attempts=max(int(question.get("max_attempts") or 1), 1),
        used=len(results),
        answered_correctly=any(results),
    )


# --- Reading a submission -------------------------------------------------------------------


def parse_answer(snapshot: dict, data) -> object:
    """Turn POST `data` into a JSON-able answer for `snapshot`'s kind; raise AnswerError or TamperedAnswer."""
    kind = snapshot["kind"]
    option_ids = [option["id"] for option in snapshot.get("options", [])]
    if kind == "single":
        values = data.getlist("answer")
        if not values or values == [""]:
            raise AnswerError("Select an answer")
        if len(values) != 1 or values[0] not in option_ids:
            raise TamperedAnswer("unknown option")
        return values[0]
    if kind == "multiple":
        values = [value for value in data.getlist("answer") if value]
        if not values:
            raise AnswerError("Select at least one answer")
        if len(set(values)) != len(values) or not set(values) <= set(option_ids):
            raise TamperedAnswer("unknown option")
        return [option_id for option_id in option_ids if option_id in values]
    if kind == "ordering":
        return _parse_ordering(option_ids, data)
    text = (data.get("answer") or "").strip()
    if not text:
        raise AnswerError("Enter a number" if kind == "numeric" else "Enter an answer")
    if len(text) > MAX_TEXT_ANSWER:
        raise AnswerError(f"Answer must be {MAX_TEXT_ANSWER} characters or fewer")
    if kind == "numeric":
        return str(_parse_number(text, unit=snapshot.get("unit", "")))
    return text


def _parse_ordering(option_ids: list[str], data) -> list[str]:
    expected = {f"position-{option_id}" for option_id in option_ids}
    submitted = {key for key in data if key.startswith("position-")}
    if submitted - expected:
        raise TamperedAnswer("unknown item")
    positions: dict[str, int] = {}
    for option_id in option_ids:
        raw = (data.get(f"position-{option_id}") or "").strip()
        if not raw:
            raise AnswerError("Choose a position for every item")
        try:
            position = int(raw)
        except ValueError as exc:
            raise TamperedAnswer("position is not a number") from exc
        if not 1 <= position <= len(option_ids):
            raise TamperedAnswer("position out of range")
        positions[option_id] = position
    if len(set(positions.values())) != len(positions):
        raise AnswerError("Give each item a different position")
    return sorted(option_ids, key=positions.__getitem__)


def _parse_number(text: str, *, unit: str) -> Decimal:
    cleaned = text.replace(",", "").replace(" ", "")
    if unit and cleaned.lower().endswith(unit.replace(" ", "").lower()):
        cleaned = cleaned[: -len(unit.replace(" ", ""))]
    example = f"12.5{unit}" if unit in ("%", "") else f"12.5 {unit}"
    try:
        number = Decimal(cleaned)
    except InvalidOperation as exc:
        raise AnswerError(f"Enter a number, like {example}") from exc
    if not number.is_finite():
        raise AnswerError(f"Enter a number, like {example}")
    return number


# --- Grading --------------------------------------------------------------------------------


def grade(snapshot: dict, answer) -> Grade:
    """Score `answer` (as returned by parse_answer) against the snapshot's correct answer."""
    return _GRADERS[snapshot["kind"]](snapshot, answer)


def _option_feedback(snapshot: dict, chosen: set[str]) -> list[dict]:
    return [
        {"id": o["id"], "text": o["text"], "feedback": o.get("feedback", ""), "correct": o["correct"]}
        for o in snapshot["options"]
        if o["id"] in chosen
    ]


def _grade_single(snapshot: dict, answer: str) -> Grade:
    correct = any(o["id"] == answer and o["correct"] for o in snapshot["options"])
    return Grade(ONE if correct else ZERO, correct, _option_feedback(snapshot, {answer}))


def _grade_multiple(snapshot: dict, answer: list[str]) -> Grade:
    right = {o["id"] for o in snapshot["options"] if o["correct"]}
    chosen = set(answer)
    correct = chosen == right
    if correct:
        score = ONE
    elif snapshot.get("scoring") == "partial":
        # Each right choice earns a share; each wrong choice takes one back (never below zero).
        hits, misses = len(chosen & right), len(chosen - right)
        score = max(ZERO, Decimal(hits - misses) / Decimal(len(right))).quantize(Decimal("0.0001"))
    else:
        score = ZERO
    return Grade(score, correct, _option_feedback(snapshot, chosen))


def _grade_numeric(snapshot: dict, answer: str) -> Grade:
    difference = abs(Decimal(answer) - Decimal(snapshot["answer"]))
    correct = difference <= Decimal(snapshot.get("tolerance") or "0")
    return Grade(ONE if correct else ZERO, correct)


APOSTROPHES = re.compile(r"['\u2019\u2018`]")
NOT_WORD = re.compile(r"[^\w\s]|_")


def singular(word: str) -> str:
    """A simple English singular, so "Reliabilities", "glossaries" and "boxes" match their singulars."""
    lower = word.casefold()
    if len(word) <= 3 or not lower.endswith("s") or lower.endswith(("ss", "us", "is")):
        return word
    if lower.endswith("ies"):
        return word[:-3] + ("Y" if word[-3:].isupper() else "y")
    if lower.endswith(("sses", "shes", "ches", "xes", "zes")):
        return word[:-2]
    return word[:-1]


def normalise_text(text: str, *, case_sensitive: bool = False) -> str:
    """The form answers are compared in: Unicode-normalised, apostrophes dropped, other punctuation read as a
    space, whitespace collapsed, each word made singular; case-folded unless capitals matter."""
    text = APOSTROPHES.sub("", unicodedata.normalize("NFKC", text))
    words = [singular(word) for word in NOT_WORD.sub(" ", text).split()]
    text = " ".join(words)
    return text if case_sensitive else text.casefold()


def _grade_text(snapshot: dict, answer: str) -> Grade:
    case_sensitive = bool(snapshot.get("case_sensitive"))
    given = normalise_text(answer, case_sensitive=case_sensitive)
    accepted = {normalise_text(a, case_sensitive=case_sensitive) for a in snapshot.get("accepted", [])}
    correct = given in accepted
    pattern = snapshot.get("pattern")
    if not correct and pattern:
        flags = 0 if case_sensitive else re.IGNORECASE
        correct = re.fullmatch(pattern, " ".join(answer.split()), flags) is not None
    return Grade(ONE if correct else ZERO, correct)


def _grade_ordering(snapshot: dict, answer: list[str]) -> Grade:
    correct = answer == [o["id"] for o in snapshot["options"]]
    return Grade(ONE if correct else ZERO, correct)


_GRADERS = {
    "single": _grade_single,
    "multiple": _grade_multiple,
    "numeric": _grade_numeric,
    "text": _grade_text,
    "ordering": _grade_ordering,
}


def correct_answer_text(snapshot: dict) -> str:
    """The right answer in words, shown once a question is closed (never before)."""
    kind = snapshot["kind"]
    if kind in ("single", "multiple"):
        return "; ".join(o["text"] for o in snapshot["options"] if o["correct"])
    if kind == "ordering":
        return " → ".join(o["text"] for o in snapshot["options"])
    if kind == "numeric":
        unit = snapshot.get("unit", "")
        tolerance = Decimal(snapshot.get("tolerance") or "0")
        value = f"{snapshot['answer']}{'' if unit == '%' else ' '}{unit}".strip()
        return f"{value} (give or take {tolerance})" if tolerance else value
    accepted = snapshot.get("accepted", [])
    return accepted[0] if accepted else ""


def accepted_answers(snapshot: dict) -> list[str]:
    """Every answer a short-text question accepts, as the author wrote them (empty for other kinds)."""
    return list(snapshot.get("accepted", [])) if snapshot["kind"] == "text" else []


def answer_text(snapshot: dict, answer) -> str:
    """What the learner answered, in words, for reviews and exports."""
    by_id = {o["id"]: o["text"] for o in snapshot.get("options", [])}
    if snapshot["kind"] == "single":
        return by_id.get(answer, "")
    if snapshot["kind"] == "multiple":
        return "; ".join(by_id.get(a, "") for a in answer)
    if snapshot["kind"] == "ordering":
        return " → ".join(by_id.get(a, "") for a in answer)
    if snapshot["kind"] == "numeric":
        return f"{answer} {snapshot.get('unit', '')}".strip()
    return str(answer)
