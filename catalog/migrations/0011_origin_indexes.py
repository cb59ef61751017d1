# Listings of a section's children in title order (/shows/, an article index) at 100,000
# episodes: Wagtail's own indexes (path, depth) leave the planner a scan of every page and
# a sort. This partial index on Wagtail's page table serves "live children at this depth,
# in this locale, by title" in order, with the path for the section prefix (docs/performance.md).

from django.db import migrations

INDEX = "catalog_live_pages_by_title"


class Migration(migrations.Migration):
    dependencies = [
        ("catalog", "0010_l10n_admin"),
        ("wagtailcore", "0001_initial"),
    ]

    operations = [
        migrations.RunSQL(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON wagtailcore_page "
            "(depth, locale_id, title, path) WHERE live",
            f"DROP INDEX IF EXISTS {INDEX}",
        ),
    ]
