"""Page-tree rules, authoring in the admin (a course with lessons and questions), block validation, preview."""

import pytest
from wagtail.blocks import StructBlockValidationError
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from competencies.levels import Level
from competencies.models import Competency, CompetencyArea
from home.models import HomePage, StandardPage
from learning.blocks import (
    MultipleChoiceQuestionBlock,
    NumericQuestionBlock,
    ShortTextQuestionBlock,
    SingleChoiceQuestionBlock,
)
from learning.models import CourseIndexPage, CoursePage, LessonPage


class TestPageTree(WagtailPageTestCase):
    def test_page_tree_rules(self):
        self.assertAllowedParentPageTypes(CourseIndexPage, {HomePage})
        self.assertAllowedSubpageTypes(CourseIndexPage, {CoursePage})
        self.assertAllowedParentPageTypes(CoursePage, {CourseIndexPage})
        self.assertAllowedSubpageTypes(CoursePage, {LessonPage})
        self.assertAllowedParentPageTypes(LessonPage, {CoursePage})
        self.assertAllowedSubpageTypes(LessonPage, set())
        self.assertCanNotCreateAt(HomePage, LessonPage)
        self.assertCanNotCreateAt(StandardPage, LessonPage)
        self.assertCanNotCreateAt(CourseIndexPage, LessonPage)
        self.assertCanNotCreateAt(Page, CoursePage)


def _option(text, correct=False, feedback=""):
    return {"text": text, "correct": correct, "feedback": feedback}


def single_choice_form(prompt="Which is timely?", options=(("Timely", True), ("Late", False))):
    return {
        "prompt": rich_text(f"<p>{prompt}</p>"),
        "hint": "",
        "explanation": rich_text(""),
        "max_attempts": 2,
        "options": _list_form([_option(t, c) for t, c in options]),
    }


def _list_form(items):
    data = {"count": len(items)}
    for index, item in enumerate(items):
        data[f"{index}-deleted"] = ""
        data[f"{index}-order"] = index
        data[f"{index}-id"] = ""
        for key, value in item.items():
            data[f"{index}-value-{key}"] = value
    return data


