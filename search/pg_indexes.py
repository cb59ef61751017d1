"""GIN indexes on Wagtail's search index table, for this app's migrations (PostgreSQL only).

``gin_indexes({name: columns})`` is a ``RunPython`` operation that creates them (and drops
them when reversed); on SQLite, the embedded default, it does nothing.
"""

from django.db import migrations


def gin_indexes(indexes: dict[str, str]) -> migrations.RunPython:
    def create(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        model = apps.get_model("wagtailsearch", "IndexEntry")
        table = schema_editor.quote_name(model._meta.db_table)
        for name, columns in indexes.items():
            schema_editor.execute(
                f"CREATE INDEX IF NOT EXISTS {name} ON {table} USING gin ({columns})"
            )

    def drop(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for name in indexes:
            schema_editor.execute(f"DROP INDEX IF EXISTS {name}")

    return migrations.RunPython(create, drop)
