"""Grading each question type against a snapshot, right and wrong, including the edge cases."""

from decimal import Decimal

import pytest
from django.http import QueryDict

from learning.grading import (
    AnswerError,
    TamperedAnswer,
    accepted_answers,
    grade,
    normalise_text,
    parse_answer,
    question_state,
)

CHOICES = [
    {"id": "a", "text": "Timely", "correct": True, "feedback": "Yes"},
    {"id": "b", "text": "Expensive", "correct": False, "feedback": "No"},
    {"id": "c", "text": "Complete", "correct": True, "feedback": ""},
    {"id": "d", "text": "Popular", "correct": False, "feedback": ""},
]


def data(**fields) -> QueryDict:
    q = QueryDict(mutable=True)
    for key, value in fields.items():
        q.setlist(key, value if isinstance(value, list) else [value])
    return q


def run(snapshot, **fields):
    return grade(snapshot, parse_answer(snapshot, data(**fields)))


SINGLE = {"kind": "single", "options": [o | {"correct": o["id"] == "a"} for o in CHOICES], "max_attempts": 2}


def test_single_choice_right_and_wrong_with_option_feedback():
    right = run(SINGLE, answer="a")
    assert right.correct and right.score == 1 and right.feedback[0]["feedback"] == "Yes"
    wrong = run(SINGLE, answer="b")
    assert not wrong.correct and wrong.score == 0 and wrong.feedback[0]["feedback"] == "No"


@pytest.mark.parametrize("fields", [{}, {"answer": ""}])
def test_single_choice_empty_is_a_clear_error(fields):
    with pytest.raises(AnswerError, match="Select an answer"):
        parse_answer(SINGLE, data(**fields))


@pytest.mark.parametrize("answer", ["zzz", ["a", "b"]])
def test_single_choice_tampered_option(answer):
    with pytest.raises(TamperedAnswer):
        parse_answer(SINGLE, data(answer=answer))


def test_multiple_choice_all_or_nothing():
    snapshot = {"kind": "multiple", "options": CHOICES, "scoring": "all"}
    assert run(snapshot, answer=["a", "c"]).score == 1
    partly = run(snapshot, answer=["a"])
    assert partly.score == 0 and not partly.correct


def test_multiple_choice_partial_credit_never_negative():
    snapshot = {"kind": "multiple", "options": CHOICES, "scoring": "partial"}
    assert run(snapshot, answer=["a", "c"]).score == 1
    assert run(snapshot, answer=["a"]).score == Decimal("0.5")
    assert run(snapshot, answer=["a", "b"]).score == 0  # one right, one wrong
    assert run(snapshot, answer=["b", "d"]).score == 0
    assert not run(snapshot, answer=["a", "c", "d"]).correct


def test_multiple_choice_empty_and_tampered():
    snapshot = {"kind": "multiple", "options": CHOICES, "scoring": "all"}
    with pytest.raises(AnswerError, match="Select at least one answer"):
        parse_answer(snapshot, data())
    with pytest.raises(TamperedAnswer):
        parse_answer(snapshot, data(answer=["a", "x"]))
    with pytest.raises(TamperedAnswer):
        parse_answer(snapshot, data(answer=["a", "a"]))


NUMERIC = {"kind": "numeric", "answer": "85", "tolerance": "0.5", "unit": "%"}


@pytest.mark.parametrize(
    ("typed", "correct"),
    [
        ("85", True),
        ("84.5", True),  # lower bound is inclusive
        ("85.5", True),  # upper bound is inclusive
        ("84.49", False),
        ("85.51", False),
        (" 85 % ", True),  # the unit may be typed
        ("1,085", False),
        ("-85", False),
    ],
)
def test_numeric_tolerance_bounds(typed, correct):
    assert run(NUMERIC, answer=typed).correct is correct


def test_numeric_exact_when_no_tolerance_and_thousands_separators():
    snapshot = {"kind": "numeric", "answer": "1200", "tolerance": "0", "unit": ""}
    assert run(snapshot, answer="1,200").correct
    assert not run(snapshot, answer="1200.01").correct


@pytest.mark.parametrize("typed", ["", "   "])
def test_numeric_empty(typed):
    with pytest.raises(AnswerError, match="Enter a number"):
        parse_answer(NUMERIC, data(answer=typed))


@pytest.mark.parametrize("typed", ["eighty-five", "NaN", "Infinity", "85 days"])
def test_numeric_not_a_number(typed):
    with pytest.raises(AnswerError, match="Enter a number, like 12.5%"):
        parse_answer(NUMERIC, data(answer=typed))


TEXT = {"kind": "text", "accepted": ["Freedom of Information"], "pattern": "", "case_sensitive": False}


@pytest.mark.parametrize(
    ("typed", "correct"),
    [
        ("Freedom of Information", True),
        ("  freedom   OF information. ", True),
        ("FREEDOM\tOF\nINFORMATION", True),
        ("Freedom of Informations", True),  # simple plurals are ignored (issue 18.2)
        ("freedom-of-information!", True),  # punctuation reads as a space
        ("Freedom", False),
        ("Freedom of Misinformation", False),
    ],
)
def test_short_text_normalised_match(typed, correct):
    assert run(TEXT, answer=typed).correct is correct


def test_short_text_case_sensitive_and_pattern():
    strict = {**TEXT, "case_sensitive": True}
    assert not run(strict, answer="freedom of information").correct
    assert run(strict, answer="Freedom of Information").correct
    pattern = {**TEXT, "accepted": [], "pattern": r"(the )?freedom of information( act)?( 2000)?"}
    assert run(pattern, answer="The Freedom of  Information Act 2000").correct
    assert not run(pattern, answer="Freedom of Information Act 2001").correct  # the whole answer must match


