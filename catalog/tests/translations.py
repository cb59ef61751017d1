"""Test fixtures for French and Spanish content: published translations made as editors would.

Reusable by every localisation test::

    from catalog.tests import translations

    fr_show = translations.translate_page(show, "fr", title="Les Feux du port")
    fr_genre = translations.translate_snippet(genre, "fr", name="Drame")

``translate_page`` translates (and publishes) the missing parents first, so the French
page is reachable at its ``/fr/…`` address; wagtail-localize's own submission would make
those parents aliases of the English pages, which answer 404 in French until translated.
The Locale rows themselves come from ``home.locales.sync_locales`` (run after migrate).
"""

from wagtail.models import Locale, Page

from catalog.tests.factories import publish


def locale(code: str) -> Locale:
    """The Locale for ``code`` (created by the post-migrate sync; made here if a test dropped it)."""
    return Locale.objects.get_or_create(language_code=code)[0]


def translate_page(page: Page, code: str, *, publish_it: bool = True, **fields) -> Page:
    """A translation of ``page`` into ``code``, with ``fields`` set, published by default.

    The title defaults to the source's with `` [code]`` appended; the slug stays the
    source's, so the translation lives at the same path under the language prefix.
    An existing translation is returned as it is.
    """
    target = locale(code)
    page = page.specific
    existing = page.get_translation_or_none(target)
    if existing is not None:
        return existing.specific
    parent = page.get_parent().specific
    if not parent.is_root() and parent.get_translation_or_none(target) is None:
        translate_page(parent, code)
    translation = page.copy_for_translation(target).specific
    fields.setdefault("title", f"{page.title} [{code}]")
    for name, value in fields.items():
        setattr(translation, name, value)
    translation.save()
    return publish(translation) if publish_it else translation


def translate_snippet(obj, code: str, **fields):
    """A translation of a snippet (genre, person, …) into ``code``, with ``fields`` set."""
    target = locale(code)
    existing = obj.get_translation_or_none(target)
    if existing is not None:
        return existing
    translation = obj.copy_for_translation(target)
    for name, value in fields.items():
        setattr(translation, name, value)
    translation.save()
    return translation


def translate_home(code: str, **fields) -> Page:
    """The home page's translation into ``code`` (served at ``/<code>/``)."""
    from catalog.tests.factories import HomePageFactory

    return translate_page(HomePageFactory(), code, **fields)
