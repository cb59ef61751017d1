"""Sitemap sections: the page tree (publicly visible pages only), genres and people."""

from django.contrib.sitemaps import Sitemap

from wagtail.contrib.sitemaps import Sitemap as WagtailPageSitemap

from catalog.models import Genre, Person
from catalog.visibility import active_locale_id, visible_pages


class PageSitemap(WagtailPageSitemap):
    """Wagtail's page sitemap, reading visibility where every other reader does."""

    def items(self):
        root = self.get_wagtail_site().root_page
        pages = visible_pages(root.get_descendants(inclusive=True))
        return pages.order_by("path").defer_streamfields().specific()


class GenreSitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.5

    def items(self):
        return Genre.objects.filter(locale_id=active_locale_id()).order_by("pk")


class PersonSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.3
    limit = 5000

    def items(self):
        return Person.objects.filter(locale_id=active_locale_id()).order_by("pk")
