"""Send the daily community digest email to members who chose it. Run once a day (cron or a scheduler)."""

from django.core.management.base import BaseCommand

from community.notifications import send_daily_digests


class Command(BaseCommand):
    help = "Email each member on the daily digest their unread community notifications not yet emailed."

    def handle(self, *args, **options):
        sent = send_daily_digests()
        self.stdout.write(self.style.SUCCESS(f"Sent {sent} digest email{'s' if sent != 1 else ''}."))
