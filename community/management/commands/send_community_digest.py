"""Send the daily community digest email to members who chose it. Run once a day (cron or a scheduler)."""

from django.core.management.base import BaseCommand
from django_tasks.base import TaskResultStatus

from community.tasks import send_daily_digests


class Command(BaseCommand):
    help = (
        "Queue the daily digest: each member on it gets their unread community notifications not yet emailed."
    )

    def handle(self, *args, **options):
        result = send_daily_digests.enqueue()
        if result.is_finished:
            sent = result.return_value if result.status == TaskResultStatus.SUCCESSFUL else 0
            self.stdout.write(self.style.SUCCESS(f"Sent {sent} digest email{'s' if sent != 1 else ''}."))
        else:
            self.stdout.write(self.style.SUCCESS("Queued the daily digest for the task worker."))
