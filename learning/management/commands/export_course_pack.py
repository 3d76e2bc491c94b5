"""Export a course as a pack: a .zip, or an unzipped folder to keep in git (as learning/packs/ does)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from learning.coursepacks import PackRejected, export_course
from learning.coursepacks.files import to_folder, to_zip
from learning.models import CoursePage


class Command(BaseCommand):
    help = "Export a course (by slug) as a course pack (docs/course-packs.md)."

    def add_arguments(self, parser):
        parser.add_argument("course", nargs="+", help="The course's slug (several: one pack each).")
        parser.add_argument("--out", required=True, help="A folder; each pack goes in <out>/<slug>(.zip).")
        parser.add_argument("--zip", action="store_true", help="Write .zip files instead of folders.")

    def handle(self, *args, **options):
        out = Path(options["out"])
        for slug in options["course"]:
            course = CoursePage.objects.filter(slug=slug).first()
            if course is None:
                raise CommandError(f"No course has the slug {slug!r}.")
            try:
                files = export_course(course)
            except PackRejected as error:
                raise CommandError(f"{slug}: " + "; ".join(error.errors)) from error
            if options["zip"]:
                out.mkdir(parents=True, exist_ok=True)
                (out / f"{slug}.zip").write_bytes(to_zip(files))
            else:
                to_folder(files, out / slug)
            self.stdout.write(f"  {slug}: {len(files)} files")
