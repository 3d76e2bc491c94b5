"""Erase a member's account and personal data (a UK GDPR erasure request handled by an administrator)."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from home import personal_data


class Command(BaseCommand):
    help = "Erase one member: their records are deleted, shared content is kept without their name."

    def add_arguments(self, parser):
        parser.add_argument("email", help="The member's email address.")
        parser.add_argument(
            "--yes", action="store_true", help="Do it; without this, only say what would happen."
        )

    def handle(self, *args, email, yes, **options):
        user = get_user_model().objects.filter(email__iexact=email.strip()).first()
        if user is None:
            raise CommandError(f"No account has the email address {email!r}.")
        summary = personal_data.export_for(user)
        for name, rows in summary.items():
            self.stdout.write(f"  {name}: {len(rows)}")
        if not yes:
            self.stdout.write("Dry run: nothing erased. Add --yes to erase.")
            return
        personal_data.erase(user)
        self.stdout.write(self.style.SUCCESS("Erased."))
