"""Retention: erase accounts nobody has signed in to for ACCOUNT_RETENTION_DAYS (default three years)."""

import datetime

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db.models import Q
from django.utils import timezone

from home import personal_data
from home.hooks import retention_sweeps


class Command(BaseCommand):
    help = "Erase accounts inactive for longer than the retention period (dry run unless --yes)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--yes", action="store_true", help="Erase them; without this, only list how many."
        )

    def handle(self, *args, yes, **options):
        cutoff = timezone.now() - datetime.timedelta(days=settings.ACCOUNT_RETENTION_DAYS)
        stale = (
            get_user_model()
            .objects.filter(is_superuser=False)
            .filter(Q(last_login__lt=cutoff) | Q(last_login__isnull=True, date_joined__lt=cutoff))
        )
        count = stale.count()
        self.stdout.write(f"{count} account(s) inactive since before {cutoff:%d %B %Y}.")
        if not yes:
            for description, found in retention_sweeps(cutoff=cutoff, erase=False):
                self.stdout.write(f"{found} {description.strip()}")
            self.stdout.write("Dry run: nothing erased. Add --yes to erase them.")
            return
        for user in stale.iterator():
            personal_data.erase(user)
        self.stdout.write(self.style.SUCCESS(f"Erased {count} account(s)."))
        for description, erased in retention_sweeps(cutoff=cutoff, erase=True):
            self.stdout.write(self.style.SUCCESS(f"Erased {erased} {description.strip()}"))
