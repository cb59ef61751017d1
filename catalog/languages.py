"""Which languages a public page exists in, and at which address.

The language switcher, the ``hreflang`` alternates and ``og:locale`` all print what
``language_versions(context)`` prepares here (templates only loop over it):

- a Wagtail page: its publicly visible translations (``catalog.visibility``), read in
  one query together with each language's home page;
- a genre or a person (``/shows/genres/<slug>/``, ``/people/<slug>/``): its
  translations, and the homes (two queries);
- other public views (genre and people lists, search): the same path and query
  under each language prefix, since those views exist in every language.

A language with no visible version of the item links to that language's home
(``is_translation`` is then False, so it is no ``hreflang`` alternate); a language
with no home either is left out. Absolute URLs come from the configured Site
(``catalog/site_root.py``), never from the request.
"""

from dataclasses import dataclass

from django.conf import settings
from django.db.models import Subquery
from django.http import Http404
from django.urls import translate_url
from django.utils import translation

from wagtail.models import Page, Site

from catalog.site_root import absolute_url
from catalog.visibility import (
    active_locale_id,
    is_untranslated_alias,
    language_codes,
    visible_translations,
)

#: ``og:locale`` wants language_TERRITORY; other codes fall back to Django's ``to_locale``.
OG_LOCALES = {"en": "en_GB", "fr": "fr_FR", "es": "es_ES"}

#: Catalog views showing one translatable item, and the context name of that item.
ITEM_VIEWS = {"genre_detail": "genre", "person_detail": "person"}


@dataclass(frozen=True)
class LanguageVersion:
    """One entry of the switcher: a language and where the viewer goes in it."""

    code: str
    name: str
    url: str
    full_url: str
    is_translation: bool
    is_current: bool

    @property
    def og_locale(self) -> str:
        return og_locale(self.code)


@dataclass(frozen=True)
class PageLanguages:
    """What the templates print: the switcher, the hreflang alternates and og:locale."""

    versions: tuple[LanguageVersion, ...]
    path: str = "/"

    @property
    def prefix(self) -> str:
        """The active language's URL prefix: ``""`` for the default language, ``"/fr"``."""
        code = translation.get_language() or settings.LANGUAGE_CODE
        return "" if code == settings.LANGUAGE_CODE else f"/{code}"

    @property
    def switcher(self) -> tuple[LanguageVersion, ...]:
        return self.versions if len(self.versions) > 1 else ()

    @property
    def alternates(self) -> list[LanguageVersion]:
        """The existing translations (hreflang): not the homes standing in for missing ones."""
        return [version for version in self.versions if version.is_translation]

    @property
    def x_default(self) -> LanguageVersion | None:
        """The default language's version, for ``hreflang="x-default"``."""
        return next((v for v in self.alternates if v.code == settings.LANGUAGE_CODE), None)

    @property
    def og_locale(self) -> str:
        return og_locale(translation.get_language() or settings.LANGUAGE_CODE)

    @property
    def og_alternates(self) -> list[str]:
        return [version.og_locale for version in self.alternates if not version.is_current]


def page_languages(context) -> PageLanguages:
    """The languages of the page being rendered (see ``language_versions``).

    ``path`` is the request's path without its language prefix, for the header's
    "you are here" marks.
    """
    request = context.get("request")
    path = getattr(request, "path", "/")
    prefix = PageLanguages(()).prefix
    if prefix and (path == prefix or path.startswith(prefix + "/")):
        path = path[len(prefix) :] or "/"
    return PageLanguages(tuple(language_versions(context)), path)


def og_locale(code: str) -> str:
    """The OpenGraph locale (``fr_FR``) for a language code."""
    return OG_LOCALES.get(code) or translation.to_locale(code)


def language_versions(context) -> list[LanguageVersion]:
    """The versions of the page being rendered, one per language (LANGUAGES order)."""
    request = context.get("request")
    if request is None or getattr(request, "is_preview", False):
        return []
    page = context.get("page")
    if isinstance(page, Page) and page.pk:
        return page_versions(page, request)
    match = getattr(request, "resolver_match", None)
    if "exception" in context or match is None:  # error pages: every language's home
        return _assemble(request, {}, _homes(request))
    item = context.get(ITEM_VIEWS.get(match.url_name, ""))
    if item is not None and hasattr(item, "translation_key"):
        return item_versions(item, request)
    return path_versions(request)


def page_versions(page: Page, request) -> list[LanguageVersion]:
    """A Wagtail page's visible translations, else each language's home (one query)."""
    rows = visible_translations(
        Page.objects.filter(translation_key__in=[page.translation_key, _home_key(request)])
    ).select_related("locale")
    found, homes = {}, {}
    for row in rows:
        # Rows of the page's own translation_key are its translations, the others homes.
        into = found if row.translation_key == page.translation_key else homes
        into[row.locale.language_code] = _link(row, request)
    found[translation.get_language()] = _link(page, request)
    return _assemble(request, found, homes)


def item_versions(item, request) -> list[LanguageVersion]:
    """A snippet with a page of its own (genre, person): its translations, else homes."""
    codes = language_codes()
    rows = (
        type(item)
        .objects.filter(translation_key=item.translation_key, locale__language_code__in=codes)
        .select_related("locale")
    )
    found = {}
    for row in rows:
        with translation.override(row.locale.language_code):
            path = row.get_absolute_url()
        found[row.locale.language_code] = (path, absolute_url(request, path))
    return _assemble(request, found, _homes(request))


def path_versions(request) -> list[LanguageVersion]:
    """The same path (and query) under each language prefix; none outside i18n_patterns."""
    here = request.get_full_path()
    found = {}
    for code in language_codes():
        path = translate_url(here, code)
        found[code] = (path, absolute_url(request, path))
    if len({path for path, _full in found.values()}) < len(found):
        return []  # not a per-language address (account pages, allauth): no switcher
    return _assemble(request, found, {})


def check_page_language(page: Page) -> None:
    """Raise 404 unless ``page`` belongs to the language of the URL it was reached at.

    Wagtail routes ``/fr/…`` through the French translation of the site's root page,
    or through the English one when there is none (``Page.localized`` falls back), and
    an untranslated parent may be an alias of the English page: in both cases English
    content would be served at a French address.
    """
    if page.locale_id != active_locale_id() or is_untranslated_alias(page):
        raise Http404("This page has no translation in this language.")


def _assemble(request, found: dict, homes: dict) -> list[LanguageVersion]:
    current = translation.get_language()
    versions = []
    for code, name in settings.LANGUAGES:
        link, is_translation = found.get(code), code in found
        if link is None:
            link = homes.get(code)
        if link is None:
            continue
        versions.append(
            LanguageVersion(code, name, link[0], link[1], is_translation, code == current)
        )
    return versions


def _homes(request) -> dict:
    rows = visible_translations(Page.objects.filter(translation_key=_home_key(request)))
    return {row.locale.language_code: _link(row, request) for row in rows.select_related("locale")}


def _home_key(request) -> Subquery:
    """The translation key shared by the site's home and its translations, as a scalar
    subquery: PostgreSQL computes it once and then finds the rows by the
    (translation_key, locale) index. (``translation_key IN (subquery)`` beside an ``OR``
    was a sequential scan of the page table: 140 ms at 100,000 episodes.)"""
    return Subquery(
        Page.objects.filter(pk=_site(request).root_page_id).values("translation_key")[:1]
    )


def _link(page: Page, request) -> tuple[str, str]:
    return page.get_url(request), page.get_full_url(request)


def _site(request) -> Site:
    return Site.find_for_request(request) or Site.objects.get(is_default_site=True)
