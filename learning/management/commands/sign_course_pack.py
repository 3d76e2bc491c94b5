"""Recompute an unzipped pack's manifest after editing its files by hand (the import checks every checksum)."""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from learning.coursepacks import PackRejected
from learning.coursepacks.files import MANIFEST, from_folder, to_folder, with_manifest


class Command(BaseCommand):
    help = "Rewrite the manifest.json of pack folders (e.g. learning/packs/<slug>) after a hand edit."

    def add_arguments(self, parser):
        parser.add_argument("folders", nargs="+", help="An unzipped course pack folder.")

    def handle(self, *args, **options):
        for folder in map(Path, options["folders"]):
            try:
                files = from_folder(folder)
                course = json.loads(files["course.json"])["slug"]
            except (PackRejected, KeyError, ValueError, OSError) as error:
                problems = error.errors if isinstance(error, PackRejected) else [repr(error)]
                raise CommandError(f"{folder}: " + "; ".join(problems)) from error
            previous = json.loads(files.pop(MANIFEST))
            to_folder(
                with_manifest(files, course=course, exported_from=previous.get("exported_from", "")), folder
            )
            self.stdout.write(f"  {folder}: manifest rewritten for {len(files)} files")
