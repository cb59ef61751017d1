"""The one definition of "publicly visible": live, in the active locale, outside private sections.

Every reader asks here: the catalog selectors (pages, rails, listings), the play API
(episodes, trailers, extras), search, the sitemap, the /api/v2 read API and purging.
Use ``visible_pages(queryset)`` for a queryset and ``is_publicly_visible(page)`` for one
page.

Wagtail's ``.public()`` and ``Locale.get_active()`` each cost a query every time a
listing is built; a page with eight rails paid sixteen. Both answers change rarely,
so they are kept in the cache (Redis in production, shared by all workers) and
dropped when a locale or a view restriction changes.
"""

from django.core.cache import cache
from django.db.models import Q, QuerySet
from django.db.models.signals import post_delete, post_save
from django.utils.translation import get_language

from wagtail.models import Locale, PageViewRestriction

CACHE_TTL = 300
RESTRICTED_KEY = "catalog:restricted-paths"
LOCALE_KEY = "catalog:locale-id:{}"


def active_locale_id() -> int:
    """The id of the locale for the active language (falling back to the default)."""
    key = LOCALE_KEY.format(get_language() or "default")
    locale_id = cache.get(key)
    if locale_id is None:
        locale_id = Locale.get_active().pk
        cache.set(key, locale_id, CACHE_TTL)
    return locale_id


def restricted_paths() -> list[str]:
    """Tree paths of every page with a view restriction (its descendants are private too)."""
    paths = cache.get(RESTRICTED_KEY)
    if paths is None:
        paths = list(PageViewRestriction.objects.values_list("page__path", flat=True))
        cache.set(RESTRICTED_KEY, paths, CACHE_TTL)
    return paths


def visible_pages(queryset: QuerySet) -> QuerySet:
    """Live pages in the active locale that no view restriction covers."""
    return unrestricted(queryset.live().filter(locale_id=active_locale_id()))


#: The name the selectors have always used.
live_public = visible_pages


def is_publicly_visible(page) -> bool:
    """Whether ``page`` is one of ``visible_pages`` (live, active locale, not private)."""
    from wagtail.models import Page

    return visible_pages(Page.objects.filter(pk=page.pk)).exists()


def _forget_restrictions(**kwargs):
    cache.delete(RESTRICTED_KEY)


def _forget_locales(**kwargs):
    cache.delete_many([LOCALE_KEY.format(code) for code in [*language_codes(), "default"]])


def register_signal_handlers():
    for signal in (post_save, post_delete):
        signal.connect(
            _forget_restrictions, sender=PageViewRestriction, dispatch_uid=f"vis-r-{signal}"
        )
        signal.connect(_forget_locales, sender=Locale, dispatch_uid=f"vis-l-{signal}")


def unrestricted(queryset: QuerySet) -> QuerySet:
    """Pages that no view restriction covers, whoever asks (the private half of the rule)."""
    private = Q()
    for path in restricted_paths():
        private |= Q(path__startswith=path)
    return queryset.exclude(private) if private else queryset


def language_codes() -> list[str]:
    """The configured languages' codes, in ``LANGUAGES`` order (the default first)."""
    from django.conf import settings

    return [code for code, _name in settings.LANGUAGES]


def visible_translations(queryset: QuerySet) -> QuerySet:
    """Pages visible in their own locale, for every configured language (not only the active one).

    What hreflang, the language switcher and the sitemap may link to: live, under no view
    restriction, in a language of ``LANGUAGES``, and not an alias standing in for a page
    of another locale (wagtail-localize creates those for untranslated parents; they
    carry the source's text, so they are not a translation).
    """
    from django.db.models import F

    return unrestricted(
        queryset.live()
        .filter(locale__language_code__in=language_codes())
        .filter(Q(alias_of__isnull=True) | Q(alias_of__locale_id=F("locale_id")))
    )


def is_untranslated_alias(page) -> bool:
    """Whether ``page`` is an alias of a page in another locale (no translation of its own)."""
    from wagtail.models import Page

    if not page.alias_of_id:
        return False
    source_locale = Page.objects.filter(pk=page.alias_of_id).values_list("locale_id", flat=True)
    return source_locale.first() != page.locale_id
