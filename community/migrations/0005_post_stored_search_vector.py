"""A stored search vector for forum posts on PostgreSQL: a generated `search_vector` column (kept by the
database on every insert and update) with a GIN index, replacing the expression index of 0004. Phrase queries
recheck positions against the stored vector instead of parsing every candidate post again, and ranking reads
it too. The column is not a model field (SQLite has no tsvector; the search there uses LIKE): community/search.py
names it in SQL on PostgreSQL only. On SQLite this migration does nothing."""

from django.db import migrations

FORWARD = [
    "ALTER TABLE community_post ADD COLUMN search_vector tsvector "
    "GENERATED ALWAYS AS (to_tsvector('english'::regconfig, COALESCE(source, ''))) STORED",
    "CREATE INDEX post_search_vector ON community_post USING gin (search_vector)",
    "DROP INDEX IF EXISTS post_source_search",
]
BACKWARD = [
    "CREATE INDEX IF NOT EXISTS post_source_search ON community_post "
    "USING gin (to_tsvector('english'::regconfig, COALESCE(source, '')))",
    "DROP INDEX IF EXISTS post_search_vector",
    "ALTER TABLE community_post DROP COLUMN IF EXISTS search_vector",
]


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in FORWARD:
            schema_editor.execute(statement)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in BACKWARD:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("community", "0004_forum_search_indexes")]

    operations = [migrations.RunPython(forward, backward, elidable=False)]
