"""Sitemap sections: the page tree (publicly visible pages only), genres and people.

Every language's pages are listed at the one ``/sitemap.xml``, each with ``xhtml:link``
alternates naming its translations and ``x-default`` (the default language's version);
the alternates of a sitemap page cost one query. Every location is on the configured
site root (catalog/site_root.py), never on the Host the sitemap was requested with.
"""

from collections import defaultdict
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap as DjangoSitemap
from django.db.models import Q
from django.utils import translation

from wagtail.contrib.sitemaps import Sitemap as WagtailSitemap
from wagtail.models import Page

from catalog.models import Genre, Person
from catalog.site_root import site_root_url
from catalog.visibility import language_codes, visible_translations


def alternates(links: dict[str, str]) -> list[dict]:
    """Sitemap ``alternates`` for {language code: URL}, in LANGUAGES order, plus x-default."""
    if len(links) < 2:
        return []
    found = [
        {"lang_code": code, "location": links[code]} for code in language_codes() if code in links
    ]
    if settings.LANGUAGE_CODE in links:
        found.append({"lang_code": "x-default", "location": links[settings.LANGUAGE_CODE]})
    return found


class PageSitemap(WagtailSitemap):
    """Wagtail's page sitemap for every language, reading visibility where every reader does."""

    def items(self):
        roots = self.get_wagtail_site().root_page.get_translations(inclusive=True)
        in_site = Q()  # each language's pages under that language's home, nowhere else
        for path, locale_id in roots.values_list("path", "locale_id"):
            in_site |= Q(path__startswith=path, locale_id=locale_id)
        pages = visible_translations(Page.objects.filter(in_site))
        return pages.order_by("path").defer_streamfields().specific()

    def _urls(self, page, protocol, domain):
        items = list(self.paginator.page(page).object_list)
        links = self._translation_links({item.translation_key for item in items})
        urls = []
        for item in items:
            for url_info in item.get_sitemap_urls(self.request):
                url_info["alternates"] = alternates(links[item.translation_key])
                urls.append(url_info)
        last_mods = {url_info.get("lastmod") for url_info in urls}
        if last_mods and None not in last_mods:
            self.latest_lastmod = max(last_mods)
        return urls

    def _translation_links(self, keys) -> dict:
        links = defaultdict(dict)
        rows = visible_translations(Page.objects.filter(translation_key__in=keys))
        for row in rows.select_related("locale").defer_streamfields():
            links[row.translation_key][row.locale.language_code] = row.get_full_url(self.request)
        return links


class SiteRootSitemap(WagtailSitemap):
    """A plain Django sitemap of ``get_absolute_url()`` paths on the configured origin.

    Subclassing Wagtail's Sitemap only to be handed the request (Wagtail's sitemap view
    passes it), which finds the Wagtail Site. Each row is located in its own language
    (``/fr/…`` for a French genre) and lists its translations as alternates.
    """

    lastmod = None
    model = None

    def items(self):
        return (
            self.model.objects.filter(locale__language_code__in=language_codes())
            .select_related("locale")
            .order_by("pk")
        )

    def location(self, obj):
        with translation.override(obj.locale.language_code):
            return obj.get_absolute_url()

    def get_urls(self, page=1, site=None, protocol=None):
        root = urlsplit(site_root_url(self.request))
        urls = DjangoSitemap._urls(self, page, root.scheme, root.netloc)
        origin = f"{root.scheme}://{root.netloc}"
        keys = {url_info["item"].translation_key for url_info in urls}
        links = defaultdict(dict)
        for row in self.items().filter(translation_key__in=keys):
            links[row.translation_key][row.locale.language_code] = origin + self.location(row)
        for url_info in urls:
            url_info["alternates"] = alternates(links[url_info["item"].translation_key])
        return urls


class GenreSitemap(SiteRootSitemap):
    changefreq = "weekly"
    priority = 0.5
    model = Genre


class PersonSitemap(SiteRootSitemap):
    changefreq = "monthly"
    priority = 0.3
    limit = 5000
    model = Person
