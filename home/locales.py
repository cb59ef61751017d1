"""Wagtail ``Locale`` rows kept in step with ``WAGTAIL_CONTENT_LANGUAGES``.

Run after every ``migrate`` (a ``post_migrate`` handler, home/apps.py), so a fresh
database, the demo loader and the test database all have one Locale per content
language, and adding a language to ``MEDIASITE_LANGUAGES`` only needs ``migrate``.
Idempotent. A language dropped from the settings keeps its Locale row (its pages
still exist); its addresses simply stop being routed.
"""

from django.conf import settings


def sync_locales() -> list[str]:
    """Create the missing Locale rows; return the language codes that were created."""
    from wagtail.models import Locale

    existing = set(Locale.objects.values_list("language_code", flat=True))
    created = []
    for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES:
        if code not in existing:
            # One at a time (not bulk_create): post_save drops the cached locale ids.
            Locale.objects.get_or_create(language_code=code)
            created.append(code)
    return created


def sync_locales_after_migrate(sender, apps=None, using="default", **kwargs):
    """``post_migrate`` handler: sync once wagtailcore's tables exist."""
    if using != "default":
        return
    try:
        apps.get_model("wagtailcore", "Locale")
    except LookupError:  # wagtailcore migrated back to zero
        return
    sync_locales()