def test_short_text_empty_and_too_long():
    with pytest.raises(AnswerError, match="Enter an answer"):
        parse_answer(TEXT, data(answer="  "))
    with pytest.raises(AnswerError, match="200 characters or fewer"):
        parse_answer(TEXT, data(answer="x" * 201))


def test_normalise_text_unicode():
    assert normalise_text("\uff26\uff2f\uff29") == "foi"  # full-width letters


@pytest.mark.parametrize(
    ("typed", "accepted", "correct"),
    [
        ("Consistency", ["Reliability", "Reliable", "Consistency", "Consistent"], True),
        ("consistent.", ["Reliability", "Reliable", "Consistency", "Consistent"], True),
        ("reliabilities", ["Reliability"], True),  # -ies
        ("Glossaries", ["a glossary", "glossary"], True),
        ("boxes", ["box"], True),  # -xes
        ("matches", ["match"], True),  # -ches
        ("confirmation biases", ["confirmation bias"], False),  # only simple plurals
        ("don't know", ["dont know"], True),  # apostrophes dropped
        ("data’s owner", ["datas owner"], True),  # curly apostrophe
        ("  CONFIRMATION   bias ", ["confirmation bias"], True),
        ("accuracy", ["Reliability", "Consistency"], False),
        ("class", ["clas"], False),  # -ss is not a plural
        ("status", ["statu"], False),  # -us is not a plural
    ],
)
def test_short_text_alternatives_with_normalisation(typed, accepted, correct):
    assert run({**TEXT, "accepted": accepted}, answer=typed).correct is correct


def test_case_sensitive_alternatives_still_ignore_punctuation_and_plurals():
    strict = {**TEXT, "accepted": ["GDPR", "UK GDPR"], "case_sensitive": True}
    assert run(strict, answer="UK-GDPR.").correct
    assert run(strict, answer="GDPRs").correct
    assert not run(strict, answer="gdpr").correct


def test_accepted_answers_lists_every_alternative_for_text_only():
    assert accepted_answers({**TEXT, "accepted": ["Consistency", "Consistent"]}) == [
        "Consistency",
        "Consistent",
    ]
    assert accepted_answers({"kind": "single", "options": []}) == []


ORDER = {
    "kind": "ordering",
    "options": [
        {"id": i, "text": t, "correct": True}
        for i, t in [("u", "Understand"), ("e", "Engage"), ("a", "Analyse")]
    ],
}


def test_ordering_right_and_wrong():
    assert run(ORDER, **{"position-u": "1", "position-e": "2", "position-a": "3"}).correct
    wrong = run(ORDER, **{"position-u": "2", "position-e": "1", "position-a": "3"})
    assert not wrong.correct and wrong.score == 0


def test_ordering_errors():
    with pytest.raises(AnswerError, match="Choose a position for every item"):
        parse_answer(ORDER, data(**{"position-u": "1", "position-e": "2"}))
    with pytest.raises(AnswerError, match="different position"):
        parse_answer(ORDER, data(**{"position-u": "1", "position-e": "1", "position-a": "3"}))
    with pytest.raises(TamperedAnswer):
        parse_answer(
            ORDER, data(**{"position-u": "1", "position-e": "2", "position-a": "3", "position-x": "4"})
        )
    with pytest.raises(TamperedAnswer):
        parse_answer(ORDER, data(**{"position-u": "1", "position-e": "2", "position-a": "9"}))


# --- question_state: one rule for "closed, may the answer be shown" ---------------------------------


@pytest.mark.parametrize(
    ("max_attempts", "results", "closed", "remaining"),
    [
        (2, [], False, 2),  # not answered yet
        (2, [False], False, 1),  # wrong once, one attempt left
        (2, [True], True, 1),  # right first time: closed with an attempt unused
        (2, [False, True], True, 0),  # right at the last attempt
        (2, [False, False], True, 0),  # every attempt used, never right
        (1, [False], True, 0),
        (3, [False, False], False, 1),
    ],
)
def test_question_state(max_attempts, results, closed, remaining):
    state = question_state(question={"max_attempts": max_attempts}, results=results)
    assert state.closed is closed
    assert state.may_show_answer is closed
    assert state.remaining == remaining
    assert state.used == len(results)
    assert state.answered_correctly is any(results)


@pytest.mark.parametrize("question", [{}, {"max_attempts": None}, {"max_attempts": 0}, {"max_attempts": "1"}])
def test_question_state_allows_one_attempt_when_the_question_does_not_say(question):
    assert not question_state(question=question, results=[]).closed
    state = question_state(question=question, results=[False])
    assert state.closed and state.max_attempts == 1 and state.remaining == 0


def test_each_retry_costs_a_third_of_the_mark_and_the_best_try_counts():
    from learning.grading import question_mark, retry_worth

    def q(value):
        return Decimal(value).quantize(Decimal("0.0001"))

    assert [q(retry_worth(n)) for n in (1, 2, 3, 4, 5)] == [q(1), q("0.6667"), q("0.3333"), q(0), q(0)]
    assert question_mark([]) == 0
    assert q(question_mark([(1, Decimal("0")), (2, Decimal("1"))])) == q("0.6667")
    # A partial first try can beat a full second one, and the best try counts.
    assert question_mark([(1, Decimal("0.8")), (2, Decimal("1"))]) == Decimal("0.8")
    assert q(question_mark([(1, Decimal("0")), (2, Decimal("0")), (3, Decimal("1"))])) == q("0.3333")
