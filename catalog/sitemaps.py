"""Sitemap sections for what lives outside the page tree (genres, people).

Their locations are on the configured site root (catalog/site_root.py), like the
page sections, never on the Host the sitemap was requested with.
"""

from urllib.parse import urlsplit

from django.contrib.sitemaps import Sitemap as DjangoSitemap

from wagtail.contrib.sitemaps import Sitemap as WagtailSitemap

from catalog.models import Genre, Person
from catalog.site_root import site_root_url


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
        return Genre.objects.order_by("pk")


class PersonSitemap(SiteRootSitemap):
    changefreq = "monthly"
    priority = 0.3
    limit = 5000

    def items(self):
        return Person.objects.order_by("pk")
