"""Write a portable backup of the whole site as JSON, restorable with `migrate` then `loaddata` into an empty database.

Like `dumpdata --natural-foreign`, but it leaves out what is rebuilt (search index, reference index,
sessions, content types, permissions) and history rows that point at pages deleted long ago, which
`dumpdata` cannot serialise with natural keys. On PostgreSQL, `pg_dump` keeps everything; this is the
path that works on every database and moves a site between them.
"""

from django.apps import apps
from django.core import serializers
from django.core.management.base import BaseCommand

SKIPPED = {
    "contenttypes.contenttype",
    "auth.permission",
    "sessions.session",
    "wagtailsearch.indexentry",
    "wagtailcore.referenceindex",
    "wagtailimages.rendition",
    "home.academycache",
}


def backup_querysets():
    from wagtail.models import Page, PageLogEntry

    models = [
        m
        for m in apps.get_models()
        if m._meta.label_lower not in SKIPPED and m._meta.managed and not m._meta.proxy
    ]
    for model in serializers.sort_dependencies(
        [(m._meta.app_config, [m]) for m in models], allow_cycles=True
    ):
        queryset = model._base_manager.order_by(model._meta.pk.name)
        if model is PageLogEntry:
            queryset = queryset.filter(page__in=Page.objects.values("pk"))
        yield queryset


class Command(BaseCommand):
    help = "Back up the site's content and records as JSON (restore: migrate, then loaddata FILE)."

    def add_arguments(self, parser):
        parser.add_argument("output", help="The file to write, e.g. backup-2026-11-22.json")

    def handle(self, *args, output, **options):
        count = 0
        with open(output, "w", encoding="utf-8") as stream:
            objects = (obj for queryset in backup_querysets() for obj in queryset.iterator())

            def counted():
                nonlocal count
                for obj in objects:
                    count += 1
                    yield obj

            serializers.serialize("json", counted(), stream=stream, indent=1, use_natural_foreign_keys=True)
        self.stdout.write(self.style.SUCCESS(f"Wrote {count} records to {output}."))
