"""The lab part of the newcomer journey in Chromium, and axe on a sample of each curriculum page type."""

import pytest
from django.core.management import call_command

from jupyterlite.services import expected_answer
from learning.models import CoursePage, LessonPage
from tests.jupyterlite.conftest import lab_built  # noqa: F401
from tests.jupyterlite.test_browser import RUN_CELL, lab_frame

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def curriculum(db):
    call_command("load_demo_content", verbosity=0)
    from django.contrib.auth import get_user_model

    return get_user_model().objects.get(email="learner@example.gov.uk")


def test_analyse_lesson_exercise_in_the_lab_completes_the_lesson(page, curriculum, lab_built, sign_in):  # noqa: F811
    course = CoursePage.objects.get(slug="analysing-council-data-with-python")
    lesson = LessonPage.objects.child_of(course).get(slug="loading-and-filtering")
    exercise = next(child.value["exercise"] for child in lesson.body if child.block_type == "exercise")
    sign_in(page, curriculum, password="academy-demo-2026")
    page.goto(course.url)
    page.get_by_role("button", name="Start").first.click()
    page.goto(lesson.url)
    choice = lesson.questions()[0]
    right = next(o["text"] for o in choice.value["options"] if o["correct"])
    page.get_by_label(right).check()
    page.locator(
        f"#question-{choice.id} button[type=submit], [id='{choice.id}'] button[type=submit]"
    ).first.click()
    page.goto(f"/exercises/{exercise.slug}/")
    page.wait_for_selector("[data-lab-state=ready]", state="attached", timeout=90_000)
    frame = lab_frame(page)
    for question in exercise.questions.all():
        frame.evaluate(RUN_CELL, f"check({question.key!r}, {expected_answer(question=question)!r})")
        page.wait_for_selector("[data-lab-verdict]:has-text('Correct:')", timeout=30_000)
    page.goto(lesson.url)
    assert page.get_by_text("You have completed this lesson").count() == 1


def test_axe_on_each_curriculum_page_type(page, curriculum, axe_check, sign_in):
    sign_in(page, curriculum, password="academy-demo-2026")
    course = CoursePage.objects.get(slug="good-quality-data")
    questions = LessonPage.objects.child_of(course).get(slug="right-first-time")
    with_exercise = LessonPage.objects.child_of(course).get(slug="checking-a-dataset-for-problems")
    page.goto(course.url)
    page.get_by_role("button", name="Start").first.click()
    for url in ("/learn/", course.url, questions.url, with_exercise.url):
        page.goto(url)
        axe_check(page)


def test_rewritten_lessons_with_tables_read_at_desktop_and_phone_widths(
    page, curriculum, axe_check, sign_in, tmp_path
):
    """Issue 17: lessons now show tables; at 320 px they reflow (tables scroll in their own region) and pass axe."""
    import os

    shots = os.environ.get("SCREENSHOT_DIR") or str(tmp_path)
    sign_in(page, curriculum, password="academy-demo-2026")
    course = CoursePage.objects.get(slug="reading-charts-and-tables-critically")
    page.goto(course.url)
    page.get_by_role("button", name="Start").first.click()
    lessons = list(LessonPage.objects.child_of(course).live())
    for width in (1280, 320):
        page.set_viewport_size({"width": width, "height": 900})
        for lesson in lessons:
            page.goto(lesson.url)
            assert page.locator("main table").count() >= 1, lesson.slug
            assert page.evaluate("document.documentElement.scrollWidth") <= width, (lesson.slug, width)
            axe_check(page)
            page.screenshot(path=f"{shots}/curriculum-{lesson.slug}-{width}.png", full_page=True)
