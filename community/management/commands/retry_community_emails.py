"""Try again the community emails that failed (mail server down). Run every few minutes from cron when the task
queue runs tasks immediately; with a task worker, retries are queued by themselves."""

from django.core.management.base import BaseCommand
from django_tasks.base import TaskResultStatus

from community.tasks import retry_notification_emails


class Command(BaseCommand):
    help = "Queue a retry of every community email whose retry is due."

    def handle(self, *args, **options):
        result = retry_notification_emails.enqueue()
        if result.is_finished:
            sent = result.return_value if result.status == TaskResultStatus.SUCCESSFUL else 0
            self.stdout.write(self.style.SUCCESS(f"Sent {sent} email{'s' if sent != 1 else ''}."))
        else:
            self.stdout.write(self.style.SUCCESS("Queued the retry for the task worker."))
