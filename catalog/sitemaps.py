"""Sitemap sections: the page tree (publicly visible pages only), genres and people.

Every location is on the configured site root (catalog/site_root.py), never on the
Host the sitemap was requested with.
"""

from urllib.parse import urlsplit

from django.contrib.sitemaps import Sitemap as DjangoSitemap

from wagtail.contrib.sitemaps import Sitemap as WagtailSitemap

from catalog.models import Genre, Person
from catalog.site_root import site_root_url
from catalog.visibility import active_locale_id, visible_pages


class PageSitemap(WagtailSitemap):
    """Wagtail's page sitemap, reading visibility where every other reader does."""

    def items(self):
        root = self.get_wagtail_site().root_page
        pages = visible_pages(root.get_descendants(inclusive=True))
        return pages.order_by("path").defer_streamfields().specific()


class SiteRootSitemap(WagtailSitemap):
    """A plain Django sitemap of ``get_absolute_url()`` paths on the configured origin.

    Subclassing Wagtail's Sitemap only to be handed the request (Wagtail's sitemap view
    passes it), which finds the Wagtail Site.
    """

    lastmod = None

    def location(self, obj):
        return obj.get_absolute_url()

    def get_urls(self, page=1, site=None, protocol=None):
        root = urlsplit(site_root_url(self.request))
        return DjangoSitemap._urls(self, page, root.scheme, root.netloc)


class GenreSitemap(SiteRootSitemap):
    changefreq = "weekly"
    priority = 0.5

    def items(self):
        return Genre.objects.filter(locale_id=active_locale_id()).order_by("pk")


class PersonSitemap(SiteRootSitemap):
    changefreq = "monthly"
    priority = 0.3
    limit = 5000

    def items(self):
        return Person.objects.filter(locale_id=active_locale_id()).order_by("pk")
