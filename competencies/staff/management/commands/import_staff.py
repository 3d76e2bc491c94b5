"""Import the staff list from a CSV file, as the admin screen does: checked first, all or nothing."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from competencies.staff import services
from competencies.staff.importer import StaffImportRejected


class Command(BaseCommand):
    help = "Import the council's staff list (CSV). With --dry-run, only show what would change."

    def add_arguments(self, parser):
        parser.add_argument("file", help="The CSV file.")
        parser.add_argument(
            "--dry-run", action="store_true", help="Check and describe the changes; write nothing."
        )

    def handle(self, *args, file, dry_run, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"No such file: {file}")
        data = path.read_bytes()
        try:
            if dry_run:
                preview = services.staff_import_preview(data=data)
            else:
                preview = services.staff_import_apply(data=data, actor=None, filename=path.name)
        except StaffImportRejected as exc:
            for error in exc.errors:
                self.stderr.write(error)
            raise CommandError(f"Nothing was imported: {len(exc.errors)} problem(s).") from None
        for change in preview.changes:
            if change.action == "create":
                self.stdout.write(f"  line {change.row.line}: new {change.row.email}")
            elif change.action == "update":
                self.stdout.write(
                    f"  line {change.row.line}: {change.row.email} — {', '.join(change.changed_labels)}"
                )
        prefix = "Dry run, nothing written: " if dry_run else "Imported: "
        self.stdout.write(self.style.SUCCESS(prefix + preview.summary()))
