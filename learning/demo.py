"""Demo content for learning: the catalogue at /learn/ and the Data Academy curriculum.

The curriculum is a set of course packs in learning/packs/ (one folder per course, docs/course-packs.md),
loaded through the same importer an Academy admin uses. Idempotent: an unchanged pack writes nothing; a
changed one updates its pages in place as a new published revision, keeping the question ids so learners'
answers stay attached.
"""

from pathlib import Path

from home.models import HomePage

from .coursepacks import PackRejected
from .coursepacks.importer import import_packs
from .models import CourseIndexPage

PACKS = Path(__file__).resolve().parent / "packs"


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


def pack_folders() -> list[Path]:
    return sorted(path for path in PACKS.iterdir() if (path / "manifest.json").is_file())


def load(*, stdout) -> None:
    home = HomePage.objects.first()
    if home is None:
        stdout.write("  no home page: run home.demo first")
        return
    _ensure_catalogue(home)
    try:
        reports = import_packs(pack_folders())
    except PackRejected as error:
        stdout.write("  a curriculum pack was refused: " + "; ".join(error.errors))
        raise
    for report in reports:
        stdout.write(f"  {report.summary()}")
        if report.unknown_competencies:
            stdout.write(
                f"    note: competencies {', '.join(report.unknown_competencies)} not in the framework; not linked"
            )
    stdout.write("  course catalogue ready at /learn/")
