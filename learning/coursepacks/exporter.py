"""Export one course as a pack: its published lessons, the exercises they embed, those exercises' datasets,
and every image and document the course's text refers to."""

from learning.models import CoursePage, LessonPage

from .files import ALLOWED, PackRejected, dump_json, with_manifest
from .serialisers import (
    CourseSerialiser,
    DatasetSerialiser,
    DocumentSerialiser,
    ExerciseSerialiser,
    ImageSerialiser,
    LessonSerialiser,
    Refs,
)

COURSE, LESSON = CourseSerialiser(), LessonSerialiser()
EXERCISE, DATASET = ExerciseSerialiser(), DatasetSerialiser()
IMAGE, DOCUMENT = ImageSerialiser(), DocumentSerialiser()


def course_lessons(course: CoursePage):
    """The lessons a pack carries: the course's published lessons, in the authors' order."""
    return list(LessonPage.objects.live().child_of(course).order_by("path").specific())


def course_data(course: CoursePage, lessons: list, refs: Refs) -> dict:
    """course.json: the page's fields, its stream, and its links to other things by their stable keys."""
    links = course.competency_links.select_related("competency").order_by("sort_order", "pk")
    return {
        "slug": course.slug,
        **COURSE.dump(course, refs),
        "competencies": [{"code": link.competency.code, "level": link.level} for link in links],
        "prerequisites": sorted(course.prerequisites.values_list("slug", flat=True)),
        "lessons": [lesson.slug for lesson in lessons],
    }


def _read(field) -> bytes:
    with field.open("rb") as handle:
        return handle.read()


def _extension(name: str) -> str:
    return name.rsplit(".", 1)[-1].lower() if "." in name else "bin"


def export_course(course: CoursePage, *, exported_from: str = "") -> dict[str, bytes]:
    """Every file of the course's pack, manifest included (write it with files.to_zip or files.to_folder)."""
    course = course.specific
    lessons = course_lessons(course)
    refs = Refs(pages={course.pk: "course", **{lesson.pk: f"lesson:{lesson.slug}" for lesson in lessons}})
    files: dict[str, bytes] = {"course.json": dump_json(course_data(course, lessons, refs))}
    for lesson in lessons:
        files[f"lessons/{lesson.slug}.json"] = dump_json({"slug": lesson.slug, **LESSON.dump(lesson, refs)})
    datasets = {}
    stale = [
        f"Exercise {slug} uses version {exercise.pinned_version(dataset)} of dataset {dataset.slug}, whose "
        f"current version is {dataset.version}: a pack carries each dataset's current file, so republish the "
        "exercise on it first."
        for slug, exercise in sorted(refs.exercises.items())
        for dataset in exercise.datasets.all()
        if exercise.pinned_version(dataset) != dataset.version
    ]
    if stale:
        raise PackRejected(stale)
    for slug, exercise in sorted(refs.exercises.items()):
        files[f"exercises/{slug}.json"] = dump_json({"slug": slug, **EXERCISE.dump(exercise, refs)})
        if exercise.starter_notebook:
            files[f"exercises/{slug}.ipynb"] = _read(exercise.starter_notebook)
        datasets.update({dataset.slug: dataset for dataset in exercise.datasets.all()})
    for slug, dataset in sorted(datasets.items()):
        files[f"datasets/{slug}.json"] = dump_json({"slug": slug, **DATASET.dump(dataset, refs)})
        files[f"datasets/{slug}.csv"] = dataset.csv_text.encode()
    for folder, found, serialiser in (
        ("images", refs.images, IMAGE),
        ("documents", refs.documents, DOCUMENT),
    ):
        for key, obj in sorted(found.items()):
            files[f"{folder}/{key}.json"] = dump_json(serialiser.dump(obj, refs))
            files[f"{folder}/{key}.{_extension(obj.file.name)}"] = _read(obj.file)
    bad = sorted(name for name in files if not ALLOWED.match(name))
    if bad:
        raise PackRejected(
            [
                f"{name}: this name cannot go in a pack (slugs are lower-case letters, digits and '-')."
                for name in bad
            ]
        )
    return with_manifest(files, course=course.slug, exported_from=exported_from)
