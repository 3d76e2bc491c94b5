"""Full-text (search-vector) indexes for the forum search on PostgreSQL. community/search.py filters on exactly
these SearchVector expressions, so PostgreSQL answers from the index. SQLite has no such index: the search
there matches words with LIKE, and this migration does nothing."""

from django.db import migrations

INDEXES = [("Post", "source", "post_source_search"), ("Topic", "title", "topic_title_search")]


def _indexes(apps):
    from django.contrib.postgres.indexes import GinIndex
    from django.contrib.postgres.search import SearchVector

    for model, field, name in INDEXES:
        yield apps.get_model("community", model), GinIndex(SearchVector(field, config="english"), name=name)


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for model, index in _indexes(apps):
            schema_editor.add_index(model, index)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for model, index in _indexes(apps):
            schema_editor.remove_index(model, index)


class Migration(migrations.Migration):
    dependencies = [("community", "0003_forums_images_mutes_email_retries")]

    operations = [migrations.RunPython(create, drop, elidable=False)]
