"""What a public listing may show: live pages in the active locale outside private sections.

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


def live_public(queryset: QuerySet) -> QuerySet:
    """Live pages in the active locale that no view restriction covers."""
    queryset = queryset.live().filter(locale_id=active_locale_id())
    private = Q()
    for path in restricted_paths():
        private |= Q(path__startswith=path)
    return queryset.exclude(private) if private else queryset


def _forget_restrictions(**kwargs):
    cache.delete(RESTRICTED_KEY)


def _forget_locales(**kwargs):
    cache.delete_many([LOCALE_KEY.format(code) for code, _ in _language_codes()])


def _language_codes():
    from django.conf import settings

    return [*settings.LANGUAGES, ("default", "default")]


def register_signal_handlers():
    for signal in (post_save, post_delete):
        signal.connect(
            _forget_restrictions, sender=PageViewRestriction, dispatch_uid=f"vis-r-{signal}"
        )
        signal.connect(_forget_locales, sender=Locale, dispatch_uid=f"vis-l-{signal}")


def unrestricted(queryset: QuerySet) -> QuerySet:
    """Pages that no view restriction covers, whoever asks (any locale, live or not)."""
    private = Q()
    for path in restricted_paths():
        private |= Q(path__startswith=path)
    return queryset.exclude(private) if private else queryset
