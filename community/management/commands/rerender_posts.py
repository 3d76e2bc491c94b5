"""Render every forum post (and its edit history) again from its Markdown source.

Run once after the renderer changes (e.g. the move to CommonMark): `manage.py rerender_posts`. Safe to repeat;
rows whose HTML is already current are not written.
"""

from django.core.management.base import BaseCommand

from community.services import posts_rerender


class Command(BaseCommand):
    help = "Render every forum post and earlier version again from its source with the current renderer."

    def add_arguments(self, parser):
        parser.add_argument("--batch-size", type=int, default=500)

    def handle(self, *args, **options):
        changed = posts_rerender(batch_size=options["batch_size"])
        self.stdout.write(self.style.SUCCESS(f"Re-rendered {changed} post{'s' if changed != 1 else ''}."))
