"""Demo content for learning: the catalogue at /learn/ and the Data Academy curriculum (learning/curriculum).

Idempotent and update-in-place: pages are looked up by slug; a re-run brings titles, settings, competency
links and lesson bodies in line with the curriculum, publishing a new revision only when something changed.
Block ids are derived from the lesson slug and position, so learners' answers stay attached to their
questions across re-runs.
"""

import json
import uuid

from competencies.levels import Level
from competencies.models import Competency
from home.models import HomePage
from jupyterlite.models import Exercise

from .curriculum import COURSES
from .models import CourseCompetency, CourseIndexPage, CoursePage, LessonPage

BLOCK_IDS = uuid.UUID("6f1c1a53-4a52-4b8e-9a43-2f0f3c6a9d10")
COURSE_FIELDS = {
    "title": "title",
    "level": "level",
    "summary": "summary",
    "audience": "audience",
    "learning_outcomes": "outcomes",
    "estimated_minutes": "minutes",
    "pass_mark": "pass_mark",
}


def _ensure_catalogue(home) -> CourseIndexPage:
    catalogue = CourseIndexPage.objects.child_of(home).filter(slug="learn").first()
    if catalogue is None:
        catalogue = CourseIndexPage(
            title="Courses",
            slug="learn",
            introduction="Short courses that build your data skills, from understanding a chart to "
            "reasoning with data to reach a decision. Filter by level, competency and time.",
        )
        home.add_child(instance=catalogue)
        catalogue.save_revision().publish()
    return catalogue


def _stable_ids(value, path: str):
    """Replace every stream and list child id with one derived from its position, recursively."""
    if isinstance(value, list):
        return [_stable_ids(item, f"{path}/{index}") for index, item in enumerate(value)]
    if isinstance(value, dict):
        out = {key: _stable_ids(item, f"{path}/{key}") for key, item in value.items()}
        if "id" in out and "type" in out:
            out["id"] = str(uuid.uuid5(BLOCK_IDS, path))
        return out
    return value


def _resolve(body: list[tuple], exercises: dict[str, Exercise]) -> list[tuple]:
    """Turn exercise markers (by slug) into exercise blocks (by id)."""
    resolved = []
    for block_type, value in body:
        if block_type == "exercise":
            value = {"exercise": exercises[value["exercise_slug"]], "heading": value["heading"]}
        resolved.append((block_type, value))
    return resolved


def _raw_body(lesson: LessonPage, body: list[tuple], slug: str) -> list:
    lesson.body = body
    return _stable_ids(list(lesson.body.get_prep_value()), slug)


def _sync_lesson(course: CoursePage, spec: dict, exercises: dict, *, stdout) -> None:
    lesson = LessonPage.objects.child_of(course).filter(slug=spec["slug"]).first()
    created = lesson is None
    old = None if created else json.dumps(lesson.body.get_prep_value(), sort_keys=True)
    lesson = lesson or LessonPage(slug=spec["slug"])
    raw = _raw_body(lesson, _resolve(spec["body"], exercises), spec["slug"])
    changed = created or old != json.dumps(raw, sort_keys=True)
    for field, value in (("title", spec["title"]), ("estimated_minutes", spec["minutes"])):
        changed |= getattr(lesson, field) != value
        setattr(lesson, field, value)
    lesson.body = json.dumps(raw)
    if created:
        course.add_child(instance=lesson)
    if changed:
        lesson.save_revision().publish()


def _sync_competencies(course: CoursePage, spec: dict, *, stdout) -> None:
    found = {c.code: c for c in Competency.objects.filter(code__in=spec["competencies"])}
    missing = sorted(set(spec["competencies"]) - set(found))
    if missing:
        stdout.write(f"  note: competencies {', '.join(missing)} not in the framework; not linked")
    wanted = [found[code] for code in spec["competencies"] if code in found]
    CourseCompetency.objects.filter(course=course).exclude(competency__in=wanted).delete()
    for order, competency in enumerate(wanted):
        CourseCompetency.objects.update_or_create(
            course=course, competency=competency, defaults={"level": spec["level"], "sort_order": order}
        )


def _sync_course(catalogue, spec, exercises, *, stdout) -> CoursePage:
    course = CoursePage.objects.child_of(catalogue).filter(slug=spec["slug"]).first()
    created = course is None
    course = course or CoursePage(slug=spec["slug"])
    changed = created
    for field, key in COURSE_FIELDS.items():
        changed |= getattr(course, field) != spec[key]
        setattr(course, field, spec[key])
    if created:
        catalogue.add_child(instance=course)
    prerequisites = list(CoursePage.objects.filter(slug__in=spec.get("prerequisites", [])))
    changed |= set(course.prerequisites.all()) != set(prerequisites)
    course.prerequisites.set(prerequisites)
    if changed:
        course.save_revision().publish()
    _sync_competencies(course, spec, stdout=stdout)
    for lesson_spec in spec["lessons"]:
        _sync_lesson(course, lesson_spec, exercises, stdout=stdout)
    verb = "added" if created else "checked"
    stdout.write(
        f"  course {verb}: {course.title} ({Level(course.level).label}, {len(spec['lessons'])} lessons)"
    )
    return course


def load(*, stdout) -> None:
    home = HomePage.objects.first()
    if home is None:
        stdout.write("  no home page: run home.demo first")
        return
    catalogue = _ensure_catalogue(home)
    slugs = {
        value["exercise_slug"]
        for spec in COURSES
        for lesson in spec["lessons"]
        for block_type, value in lesson["body"]
        if block_type == "exercise"
    }
    exercises = {e.slug: e for e in Exercise.objects.filter(slug__in=slugs, is_published=True)}
    missing = sorted(slugs - set(exercises))
    if missing:
        stdout.write(f"  lab exercises {', '.join(missing)} not published: run jupyterlite.demo first")
        return
    for spec in COURSES:
        _sync_course(catalogue, spec, exercises, stdout=stdout)
    stdout.write("  course catalogue ready at /learn/")
