"""Import a course pack: all-or-nothing, idempotent, with a report of what was created, updated and skipped.

Everything is keyed by stable keys (course and lesson slugs under the catalogue, exercise and dataset slugs,
question keys, competency codes, media file hashes), never database ids. Each object's current state is
serialised exactly as the exporter would and compared with the pack, so an object is written only when it
differs: importing the same pack twice writes nothing the second time. Any problem raises PackRejected inside
the one transaction, so nothing is written (media files saved on the way are removed again).
"""

import hashlib
import json
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.text import get_valid_filename
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from competencies.models import Competency
from jupyterlite.models import Dataset, Exercise, Question
from jupyterlite.services import UploadError, validate_csv
from learning.models import CourseCompetency, CourseIndexPage, CoursePage, LessonPage

from .exporter import COURSE, DATASET, EXERCISE, LESSON, course_data, course_lessons
from .files import PackRejected, from_folder, from_zip, read_manifest
from .serialisers import Refs


@dataclass
class ImportReport:
    """What an import did, in words: `created`, `updated` and `skipped` (unchanged) name each object."""

    course: str = ""
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    unknown_competencies: list[str] = field(default_factory=list)
    unknown_prerequisites: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated)

    def summary(self) -> str:
        return (
            f"Course pack '{self.course}': {len(self.created)} created, {len(self.updated)} updated, "
            f"{len(self.skipped)} unchanged."
        )

    def lines(self) -> list[str]:
        out = [self.summary()]
        out += [f"created: {name}" for name in self.created]
        out += [f"updated: {name}" for name in self.updated]
        if self.unknown_competencies:
            out.append(
                "competency codes not in this site's framework (not linked): "
                + ", ".join(self.unknown_competencies)
            )
        if self.unknown_prerequisites:
            out.append(
                "prerequisite courses not on this site (not linked): " + ", ".join(self.unknown_prerequisites)
            )
        out += [f"note: {note}" for note in self.notes]
        return out


def _json(files: dict[str, bytes], name: str, required: tuple[str, ...]) -> dict:
    try:
        data = json.loads(files[name].decode("utf-8"))
    except (ValueError, UnicodeDecodeError) as error:
        raise PackRejected(f"{name} is not valid UTF-8 JSON ({error}).") from error
    if not isinstance(data, dict):
        raise PackRejected(f"{name} should hold one JSON object.")
    missing = [key for key in required if key not in data]
    if missing:
        raise PackRejected(f"{name} lacks {', '.join(repr(key) for key in missing)}.")
    return data


def _names(files, folder: str, suffix: str) -> list[str]:
    return sorted(
        name[len(folder) + 1 : -len(suffix)]
        for name in files
        if name.startswith(f"{folder}/") and name.endswith(suffix)
    )


def _errors_of(error: ValidationError, where: str) -> list[str]:
    if hasattr(error, "message_dict"):
        return [f"{where}: {name}: {' '.join(messages)}" for name, messages in error.message_dict.items()]
    return [f"{where}: {message}" for message in error.messages]


