"""Send required-learning reminders and line managers' weekly digests. Run it daily (cron or a scheduler);
running it twice the same day sends nothing twice."""

import datetime

from django.core.management.base import BaseCommand, CommandError

from learning.assignments import services


class Command(BaseCommand):
    help = (
        "Bring assignments up to date with the staff list, then email today's reminders and weekly digests."
    )

    def add_arguments(self, parser):
        parser.add_argument("--date", help="Act as if today were this date (YYYY-MM-DD), e.g. to catch up.")

    def handle(self, *args, date=None, **options):
        today = None
        if date:
            try:
                today = datetime.date.fromisoformat(date)
            except ValueError as exc:
                raise CommandError("Give --date as YYYY-MM-DD.") from exc
        synced = services.assignments_sync(today=today)
        sent = services.reminders_send(today=today)
        self.stdout.write(
            f"Assignments: {synced['created']} added, {synced['removed']} removed. "
            f"Reminders: {sent['reminders']} in {sent['emails']} email(s); {sent['digests']} manager digest(s)."
        )
