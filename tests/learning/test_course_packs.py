"""Course packs (docs/course-packs.md): export → import into an empty site gives the same pages and the same
marking; re-importing changes nothing; tampered, partial and hostile packs are refused with nothing written;
only Academy admins reach the export and import screens."""

import difflib
import io
import json
import re
import zipfile
from decimal import Decimal
from io import StringIO

import pytest
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.core.management import CommandError, call_command
from django.utils.timezone import now
from PIL import Image as PILImage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Revision

from competencies.models import Competency
from jupyterlite import demo as lab_demo
from jupyterlite.answers import mark
from jupyterlite.models import Dataset, Exercise, Question
from jupyterlite.services import dataset_create_from_upload, expected_answer
from learning import demo
from learning.coursepacks import PackRejected, export_course, import_pack
from learning.coursepacks.files import (
    MANIFEST,
    MAX_FILE_BYTES,
    from_folder,
    read_manifest,
    to_zip,
    with_manifest,
)
from learning.coursepacks.importer import import_packs, prerequisite_order, read_pack
from learning.models import CourseAttempt, CourseCompetency, CoursePage, Enrolment, LessonPage
from tests.factories.competencies import CompetencyFactory
from tests.factories.learning import add_catalogue, add_course, q_numeric, q_single, q_text

pytestmark = pytest.mark.django_db

MEDIA = re.compile(r'/(?:media/images|documents/\d+)/[^"\s]+')
CSRF = re.compile(r'(name="csrfmiddlewaretoken" value="|csrf-token" content="|nonce=")[^"]*"')


def _png() -> bytes:
    buffer = io.BytesIO()
    PILImage.new("RGB", (4, 3), (200, 30, 30)).save(buffer, format="PNG")
    return buffer.getvalue()


# --- a small course with one of everything a pack carries ------------------------------------------------


@pytest.fixture
def small_course(site_with_home):
    """A course with two lessons: questions of each kind, an image, a document link, a link between lessons,
    and a lab exercise on an uploaded dataset with a typed answer. Linked to competencies DQ1 and ZZ9."""
    catalogue = add_catalogue()
    dataset = dataset_create_from_upload(
        title="Road defects",
        slug="road-defects",
        description="Defects reported on roads.",
        owner="Highways",
        licence="OGL v3",
        data=b"defect_id,category,days\nD1,Pothole,3\nD2,Pothole,5\nD3,Sign,2\n",
    )
    exercise = Exercise.objects.create(
        slug="count-potholes",
        title="Count the potholes",
        instructions="<p>Count the rows where category is Pothole.</p>",
        starter_code="from academy import load_dataset\nrows = load_dataset('road-defects')",
        hints="Filter by category.",
        solution="check('potholes-in-road-defects', 2)",
        is_published=True,
    )
    exercise.datasets.set([dataset])
    exercise.dataset_versions = {dataset.slug: dataset.version}  # pinned, as the exercise editor does
    exercise.save()
    Question.objects.create(
        exercise=exercise,
        key="potholes-in-road-defects",
        prompt="How many potholes?",
        expected_value="2",
        tolerance=Decimal("0"),
        known_wrong_answers=[{"value": 3, "tolerance": 0, "message": "Only potholes."}],
    )
    image = get_image_model()(title="A red square", file=ImageFile(io.BytesIO(_png()), name="red.png"))
    image.save()
    document = get_document_model()(title="Data standards")
    document.file.save("standards.txt", ContentFile(b"Use ISO 8601 dates.\n"), save=False)
    document.save()
    course = add_course(
        catalogue,
        slug="pack-course",
        lessons=[
            [
                q_single(),
                (
                    "image",
                    {"image": image, "alt_text": "A red square", "decorative": False, "caption": ""},
                ),
                ("exercise", {"exercise": exercise, "heading": "Try it"}),
            ],
            [q_numeric(), q_text()],
        ],
    )
    second = LessonPage.objects.child_of(course).get(slug="lesson-2")
    first = LessonPage.objects.child_of(course).get(slug="lesson-1").specific
    first.body = [
        *[(child.block_type, child.value) for child in first.body],
        (
            "paragraph",
            f'<p>Read the <a linktype="document" id="{document.pk}">standards</a>, then '
            f'<a linktype="page" id="{second.pk}">the next lesson</a>.</p>',
        ),
    ]
    first.save_revision().publish()
    dq1 = CompetencyFactory(code="DQ1")
    course.competency_links = [CourseCompetency(competency=dq1, level=1, sort_order=0)]
    course.save_revision().publish()
    return CoursePage.objects.get(pk=course.pk)


