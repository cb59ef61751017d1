"""Sitemap sections for what lives outside the page tree (genres, people)."""

from django.contrib.sitemaps import Sitemap

from catalog.models import Genre, Person


class GenreSitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.5

    def items(self):
        return Genre.objects.order_by("pk")


class PersonSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.3
    limit = 5000

    def items(self):
        return Person.objects.order_by("pk")