class _Importer:
    def __init__(self, files: dict[str, bytes], *, user):
        self.files, self.user = files, user
        self.report = ImportReport()
        self.saved_files: list = []
        self.refs = Refs(exporting=False)

    # --- reading -------------------------------------------------------------------------------------
    def parse(self) -> None:
        manifest = read_manifest(self.files)
        self.course = _json(self.files, "course.json", ("slug", "lessons", "competencies", "prerequisites"))
        self.report.course = self.course["slug"]
        if manifest.get("course") != self.course["slug"]:
            raise PackRejected("The manifest and course.json name different courses.")
        self.lessons = {
            slug: _json(self.files, f"lessons/{slug}.json", ("slug", "body"))
            for slug in _names(self.files, "lessons", ".json")
        }
        wanted = self.course["lessons"]
        if (
            not isinstance(wanted, list)
            or sorted(wanted) != sorted(self.lessons)
            or len(set(wanted)) != len(wanted)
        ):
            raise PackRejected(
                "course.json lists lessons "
                f"{', '.join(map(str, wanted)) if isinstance(wanted, list) else wanted!r} but the pack holds "
                f"{', '.join(self.lessons) or 'none'}: the pack is incomplete or inconsistent."
            )
        self.exercises = {
            s: _json(self.files, f"exercises/{s}.json", ("slug", "questions", "datasets"))
            for s in _names(self.files, "exercises", ".json")
        }
        self.datasets = {
            s: _json(self.files, f"datasets/{s}.json", ("slug", "columns"))
            for s in _names(self.files, "datasets", ".json")
        }
        errors = []
        for kind, items in (
            ("lesson", self.lessons),
            ("exercise", self.exercises),
            ("dataset", self.datasets),
        ):
            errors += [
                f"{kind}s/{s}.json names itself {d['slug']!r}." for s, d in items.items() if d["slug"] != s
            ]
        for slug in self.datasets:
            if f"datasets/{slug}.csv" not in self.files:
                errors.append(f"datasets/{slug}.csv is missing: the pack is incomplete.")
        for slug, data in self.exercises.items():
            for dataset in data["datasets"]:
                if dataset not in self.datasets and not Dataset.objects.filter(slug=dataset).exists():
                    errors.append(
                        f"Exercise {slug} uses dataset {dataset}, which is neither in the pack nor on this site."
                    )
        if errors:
            raise PackRejected(errors)

    # --- media ---------------------------------------------------------------------------------------
    def media(self) -> None:
        for folder, model, found in (
            ("images", get_image_model(), self.refs.images),
            ("documents", get_document_model(), self.refs.documents),
        ):
            for key in _names(self.files, folder, ".json"):
                meta = _json(self.files, f"{folder}/{key}.json", ("title", "file_name"))
                data_names = [
                    n for n in self.files if n.startswith(f"{folder}/{key}.") and not n.endswith(".json")
                ]
                if len(data_names) != 1:
                    raise PackRejected(f"{folder}/{key}.json has no file beside it: the pack is incomplete.")
                data = self.files[data_names[0]]
                if hashlib.sha1(data).hexdigest() != key:  # noqa: S324 - Wagtail's file_hash is SHA-1
                    raise PackRejected(f"{data_names[0]} is not the file its name says.")
                existing = model.objects.filter(file_hash=key).first()
                label = f"{folder[:-1]} '{meta['title']}'"
                if existing is not None:
                    found[key] = existing
                    self.report.skipped.append(label)
                    continue
                obj = model(title=str(meta["title"])[:255])
                size = self._check_image(data, data_names[0]) if folder == "images" else None
                if hasattr(obj, "description"):
                    obj.description = str(meta.get("description", ""))
                name = (
                    get_valid_filename(str(meta["file_name"]).rsplit("/", 1)[-1])
                    or data_names[0].rsplit("/", 1)[-1]
                )
                obj.file.save(name, ContentFile(data), save=False)
                self.saved_files.append(obj.file)
                if size is not None:
                    obj.width, obj.height = size
                obj.save()
                found[key] = obj
                self.report.created.append(label)

    @staticmethod
    def _check_image(data: bytes, name: str) -> tuple[int, int]:
        from io import BytesIO

        from PIL import Image, UnidentifiedImageError

        try:
            with Image.open(BytesIO(data)) as image:
                image.verify()
                if image.width * image.height > 40_000_000:
                    raise PackRejected(f"{name} is too large an image.")
                return image.width, image.height
        except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as error:
            raise PackRejected(f"{name} is not a readable image ({error}).") from error

    # --- datasets and exercises ----------------------------------------------------------------------
    def datasets_apply(self) -> None:
        for slug, data in self.datasets.items():
            wanted = DATASET.normalise(self._need(data, DATASET.fields, f"datasets/{slug}.json"))
            csv = self.files[f"datasets/{slug}.csv"]
            dataset = Dataset.objects.filter(slug=slug).first()
            label = f"dataset {slug}"
            if (
                dataset is not None
                and DATASET.dump(dataset, self.refs) == wanted
                and dataset.csv_text.encode() == csv
            ):
                self.report.skipped.append(label)
                continue
            columns = wanted["columns"]
            if not isinstance(columns, list) or not all(isinstance(c, dict) and "name" in c for c in columns):
                raise PackRejected(
                    f"datasets/{slug}.json: columns should be a list of {{name, type, description}}."
                )
            try:
                # The file's shape is checked as an upload's is. Declared types are kept as the pack says:
                # teaching datasets hold deliberately mistyped values for learners to find.
                text, found, row_count = validate_csv(csv)
            except UploadError as error:
                raise PackRejected([f"datasets/{slug}.csv: {message}" for message in error.errors]) from error
            if [c["name"] for c in found] != [c["name"] for c in columns]:
                raise PackRejected(
                    f"datasets/{slug}.json describes columns that are not the CSV's header row."
                )
            created = dataset is None
            dataset = dataset or Dataset(slug=slug)
            if not created and dataset.csv_text != text:
                # A new file is a new version: the old one stays for exercises on this site that pin it.
                dataset.version += 1
                dataset.version_note = "From a course pack"
            DATASET.assign(dataset, wanted, self.refs)
            dataset.csv_text, dataset.row_count = text, row_count
            self._save(dataset, f"datasets/{slug}.json")
            (self.report.created if created else self.report.updated).append(label)

    def exercises_apply(self) -> None:
        for slug, data in self.exercises.items():
            where = f"exercises/{slug}.json"
            wanted = EXERCISE.normalise(
                self._need(
                    data, (*EXERCISE.fields, "is_published", "instructions", "datasets", "questions"), where
                )
            )
            notebook = self.files.get(f"exercises/{slug}.ipynb")
            wanted["has_starter_notebook"] = notebook is not None
            exercise = Exercise.objects.filter(slug=slug).first()
            label = f"exercise {slug}"
            # The exercise is pinned to the current version of each of its datasets (the pack's data).
            pins = dict(Dataset.objects.filter(slug__in=wanted["datasets"]).values_list("slug", "version"))
            if (
                exercise is not None
                and EXERCISE.dump(exercise, self.refs) == wanted
                and self._same_notebook(exercise, notebook)
                and {d.slug: exercise.pinned_version(d) for d in exercise.datasets.all()} == pins
            ):
                self.refs.exercises[slug] = exercise
                self.report.skipped.append(label)
                continue
            created = exercise is None
            exercise = exercise or Exercise(slug=slug)
            EXERCISE.assign(exercise, wanted, self.refs)
            if notebook is not None:
                from jupyterlite.notebooks import parse_notebook

                try:
                    parse_notebook(notebook)
                except ValueError as error:
                    raise PackRejected(f"exercises/{slug}.ipynb: {error}") from error
                exercise.starter_notebook.save(f"{slug}.ipynb", ContentFile(notebook), save=False)
                self.saved_files.append(exercise.starter_notebook)
            elif exercise.starter_notebook:
                exercise.starter_notebook = ""
            self._save(exercise, where, exclude=["starter_notebook"])
            exercise.datasets.set(list(Dataset.objects.filter(slug__in=wanted["datasets"])))
            exercise.dataset_versions = pins
            exercise.save()
            self._questions(exercise, wanted["questions"], where)
            self.refs.exercises[slug] = exercise
            (self.report.created if created else self.report.updated).append(label)

    def _questions(self, exercise: Exercise, questions: list[dict], where: str) -> None:
        keys = [q["key"] for q in questions]
        if len(set(keys)) != len(keys):
            raise PackRejected(f"{where}: two questions share a key.")
        for order, data in enumerate(questions):
            question = Question.objects.filter(key=data["key"]).first()
            if question is not None and question.exercise_id != exercise.pk:
                raise PackRejected(
                    f"{where}: the question key {data['key']!r} belongs to exercise "
                    f"{question.exercise.slug!r} on this site. Question keys are unique across the site."
                )
            question = question or Question(key=data["key"])
            EXERCISE.questions.assign(question, data, self.refs)
            question.exercise, question.sort_order = exercise, order
            self._save(question, f"{where}: question {data['key']}")
        stale = exercise.questions.exclude(key__in=keys)
        if stale.filter(attempts__isnull=False).exists():
            raise PackRejected(
                f"{where}: this site's exercise has questions the pack does not ({', '.join(stale.values_list('key', flat=True))}) "
                "that learners have answered. Remove them in the admin first if they should go."
            )
        stale.delete()

    @staticmethod
    def _same_notebook(exercise, notebook) -> bool:
        if not exercise.starter_notebook:
            return notebook is None
        if notebook is None:
            return False
        with exercise.starter_notebook.open("rb") as handle:
            return handle.read() == notebook

    # --- the course and its lessons ------------------------------------------------------------------
    def pages_apply(self) -> None:
        catalogue = CourseIndexPage.objects.first()
        if catalogue is None:
            raise PackRejected(
                "This site has no course catalogue page to put the course in. Create one first."
            )
        slug = self.course["slug"]
        course = CoursePage.objects.child_of(catalogue).filter(slug=slug).first()
        existing_lessons = {}
        if course is not None:
            existing_lessons = {
                lesson.slug: lesson for lesson in LessonPage.objects.child_of(course).specific()
            }
        # What the site has now, in the pack's terms, before anything changes.
        out = Refs(
            pages={course.pk: "course", **{p.pk: f"lesson:{s}" for s, p in existing_lessons.items()}}
            if course
            else {}
        )
        before_course = course_data(course, course_lessons(course), out) if course else None
        before_lessons = {s: {"slug": s, **LESSON.dump(p, out)} for s, p in existing_lessons.items()}

        codes = [link.get("code") for link in self.course["competencies"]]
        found = {c.code: c for c in Competency.objects.filter(code__in=codes)}
        self.report.unknown_competencies = sorted(set(codes) - set(found))
        prerequisites = list(
            CoursePage.objects.filter(slug__in=self.course["prerequisites"]).exclude(slug=slug)
        )
        self.report.unknown_prerequisites = sorted(
            set(self.course["prerequisites"]) - {p.slug for p in prerequisites}
        )
        wanted_course = {
            "slug": slug,
            **COURSE.normalise(
                self._need(self.course, (*COURSE.page_fields, *COURSE.fields, "body"), "course.json")
            ),
            "competencies": [
                {"code": link["code"], "level": link["level"]}
                for link in self.course["competencies"]
                if link.get("code") in found
            ],
            "prerequisites": sorted(p.slug for p in prerequisites),
            "lessons": list(self.course["lessons"]),
        }
        wanted_lessons = {
            s: {
                "slug": s,
                **LESSON.normalise(
                    self._need(d, (*LESSON.page_fields, *LESSON.fields, "body"), f"lessons/{s}.json")
                ),
            }
            for s, d in self.lessons.items()
        }

        # Pass 1: make the pages that are missing, so references between them resolve in pass 2.
        lenient = Refs(exporting=False, lenient=True)
        lenient.images, lenient.documents, lenient.exercises = (
            self.refs.images,
            self.refs.documents,
            self.refs.exercises,
        )
        created = set()
        if course is None:
            course = CoursePage(slug=slug)
            COURSE.assign(course, wanted_course, lenient)
            self._validate_page(course, "course.json", lambda: catalogue.add_child(instance=course))
            created.add("course")
        pages = {"course": course}
        for lesson_slug in self.course["lessons"]:
            lesson = existing_lessons.get(lesson_slug)
            if lesson is None:
                lesson = LessonPage(slug=lesson_slug)
                LESSON.assign(lesson, wanted_lessons[lesson_slug], lenient)
                self._validate_page(
                    lesson,
                    f"lessons/{lesson_slug}.json",
                    lambda lesson=lesson: course.add_child(instance=lesson),
                )
                created.add(f"lesson:{lesson_slug}")
            pages[f"lesson:{lesson_slug}"] = lesson
        self.refs.pages = pages

        # Pass 2: write each page whose content differs from the pack, as a published revision.
        if "course" in created or before_course != wanted_course:
            COURSE.assign(course, wanted_course, self.refs)
            course.competency_links = [
                CourseCompetency(competency=found[link["code"]], level=link["level"], sort_order=order)
                for order, link in enumerate(wanted_course["competencies"])
            ]
            course.prerequisites = prerequisites
            self._publish(course, "course.json")
            (self.report.created if "course" in created else self.report.updated).append(f"course {slug}")
        else:
            self.report.skipped.append(f"course {slug}")
        for lesson_slug in self.course["lessons"]:
            lesson, key = pages[f"lesson:{lesson_slug}"], f"lesson:{lesson_slug}"
            label = f"lesson {lesson_slug}"
            if key in created or before_lessons.get(lesson_slug) != wanted_lessons[lesson_slug]:
                LESSON.assign(lesson, wanted_lessons[lesson_slug], self.refs)
                self._publish(lesson, f"lessons/{lesson_slug}.json")
                (self.report.created if key in created else self.report.updated).append(label)
            else:
                self.report.skipped.append(label)
        self._order_lessons(course)
        for lesson_slug in sorted(set(existing_lessons) - set(self.course["lessons"])):
            self.report.notes.append(
                f"lesson {lesson_slug} is on this site but not in the pack: left as it is."
            )

    def _order_lessons(self, course) -> None:
        order = self.course["lessons"]
        current = [
            s
            for s in LessonPage.objects.child_of(course).order_by("path").values_list("slug", flat=True)
            if s in order
        ]
        if current == order:
            return
        for lesson_slug in order:
            LessonPage.objects.child_of(course).get(slug=lesson_slug).move(
                course, pos="last-child", user=self.user
            )
        self.report.updated.append(f"course {course.slug}: lesson order")

    def _validate_page(self, page, where: str, save) -> None:
        if self.refs.errors:
            raise PackRejected(self.refs.errors)
        try:
            save()
        except ValidationError as error:
            raise PackRejected(_errors_of(error, where)) from error

    def _publish(self, page, where: str) -> None:
        if self.refs.errors:
            raise PackRejected([f"{where}: {e}" for e in self.refs.errors])
        for name in page._meta.get_fields():
            if getattr(name, "stream_block", None) is not None:
                value = getattr(page, name.name)
                try:
                    name.stream_block.clean(value)
                except ValidationError as error:
                    raise PackRejected(f"{where}: {name.name} is not valid: {error}") from error
        try:
            page.full_clean()
        except ValidationError as error:
            raise PackRejected(_errors_of(error, where)) from error
        page.save_revision(user=self.user, log_action=True).publish(user=self.user)

    # --- helpers -------------------------------------------------------------------------------------
    @staticmethod
    def _need(data: dict, keys, where: str) -> dict:
        missing = [key for key in keys if key not in data]
        if missing:
            raise PackRejected(f"{where} lacks {', '.join(repr(key) for key in missing)}.")
        return data

    def _save(self, obj, where: str, exclude=None) -> None:
        if self.refs.errors:
            raise PackRejected([f"{where}: {e}" for e in self.refs.errors])
        try:
            obj.full_clean(exclude=exclude, validate_unique=True)
        except ValidationError as error:
            raise PackRejected(_errors_of(error, where)) from error
        obj.save()

    def run(self) -> ImportReport:
        self.parse()
        try:
            with transaction.atomic():
                self.media()
                self.datasets_apply()
                self.exercises_apply()
                self.pages_apply()
        except BaseException:
            for stored in self.saved_files:
                stored.storage.delete(stored.name)
            raise
        return self.report