def _only_dq1(files: dict[str, bytes]) -> dict[str, bytes]:
    """The pack with an extra competency code that this site does not have (re-signed)."""
    course = json.loads(files["course.json"])
    course["competencies"].append({"code": "ZZ9", "level": 1})
    return _resign({**files, "course.json": json.dumps(course).encode()})


def _resign(files: dict[str, bytes]) -> dict[str, bytes]:
    rest = {name: data for name, data in files.items() if name != MANIFEST}
    return with_manifest(rest, course=json.loads(rest["course.json"])["slug"])


def _empty_the_site() -> None:
    for course in CoursePage.objects.all():
        course.delete()
    Exercise.objects.all().delete()
    Dataset.objects.all().delete()
    get_image_model().objects.all().delete()
    get_document_model().objects.all().delete()


def _state() -> dict:
    """Everything an import could write, to show that nothing was."""
    return {
        "pages": sorted(CoursePage.objects.values_list("slug", "title"))
        + sorted(LessonPage.objects.values_list("slug", "title")),
        "revisions": Revision.objects.count(),
        "exercises": sorted(Exercise.objects.values_list("slug", "updated_at")),
        "questions": sorted(Question.objects.values_list("key", "prompt", "expected_value")),
        "datasets": sorted(Dataset.objects.values_list("slug", "updated_at")),
        "links": sorted(CourseCompetency.objects.values_list("course__slug", "competency__code", "level")),
        "images": get_image_model().objects.count(),
        "documents": get_document_model().objects.count(),
    }


def _render(client, learner) -> dict[str, str]:
    pages = {}
    for course in CoursePage.objects.live().order_by("path"):
        enrolment, _ = Enrolment.objects.get_or_create(
            user=learner, course=course, defaults={"last_activity_at": now()}
        )
        if not enrolment.attempts.exists():
            CourseAttempt.objects.create(enrolment=enrolment, number=1)
        for page in [course, *LessonPage.objects.live().child_of(course).order_by("path")]:
            response = client.get(page.url)
            assert response.status_code == 200, page.url
            pages[page.url] = CSRF.sub(r"\1", response.content.decode())
    return pages


def _embedded() -> set[str]:
    """The slugs of the exercises the lessons embed (a pack carries those)."""
    return {
        child.value["exercise"].slug
        for lesson in LessonPage.objects.all()
        for child in lesson.body
        if child.block_type == "exercise"
    }


def _markings() -> dict:
    out = {}
    questions = Question.objects.filter(exercise__slug__in=_embedded()).select_related("exercise")
    for question in questions.order_by("key"):
        expected = expected_answer(question=question)
        wrong = "no such answer" if question.answer_type == Question.TEXT else float(expected) + 1000
        out[question.key] = (
            expected,
            mark(question, expected, expected).correct,
            mark(question, wrong, expected).correct,
        )
    return out


def _same_html(before: dict[str, str], after: dict[str, str]) -> None:
    assert sorted(before) == sorted(after)
    for url, html in before.items():
        if html != after[url]:
            diff = "\n".join(
                difflib.unified_diff(html.splitlines(), after[url].splitlines(), lineterm="", n=1)
            )
            pytest.fail(f"{url} renders differently after the round trip:\n{diff[:3000]}")


PAGE_IDS = re.compile(r"(/community/discuss/|/courses/)(\d+)/")
# The lab's answer form lists questions by id (its options read as prompts; ordering positions read as numbers).
QUESTION_IDS = re.compile(r'(<option value=")(\d+)(">)(?!\d+</option>)')


def _without_ids(pages: dict[str, str]) -> dict[str, str]:
    """Database ids differ on the new site: name pages by path and lab questions by key instead."""
    page_paths = {str(p.pk): p.url_path for p in [*CoursePage.objects.all(), *LessonPage.objects.all()]}
    question_keys = {str(pk): key for pk, key in Question.objects.values_list("pk", "key")}
    out = {}
    for url, html in pages.items():
        html = PAGE_IDS.sub(lambda m: m.group(1) + page_paths.get(m.group(2), m.group(2)) + "/", html)
        html = QUESTION_IDS.sub(
            lambda m: m.group(1) + question_keys.get(m.group(2), m.group(2)) + m.group(3), html
        )
        out[url] = MEDIA.sub("MEDIA", html)
    return out


