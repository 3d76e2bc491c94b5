"""Import a competency framework file: all-or-nothing, idempotent, recording a new version when it changes."""

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from competencies.importers import MAX_IMPORT_BYTES, ImportRejected, check_size
from competencies.transfer import FORMATS, framework_import, parse_files


def _read(path: str) -> bytes:
    file = Path(path)
    if not file.is_file():
        raise CommandError(f"{path}: no such file.")
    try:
        check_size(file.stat().st_size, filename=file.name)
    except ImportRejected as exc:
        raise CommandError(f"Nothing was imported.\n{exc}") from exc
    with file.open("rb") as handle:
        return handle.read(MAX_IMPORT_BYTES + 1)  # the parser reports a file over the limit


class Command(BaseCommand):
    help = (
        "Import the competency framework from FILE. --format csv: the Data Academy format (competencies file, "
        "plus --roles for the role requirements file). --format ddat: the DDaT Capability Framework long CSV."
    )

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--format", choices=sorted(FORMATS), required=True)
        parser.add_argument("--roles", help="Role requirements file (csv format only).")
        parser.add_argument("--user", help="Email of the account to record as the author of the changes.")
        parser.add_argument(
            "--dry-run", action="store_true", help="Check the file and report; write nothing."
        )

    def handle(self, *args, file, format, roles=None, user=None, dry_run=False, **options):
        author = None
        if user:
            author = get_user_model().objects.filter(email=user.lower()).first()
            if author is None:
                raise CommandError(f"No account has the email {user}.")
        try:
            parsed = parse_files(
                fmt=format,
                data=_read(file),
                filename=Path(file).name,
                roles_data=_read(roles) if roles else None,
                roles_name=Path(roles).name if roles else "",
            )
            with transaction.atomic():
                result = framework_import(parsed=parsed, user=author, source=Path(file).name)
                if dry_run:
                    transaction.set_rollback(True)
        except ImportRejected as exc:
            raise CommandError(f"Nothing was imported.\n{exc}") from exc
        prefix = "Dry run, nothing written: " if dry_run else ""
        self.stdout.write(self.style.SUCCESS(f"{prefix}{result.summary()}"))
        for line in result.report:
            self.stdout.write(f"Note: {line}")
        if result.version and not dry_run:
            self.stdout.write(f"Recorded as framework version {result.version.number}.")