def import_pack(files: dict[str, bytes], *, user=None) -> ImportReport:
    """Apply a pack's files (from read_pack); raises PackRejected, having written nothing."""
    return _Importer(files, user=user).run()


def read_pack(source) -> dict[str, bytes]:
    """A pack's files from .zip bytes, an uploaded file, or a folder path."""
    from pathlib import Path

    if isinstance(source, (str, Path)):
        path = Path(source)
        return from_folder(path) if path.is_dir() else from_zip(path.read_bytes())
    if isinstance(source, bytes):
        return from_zip(source)
    from .files import MAX_PACK_BYTES

    return from_zip(source.read(MAX_PACK_BYTES + 1))


def prerequisite_order(packs: list[dict[str, bytes]]) -> list[dict[str, bytes]]:
    """Packs ordered so a course comes after the packs of its prerequisites (else in the order given)."""

    def course_of(files):
        try:
            data = json.loads(files["course.json"])
            return data["slug"], set(data.get("prerequisites") or [])
        except (KeyError, ValueError, TypeError):
            return None, set()

    info = [(files, *course_of(files)) for files in packs]
    slugs = {slug for _, slug, _ in info if slug}
    ordered, placed = [], set()
    while info:
        ready = [item for item in info if not (item[2] & slugs) - placed] or info[:1]
        for item in ready:
            ordered.append(item[0])
            placed.add(item[1])
            info.remove(item)
    return ordered


def import_packs(sources, *, user=None) -> list[ImportReport]:
    """Import several packs (zips or folders), prerequisites first; each pack is all-or-nothing."""
    return [import_pack(files, user=user) for files in prerequisite_order([read_pack(s) for s in sources])]