# --- the round trip --------------------------------------------------------------------------------------


def test_the_curriculum_round_trip_renders_the_same_pages_and_marks_the_same_answers(
    site_with_home, client_for, learner, monkeypatch
):
    lab_demo.load(stdout=StringIO())
    demo.load(stdout=StringIO())
    client = client_for(learner)
    before, marks_before = _without_ids(_render(client, learner)), _markings()
    packs = [export_course(course) for course in CoursePage.objects.order_by("path")]

    _empty_the_site()
    assert not CoursePage.objects.exists() and not Exercise.objects.exists()
    reports = [import_pack(files) for files in prerequisite_order(packs)]

    assert all(report.created and not report.updated for report in reports)
    assert _markings() == marks_before
    assert len(marks_before) >= 15 and all(right and not wrong for _, right, wrong in marks_before.values())
    _same_html(before, _without_ids(_render(client, learner)))


def test_a_small_course_with_media_round_trips(small_course, client_for, learner):
    client = client_for(learner)
    before, marks_before = _without_ids(_render(client, learner)), _markings()
    image_before = get_image_model().objects.get()
    hash_before = image_before.get_file_hash()
    files = _only_dq1(export_course(small_course))
    assert {name.split("/")[0] for name in files} >= {
        "images",
        "documents",
        "datasets",
        "exercises",
        "lessons",
    }

    _empty_the_site()
    report = import_pack(files)

    assert report.unknown_competencies == ["ZZ9"]
    assert "exercise count-potholes" in report.created and "dataset road-defects" in report.created
    assert list(CourseCompetency.objects.values_list("competency__code", flat=True)) == ["DQ1"]
    assert _markings() == marks_before
    image = get_image_model().objects.get()
    assert image.get_file_hash() == hash_before
    _same_html(before, _without_ids(_render(client, learner)))
    lesson = LessonPage.objects.get(slug="lesson-1")
    html = lesson.body.render_as_block() if hasattr(lesson.body, "render_as_block") else str(lesson.body)
    assert get_document_model().objects.get().url in html
    assert LessonPage.objects.get(slug="lesson-2").url in html


def test_importing_the_same_pack_again_changes_nothing(small_course):
    files = export_course(small_course)
    first = import_pack(files)
    assert not first.changed, first.lines()
    state = _state()
    second = import_pack(files)
    assert not second.changed and _state() == state
    assert "course pack-course" in second.skipped and "exercise count-potholes" in second.skipped


def test_a_changed_pack_updates_in_place_keeping_question_ids(small_course):
    lesson = LessonPage.objects.get(slug="lesson-2")
    ids = [child.id for child in lesson.body]
    files = export_course(small_course)
    data = json.loads(files["lessons/lesson-2.json"])
    data["title"] = "Lesson two, revised"
    exercise = json.loads(files["exercises/count-potholes.json"])
    exercise["questions"][0]["prompt"] = "How many potholes are there?"
    report = import_pack(
        _resign(
            {
                **files,
                "lessons/lesson-2.json": json.dumps(data).encode(),
                "exercises/count-potholes.json": json.dumps(exercise).encode(),
            }
        )
    )
    assert report.updated == ["exercise count-potholes", "lesson lesson-2"]
    lesson = LessonPage.objects.get(slug="lesson-2")
    assert lesson.title == "Lesson two, revised" and [child.id for child in lesson.body] == ids
    assert Question.objects.get(key="potholes-in-road-defects").prompt == "How many potholes are there?"


# --- refused packs -------------------------------------------------------------------------------------


def _rezip(files: dict[str, bytes], extra: list[tuple[zipfile.ZipInfo | str, bytes]] = ()) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            archive.writestr(name, data)
        for info, data in extra:
            archive.writestr(info, data)
    return buffer.getvalue()


def _refused(data: bytes, *, contains: str) -> None:
    state = _state()
    with pytest.raises(PackRejected) as caught:
        import_pack(read_pack(data))
    assert any(contains in error for error in caught.value.errors), caught.value.errors
    assert _state() == state


