"""Issue 17: the curriculum teaches — read straight from the course packs, as an author or reviewer would.

Each lesson has 400–900 words of teaching text, ends with practice, and says honestly how long it takes;
every choice question has 3–5 options, a hint and feedback on each; courses from Engage up have lab work.
"""

import json
import re
from functools import cache
from html import unescape

import pytest

from learning import demo

# Courses whose lessons are still the first wave's short texts (issue 17 is rewriting them); every other course
# is held to the bounds below, and a rewritten course leaves this list.
NOT_YET_REWRITTEN = {
    "analysing-council-data-with-python",
    "leading-information-governance",
    "looking-after-a-dataset",
    "measures-and-performance-indicators",
    "telling-the-story-with-data",
    "variation-and-trends",
}
# Engage-and-up courses rewritten with questions on shown tables, still to gain a lab exercise.
NO_LAB_YET = {"data-protection-foi-and-sharing", "using-data-to-run-your-team"}
QUESTIONS = {"single_choice", "multiple_choice", "numeric", "short_text", "ordering"}
PRACTICE = QUESTIONS | {"exercise"}
READING_WORDS_PER_MINUTE = 200
ENGAGE = 2


def words(html: str) -> int:
    return len(unescape(re.sub(r"<[^>]+>", " ", html or "")).split())


def teaching_words(block: dict) -> int:
    """Words of teaching text in one stream block (questions and exercises are practice, not teaching)."""
    kind, value = block["type"], block["value"]
    if kind == "paragraph":
        return words(value)
    if kind == "heading":
        return words(value.get("text", ""))
    if kind == "callout":
        return words(value.get("title", "")) + words(value.get("text", ""))
    if kind == "table":
        cells = [cell for row in (value.get("data") or []) for cell in row if cell]
        return sum(words(str(cell)) for cell in cells) + words(value.get("table_caption", ""))
    if kind == "image":
        return words(value.get("caption", ""))
    return 0


@cache
def courses() -> list[dict]:
    found = []
    for folder in demo.pack_folders():
        course = json.loads((folder / "course.json").read_text())
        course["lesson_files"] = [
            json.loads((folder / "lessons" / f"{slug}.json").read_text()) for slug in course["lessons"]
        ]
        course["exercise_count"] = len(list((folder / "exercises").glob("*.json")))
        found.append(course)
    return found


def rewritten():
    return [course for course in courses() if course["slug"] not in NOT_YET_REWRITTEN]


def lessons():
    return [(course, lesson) for course in rewritten() for lesson in course["lesson_files"]]


def lesson_id(item) -> str:
    return f"{item[0]['slug']}/{item[1]['slug']}"


def test_the_courses_still_to_rewrite_are_real_courses():
    assert {course["slug"] for course in courses()} >= NOT_YET_REWRITTEN | NO_LAB_YET
    assert len(rewritten()) >= 5


@pytest.mark.parametrize("item", lessons(), ids=lesson_id)
def test_each_lesson_teaches_400_to_900_words_then_ends_with_practice(item):
    course, lesson = item
    body = lesson["body"]
    total = sum(teaching_words(block) for block in body)
    assert 400 <= total <= 900, f"{total} words of teaching text"
    kinds = [block["type"] for block in body]
    assert kinds and kinds[-1] in PRACTICE, f"ends with {kinds[-1] if kinds else 'nothing'}, not practice"
    first_practice = next(index for index, kind in enumerate(kinds) if kind in PRACTICE)
    teaching_before = sum(teaching_words(block) for block in body[:first_practice])
    assert teaching_before >= 250, "a worked example comes before the first practice"


@pytest.mark.parametrize("item", lessons(), ids=lesson_id)
def test_each_lesson_says_honestly_how_long_it_takes(item):
    course, lesson = item
    reading = sum(teaching_words(block) for block in lesson["body"]) / READING_WORDS_PER_MINUTE
    questions = sum(block["type"] in QUESTIONS for block in lesson["body"])
    exercises = sum(block["type"] == "exercise" for block in lesson["body"])
    # At least the reading time and a minute a question; at most three times the reading and practice allowed.
    least = reading + questions
    most = 3 * (reading + 2 * questions + 20 * exercises) + 5
    assert least <= lesson["estimated_minutes"] <= most, (least, lesson["estimated_minutes"], most)


@pytest.mark.parametrize("course", rewritten(), ids=lambda course: course["slug"])
def test_course_minutes_are_the_sum_of_its_lessons(course):
    assert course["estimated_minutes"] == sum(
        lesson["estimated_minutes"] for lesson in course["lesson_files"]
    )


@pytest.mark.parametrize("item", lessons(), ids=lesson_id)
def test_every_question_has_a_hint_and_explanation_and_choices_have_three_to_five_options(item):
    course, lesson = item
    for number, block in enumerate((b for b in lesson["body"] if b["type"] in QUESTIONS), start=1):
        value = block["value"]
        assert value.get("hint", "").strip(), f"question {number} has no hint"
        assert words(value.get("explanation", "")), f"question {number} has no explanation"
        if block["type"] in ("single_choice", "multiple_choice"):
            options = [option["value"] for option in value["options"]]
            assert 3 <= len(options) <= 5, f"question {number} has {len(options)} options"
            assert all(option["feedback"].strip() for option in options), (
                f"question {number}: an option has no feedback"
            )
            assert any(option["correct"] for option in options), f"question {number} has no right option"
        if block["type"] == "single_choice":
            assert sum(option["value"]["correct"] for option in value["options"]) == 1


@pytest.mark.parametrize(
    "course",
    [c for c in rewritten() if c["level"] >= ENGAGE and c["slug"] not in NO_LAB_YET],
    ids=lambda c: c["slug"],
)
def test_every_course_from_engage_up_has_lab_work(course):
    placed = sum(block["type"] == "exercise" for lesson in course["lesson_files"] for block in lesson["body"])
    assert course["exercise_count"] >= 1 and placed >= 1
