"""Render every forum post (and its edit history), and other apps' Markdown (champions' bios), again from source.

Run once after the renderer changes (e.g. the move to CommonMark): `manage.py rerender_posts`. Safe to repeat;
rows whose HTML is already current are not written.
"""

from django.core.management.base import BaseCommand

from community.services import markdown_rerender


class Command(BaseCommand):
    help = "Render every forum post, earlier version and champion bio again from its source with the current renderer."

    def add_arguments(self, parser):
        parser.add_argument("--batch-size", type=int, default=500)

    def handle(self, *args, **options):
        for what, changed in markdown_rerender(batch_size=options["batch_size"]):
            self.stdout.write(self.style.SUCCESS(f"Re-rendered {changed} of the {what}."))