@pytest.fixture
def pack_into_empty(small_course):
    """The small course's pack, and a site without the course (so an import would create everything)."""
    files = export_course(small_course)
    _empty_the_site()
    return files


def test_a_tampered_file_is_refused_with_nothing_written(pack_into_empty):
    files = dict(pack_into_empty)
    files["lessons/lesson-1.json"] = files["lessons/lesson-1.json"].replace(b"Lesson 1", b"Lesson one")
    _refused(to_zip(files), contains="lessons/lesson-1.json does not match its checksum")


def test_a_partial_pack_is_refused_with_nothing_written(pack_into_empty):
    files = dict(pack_into_empty)
    del files["datasets/road-defects.csv"]
    _refused(to_zip(files), contains="datasets/road-defects.csv is listed in the manifest but missing")
    del files[MANIFEST]
    _refused(to_zip(files), contains="has no manifest.json")
    resigned = _resign({n: d for n, d in pack_into_empty.items() if n != "lessons/lesson-2.json"})
    _refused(to_zip(resigned), contains="the pack is incomplete or inconsistent")


def test_an_added_file_is_refused(pack_into_empty):
    _refused(_rezip(pack_into_empty, [("lessons/extra.json", b"{}")]), contains="not listed in the manifest")


def test_a_problem_found_late_rolls_back_what_came_before(pack_into_empty):
    """Media, the dataset and the exercise are written before the lesson with a bad block is reached."""
    files = dict(pack_into_empty)
    lesson = json.loads(files["lessons/lesson-2.json"])
    lesson["body"][1]["value"]["max_attempts"] = 99
    storage = get_image_model()().file.storage
    media_before = sorted(storage.listdir("original_images")[1])
    _refused(
        to_zip(_resign({**files, "lessons/lesson-2.json": json.dumps(lesson).encode()})),
        contains="lessons/lesson-2.json",
    )
    assert not Dataset.objects.exists() and not get_image_model().objects.exists()
    assert sorted(storage.listdir("original_images")[1]) == media_before


def test_an_unknown_computation_is_refused(pack_into_empty):
    files = dict(pack_into_empty)
    exercise = json.loads(files["exercises/count-potholes.json"])
    exercise["questions"][0].update(expected_value="", computation="no-such-computation")
    _refused(
        to_zip(_resign({**files, "exercises/count-potholes.json": json.dumps(exercise).encode()})),
        contains="computation",
    )


@pytest.mark.parametrize(
    "name",
    [
        "../evil.json",
        "/etc/passwd",
        "lessons/../../x.json",
        "lessons\\x.json",
        "scripts/run.py",
        "lessons/UP.json",
    ],
)
def test_names_outside_the_layout_are_refused(pack_into_empty, name):
    _refused(_rezip(pack_into_empty, [(name, b"{}")]), contains="is not a file a course pack may hold")


def test_links_and_bombs_and_non_zips_are_refused(pack_into_empty):
    link = zipfile.ZipInfo("lessons/link.json")
    link.external_attr = (0o120777) << 16
    _refused(_rezip(pack_into_empty, [(link, b"/etc/passwd")]), contains="links are not allowed")
    _refused(
        _rezip(pack_into_empty, [("datasets/bomb.csv", b"0" * (MAX_FILE_BYTES + 10))]), contains="larger than"
    )
    _refused(_rezip(pack_into_empty, [("datasets/bomb.csv", b"0" * (5 * 1024 * 1024))]), contains="expands")
    _refused(b"not a zip at all", contains="not a readable .zip")
    manifest = json.loads(pack_into_empty[MANIFEST])
    manifest["format_version"] = 99
    _refused(
        to_zip({**pack_into_empty, MANIFEST: json.dumps(manifest).encode()}), contains="format version 99"
    )


def test_a_question_key_used_by_another_exercise_is_refused(small_course):
    files = export_course(small_course)
    other = Exercise.objects.create(slug="other", title="Other", instructions="<p>x</p>", is_published=True)
    Question.objects.filter(key="potholes-in-road-defects").update(exercise=other)
    _refused(to_zip(files), contains="belongs to exercise 'other'")


# --- commands and the starter packs -----------------------------------------------------------------------


