"""The curriculum as loaded from its course packs: idempotent, shaped as the issue asks, covering the framework."""

import io
import json
import shutil
from collections import Counter

import pytest
from django.core.management import call_command
from wagtail.models import Revision

from competencies.levels import Level
from competencies.seed.framework import COMPETENCIES, ROLES
from jupyterlite.models import Exercise
from learning import demo
from learning.coursepacks.files import MANIFEST, from_folder, to_folder, with_manifest
from learning.models import CourseCompetency, CoursePage, LessonPage

pytestmark = pytest.mark.django_db


def snapshot():
    return {
        "courses": sorted(CoursePage.objects.values_list("slug", "title", "level", "pass_mark")),
        "lessons": sorted(
            (lesson.slug, lesson.title, str(lesson.body.raw_data)) for lesson in LessonPage.objects.all()
        ),
        "links": sorted(CourseCompetency.objects.values_list("course__slug", "competency__code", "level")),
        "exercises": sorted(Exercise.objects.values_list("slug", "title", "starter_code")),
        "revisions": Revision.objects.count(),
    }


def test_loading_twice_changes_nothing(demo_site):
    first = snapshot()
    output = io.StringIO()
    call_command("load_demo_content", stdout=output)
    assert snapshot() == first
    assert "Course pack 'good-quality-data': 0 created, 0 updated, 8 unchanged." in output.getvalue()


def test_a_changed_lesson_is_updated_in_place_keeping_its_question_ids(demo_site, monkeypatch, tmp_path):
    lesson = LessonPage.objects.get(slug="useful-usable-used")
    ids = [child.id for child in lesson.body]
    shutil.copytree(demo.PACKS, tmp_path / "packs")
    folder = tmp_path / "packs" / "what-data-is-and-why-it-matters"
    files = from_folder(folder)
    del files[MANIFEST]
    name = "lessons/useful-usable-used.json"
    data = json.loads(files[name])
    data["title"] = "Useful, usable and used (revised)"
    files[name] = json.dumps(data).encode()
    to_folder(with_manifest(files, course="what-data-is-and-why-it-matters"), folder)
    monkeypatch.setattr(demo, "PACKS", tmp_path / "packs")
    revisions = Revision.objects.count()
    call_command("load_demo_content", verbosity=0)
    assert Revision.objects.count() == revisions + 1
    lesson = LessonPage.objects.get(slug="useful-usable-used")
    assert LessonPage.objects.filter(slug="useful-usable-used").count() == 1
    assert lesson.live and lesson.title == "Useful, usable and used (revised)"
    assert [child.id for child in lesson.body] == ids


def test_the_curriculum_has_two_courses_per_level_with_questions_in_every_lesson(demo_site):
    courses = list(CoursePage.objects.live())
    assert len(courses) >= 8
    per_level = Counter(course.level for course in courses)
    assert all(per_level[level] >= 2 for level in Level), per_level
    for course in courses:
        lessons = list(LessonPage.objects.live().child_of(course))
        assert 3 <= len(lessons) <= 6, course.title
        assert course.pass_mark > 0
        for lesson in lessons:
            assert lesson.questions(), lesson.title
    kinds = {child.block_type for lesson in LessonPage.objects.all() for child in lesson.body}
    assert {"single_choice", "multiple_choice", "numeric", "short_text", "ordering"} <= kinds


def test_every_choice_question_explains_itself(demo_site):
    for lesson in LessonPage.objects.all():
        for child in lesson.questions():
            assert str(child.value["explanation"]).strip(), f"{lesson.slug}: no explanation"
            if child.block_type in ("single_choice", "multiple_choice"):
                wrong = [o for o in child.value["options"] if not o["correct"]]
                assert all(o["feedback"] for o in wrong), f"{lesson.slug}: a wrong option has no feedback"


def test_lab_exercises_across_analyse_reason_and_engage(demo_site):
    by_level = Counter()
    for course in CoursePage.objects.all():
        for lesson in LessonPage.objects.child_of(course):
            by_level[course.level] += sum(child.block_type == "exercise" for child in lesson.body)
    assert by_level[Level.ANALYSE] + by_level[Level.REASON] >= 8
    assert by_level[Level.ENGAGE] >= 1
    for exercise in Exercise.objects.filter(is_published=True):
        assert exercise.hint_list and exercise.solution and exercise.datasets.exists(), exercise.slug
        assert all(q.recipe or q.computation or q.expected_value for q in exercise.questions.all()), (
            exercise.slug
        )


def test_every_competency_is_developed_at_every_level_a_role_requires(demo_site):
    required = {(code, level) for *_, requirements in ROLES for code, (level, _) in requirements.items()}
    developed = set(
        CourseCompetency.objects.filter(course__live=True).values_list("competency__code", "level")
    )
    missing = sorted((code, Level(level).label) for code, level in required - developed)
    assert not missing, f"no course develops: {missing}"
    assert {code for code, *_ in COMPETENCIES} <= {code for code, _ in developed}


def test_course_links_are_at_the_course_level(demo_site):
    for link in CourseCompetency.objects.select_related("course"):
        assert link.level == link.course.level
