"""PostgreSQL only: index-served matches limited to the searchable kinds (docs/search.md, Speed).

Wagtail's GIN indexes on ``title``, ``body`` and ``autocomplete`` find every entry holding
a word, seasons and snippets included, and the heap is read to drop the other kinds (a
prefix such as "se" found 20,000 season titles to keep 600 shows). With ``btree_gin`` the
content type is a column of the same GIN index, so the index answers
``content_type_id = ANY(...) AND vector @@ query`` alone.

On SQLite (the embedded default) every operation here does nothing.
"""

from django.contrib.postgres.operations import BtreeGinExtension
from django.db import migrations

from search.pg_indexes import gin_indexes


class Migration(migrations.Migration):
    dependencies = [("search", "0002_promotion_permissions")]

    operations = [
        BtreeGinExtension(),
        gin_indexes(
            {
                "search_ct_autocomplete_gin": "content_type_id, autocomplete",
                "search_ct_title_gin": "content_type_id, title",
                "search_ct_body_gin": "content_type_id, body",
            }
        ),
    ]