def test_the_commands_export_a_folder_and_import_it(small_course, tmp_path):
    call_command("export_course_pack", "pack-course", "--out", str(tmp_path), stdout=StringIO())
    assert read_manifest(from_folder(tmp_path / "pack-course"))["format_version"] == 1
    out = StringIO()
    call_command("import_course_pack", str(tmp_path / "pack-course"), stdout=out)
    assert "0 created, 0 updated" in out.getvalue()
    course = json.loads((tmp_path / "pack-course" / "course.json").read_text())
    course["title"] = "Edited by hand"
    (tmp_path / "pack-course" / "course.json").write_text(json.dumps(course))
    with pytest.raises(CommandError, match="nothing was imported"):
        call_command("import_course_pack", str(tmp_path / "pack-course"), stdout=StringIO())
    call_command("sign_course_pack", str(tmp_path / "pack-course"), stdout=StringIO())
    out = StringIO()
    call_command("import_course_pack", str(tmp_path / "pack-course"), stdout=out)
    assert "updated: course pack-course" in out.getvalue()
    assert CoursePage.objects.get(slug="pack-course").title == "Edited by hand"


def test_the_starter_packs_are_valid_and_ordered_by_prerequisite(site_with_home):
    packs = [from_folder(folder) for folder in demo.pack_folders()]
    assert len(packs) >= 8
    order = [json.loads(files["course.json"])["slug"] for files in prerequisite_order(packs)]
    for files in packs:
        read_manifest(files)
        course = json.loads(files["course.json"])
        assert all(order.index(p) < order.index(course["slug"]) for p in course["prerequisites"])
    assert not list(demo.PACKS.parent.glob("curriculum/*.py")), "no course content left in Python"


# --- the admin screens ----------------------------------------------------------------------------------


def test_only_academy_admins_export_and_import(
    small_course, client_for, learner, champion, hr_user, admin_user
):
    export_url = f"/admin/course-packs/export/{small_course.pk}/"
    import_url = "/admin/course-packs/import/"
    for url in (export_url, import_url):
        response = client_for(None).get(url)
        assert response.status_code == 302 and "/login/" in response["Location"], url
    for user in (learner, champion):  # signed in without admin access: refused, not sent round to sign in
        client = client_for(user)
        for url in (export_url, import_url):
            assert client.get(url).status_code == 403, (user, url)
    hr = client_for(hr_user)
    assert hr.get(export_url).status_code == 302
    pack = to_zip(export_course(small_course))
    state = _state()
    response = hr.post(import_url, {"pack": ContentFile(pack, name="pack.zip")})
    assert response.status_code == 302 and _state() == state

    admin = client_for(admin_user)
    response = admin.get(export_url)
    assert response.status_code == 200 and response["Content-Type"] == "application/zip"
    assert "pack-course.course-pack.zip" in response["Content-Disposition"]
    assert read_manifest(read_pack(response.content))["course"] == "pack-course"
    edit = admin.get(f"/admin/pages/{small_course.pk}/edit/").content.decode()
    assert "Export as course pack" in edit and export_url in edit
    assert (
        "Export as course pack"
        not in admin.get(f"/admin/pages/{small_course.get_parent().pk}/edit/").content.decode()
    )


def test_the_admin_import_screen_reports_and_refuses(pack_into_empty, client_for, admin_user):
    admin = client_for(admin_user)
    response = admin.post(
        "/admin/course-packs/import/",
        {
            "pack": ContentFile(
                _only_dq1(pack_into_empty) and to_zip(_only_dq1(pack_into_empty)), name="p.zip"
            )
        },
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "created" in html.lower() and "lesson lesson-1" in html and "ZZ9" in html
    assert CoursePage.objects.filter(slug="pack-course").exists()
    state = _state()
    files = dict(pack_into_empty)
    files["course.json"] = b"{}"
    response = admin.post("/admin/course-packs/import/", {"pack": ContentFile(to_zip(files), name="p.zip")})
    assert response.status_code == 400 and "does not match its checksum" in response.content.decode()
    assert _state() == state


def test_import_packs_reads_folders_in_prerequisite_order(site_with_home, small_course, tmp_path):
    files = export_course(small_course)
    (tmp_path / "a.zip").write_bytes(to_zip(files))
    assert [r.course for r in import_packs([tmp_path / "a.zip"])] == ["pack-course"]
    assert Competency.objects.filter(code="DQ1").exists()