class TestAuthoring(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        from home.services import user_create

        root = Page.get_first_root_node()
        cls.home = HomePage(title="Academy", slug="academy-test")
        root.add_child(instance=cls.home)
        cls.catalogue = CourseIndexPage(title="Courses", slug="learn")
        cls.home.add_child(instance=cls.catalogue)
        area = CompetencyArea.objects.create(name="Quality", slug="quality")
        cls.competency = Competency.objects.create(
            code="DQ9", name="Judging quality", description="x", area=area
        )
        cls.admin = user_create(
            email="author@test.gov.uk", password="x-long-password", role_names=("Academy admin",)
        )

    def setUp(self):
        from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

        TOTP.activate(self.admin, generate_totp_secret())
        self.client.force_login(self.admin)

    def course_form(self, *, level=1, link_level=1):
        return nested_form_data(
            {
                "title": "Good data",
                "slug": "good-data",
                "summary": "About good data.",
                "level": level,
                "estimated_minutes": 20,
                "pass_mark": 70,
                "audience": "Everyone",
                "learning_outcomes": "Name the characteristics of good data",
                "competency_links": inline_formset([{"competency": self.competency.pk, "level": link_level}]),
                "body": streamfield([]),
            }
        )

    def test_admin_creates_a_course_with_lessons_and_questions(self):
        self.assertCanCreate(self.catalogue, CoursePage, self.course_form())
        course = CoursePage.objects.get(slug="good-data")
        assert course.competency_links.get().competency == self.competency
        lesson_data = nested_form_data(
            {
                "title": "What makes data good",
                "slug": "what-makes-data-good",
                "summary": "",
                "estimated_minutes": 10,
                "required": "on",
                "body": streamfield(
                    [
                        ("paragraph", rich_text("<p>Good data is timely.</p>")),
                        ("single_choice", single_choice_form()),
                        (
                            "numeric",
                            {
                                "prompt": rich_text("<p>What is 170 out of 200 as a percentage?</p>"),
                                "hint": "",
                                "explanation": rich_text(""),
                                "max_attempts": 3,
                                "answer": "85",
                                "tolerance": "0.5",
                                "unit": "%",
                            },
                        ),
                    ]
                ),
            }
        )
        self.assertCanCreate(course, LessonPage, lesson_data)
        lesson = LessonPage.objects.get(slug="what-makes-data-good")
        assert [child.block_type for child in lesson.questions()] == ["single_choice", "numeric"]

    def test_admin_cannot_link_a_competency_above_the_course_level(self):
        url = f"/admin/pages/add/learning/coursepage/{self.catalogue.pk}/"
        response = self.client.post(url, self.course_form(level=Level.UNDERSTAND, link_level=Level.REASON))
        assert response.status_code == 200
        assert "cannot develop a competency beyond that" in response.content.decode()
        assert not CoursePage.objects.exists()

    def test_admin_rejects_a_single_choice_question_without_one_right_option(self):
        course = CoursePage(
            title="C",
            slug="c",
            level=1,
            summary="s",
            audience="a",
            learning_outcomes="o",
            estimated_minutes=10,
        )
        self.catalogue.add_child(instance=course)
        data = nested_form_data(
            {
                "title": "L",
                "slug": "l",
                "summary": "",
                "estimated_minutes": 10,
                "required": "on",
                "body": streamfield(
                    [("single_choice", single_choice_form(options=(("A", True), ("B", True))))]
                ),
            }
        )
        response = self.client.post(f"/admin/pages/add/learning/lessonpage/{course.pk}/", data)
        assert response.status_code == 200
        assert "Tick exactly one option as correct." in response.content.decode()
        assert not LessonPage.objects.exists()

    def test_author_previews_a_lesson_with_and_without_answers(self):
        course = CoursePage(
            title="C",
            slug="c2",
            level=1,
            summary="s",
            audience="a",
            learning_outcomes="o",
            estimated_minutes=10,
        )
        self.catalogue.add_child(instance=course)
        from .conftest import q_single

        lesson = LessonPage(title="L", slug="l2", body=[q_single()], live=False)  # a draft, never published
        course.add_child(instance=lesson)
        learner_view = self.client.get(f"/admin/pages/{lesson.pk}/view_draft/").content.decode()
        assert "Preview" in learner_view and "Expensive" in learner_view
        assert "Answer (authors only)" not in learner_view
        assert "C: draft lesson, not yet published" in learner_view and "of 0" not in learner_view  # 18.5
        with_answers = self.client.get(f"/admin/pages/{lesson.pk}/view_draft/?mode=answers")
        assert "Answer (authors only):</strong> Timely" in with_answers.content.decode()


@pytest.mark.parametrize(
    ("block", "value", "message"),
    [
        (SingleChoiceQuestionBlock(), {"options": [_option("A"), _option("B")]}, "Tick exactly one"),
        (MultipleChoiceQuestionBlock(), {"options": [_option("A"), _option("B")]}, "at least one option"),
        (ShortTextQuestionBlock(), {"accepted_answers": [], "pattern": ""}, "at least one answer"),
        (ShortTextQuestionBlock(), {"accepted_answers": [], "pattern": "(unclosed"}, "not valid"),
    ],
)
def test_question_blocks_validate(block, value, message):
    base = {"prompt": "<p>Q</p>", "max_attempts": 2}
    python_value = block.to_python({**base, **value})
    with pytest.raises(StructBlockValidationError) as info:
        block.clean(python_value)
    assert message in str(info.value.block_errors)


def test_numeric_block_public_view_hides_the_answer():
    block = NumericQuestionBlock()
    value = block.to_python(
        {"prompt": "<p>Q</p>", "answer": "85", "tolerance": "1", "unit": "%", "max_attempts": 2}
    )
    view = block.public_view(value, block_id="x")
    assert "answer" not in view and "tolerance" not in view and view["unit"] == "%"
    assert block.snapshot(value, block_id="x")["answer"] == "85"


def test_ordering_public_view_never_shows_the_right_order():
    from learning.blocks import OrderingQuestionBlock

    block = OrderingQuestionBlock()
    value = block.to_python({"prompt": "<p>Q</p>", "items": [{"text": t} for t in "ABCD"], "max_attempts": 2})
    right = [o["id"] for o in block.snapshot(value, block_id="q")["options"]]
    for seed in range(30):
        shown = [o["id"] for o in block.public_view(value, block_id="q", seed=str(seed))["options"]]
        assert shown != right and sorted(shown) == sorted(right)


@pytest.mark.django_db
def test_ordering_item_ids_on_the_page_say_nothing_about_the_right_order(settings):
    """The demo curriculum's block ids are uuid5 of a public namespace and the item's position: an id on the
    page must be neither that id nor anything computed from public facts, yet answers still grade."""
    import re
    import uuid

    from django.http import QueryDict

    from learning.blocks import OrderingQuestionBlock
    from learning.grading import grade, parse_answer

    # The public namespace the curriculum's block ids were made from (its packs keep those ids).
    BLOCK_IDS = uuid.UUID("6f1c1a53-4a52-4b8e-9a43-2f0f3c6a9d10")  # noqa: N806

    block = OrderingQuestionBlock()
    items = [
        {"type": "item", "value": {"text": t}, "id": str(uuid.uuid5(BLOCK_IDS, f"q/items/{n}"))}
        for n, t in enumerate("ABCD")
    ]
    value = block.to_python({"prompt": "<p>Q</p>", "items": items, "max_attempts": 2})
    view = block.public_view(value, block_id="q", seed="1")
    shown = [o["id"] for o in view["options"]]
    public = {str(uuid.uuid5(BLOCK_IDS, f"q/items/{n}")): n for n in range(4)}
    assert not set(shown) & set(public), "the page shows the position-derived ids"
    assert all(re.fullmatch(r"[0-9a-f]{20}", i) for i in shown)
    # The right order from the page's ids, as the server knows it, grades correct; it needs the secret.
    snapshot = block.snapshot(value, block_id="q")
    right = {o["id"]: n for n, o in enumerate(snapshot["options"], start=1)}
    data = QueryDict(mutable=True)
    for item_id in shown:
        data[f"position-{item_id}"] = str(right[item_id])
    assert grade(snapshot, parse_answer(snapshot, data)).correct
    settings.SECRET_KEY = "another-secret-key-for-this-test-only-0123456789abcdefghijklmnopqrstuvw"
    assert {o["id"] for o in block.public_view(value, block_id="q", seed="1")["options"]}.isdisjoint(shown)
