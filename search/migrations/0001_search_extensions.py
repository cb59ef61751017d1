"""PostgreSQL only: pg_trgm for typo tolerance and the trigram index on indexed titles.

On SQLite (the embedded default) every operation here does nothing.
"""

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations

from search.pg_indexes import gin_indexes


class Migration(migrations.Migration):
    dependencies = [("wagtailsearch", "0010_add_text_fields")]

    operations = [
        TrigramExtension(),
        gin_indexes({"search_title_text_trgm": "title_text gin_trgm_ops"}),
    ]
