"""python manage.py build_jupyterlite: build the in-browser lab into var/lab (downloads cached in var/lab-cache)."""

import json
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError
from django.urls import reverse

from jupyterlite.lab.build import LabBuildError, build_lab
from jupyterlite.lab.serve import lab_root


def exercise_files() -> dict[str, bytes]:
    """Every exercise's starter notebook, so the lab opens it straight away."""
    from jupyterlite.models import Exercise
    from jupyterlite.notebooks import starter_notebook

    try:
        return {
            e.notebook_path: json.dumps(starter_notebook(e), indent=1).encode()
            for e in Exercise.objects.order_by("slug")
        }
    except DatabaseError:
        return {}  # no database yet (first build before migrate): exercises are seeded by the page


class Command(BaseCommand):
    help = "Build the JupyterLite lab (Pyodide kernel, start-up wheels, datasets, exercise notebooks)."

    def add_arguments(self, parser):
        parser.add_argument("--output", type=Path, default=None, help="Output folder (default var/lab).")

    def handle(self, *args, output=None, **options):
        config = {
            "DATASET_URL": reverse("jupyterlite:dataset_csv", args=["NAME"]).replace("NAME", "{name}"),
            "COLUMNS_URL": reverse("jupyterlite:dataset_columns", args=["NAME"]).replace("NAME", "{name}"),
            "TOKEN_URL": reverse("jupyterlite:answer_token"),
            "ANSWER_URL": reverse("jupyterlite:answer_api"),
            "HINT_URL": reverse("jupyterlite:question_hint", args=["KEY"]).replace("KEY", "{key}"),
            "SOLUTION_URL": reverse("jupyterlite:question_solution", args=["KEY"]).replace("KEY", "{key}"),
        }
        try:
            result = build_lab(
                output_dir=output or lab_root(),
                cache_dir=Path(settings.BASE_DIR) / "var" / "lab-cache",
                helper_config=config,
                files=exercise_files(),
                log=lambda line: self.stdout.write(line),
            )
        except LabBuildError as error:
            raise CommandError(f"The lab build failed. {error}") from error
        self.stdout.write(
            self.style.SUCCESS(
                f"Lab ready in {result.output_dir} ({result.seconds:.1f} s, digest {result.digest[:16]})."
            )
        )
