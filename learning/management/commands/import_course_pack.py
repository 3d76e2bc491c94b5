"""Import course packs (a .zip or an unzipped pack folder): all-or-nothing, and safe to run again."""

from django.core.management.base import BaseCommand, CommandError

from learning.coursepacks import PackRejected, import_pack
from learning.coursepacks.importer import read_pack


class Command(BaseCommand):
    help = (
        "Import one or more course packs (docs/course-packs.md). Each pack is all-or-nothing; importing the "
        "same pack again changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("packs", nargs="+", help="A pack's .zip file or its folder.")

    def handle(self, *args, **options):
        for source in options["packs"]:
            try:
                report = import_pack(read_pack(source))
            except (PackRejected, OSError) as error:
                problems = error.errors if isinstance(error, PackRejected) else [str(error)]
                raise CommandError(f"{source}: nothing was imported.\n  " + "\n  ".join(problems)) from error
            for line in report.lines():
                self.stdout.write(f"  {line}")
