from functools import cache
from pathlib import Path

from django.contrib.staticfiles import finders
from django.http import HttpResponse
from django.urls import reverse

from catalog.site_root import absolute_url


def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /account/",
        "Disallow: /accounts/",
        "Disallow: /api/",
        "Disallow: /search/",
        f"Sitemap: {absolute_url(request, reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")


FAVICON = "img/favicon.ico"


@cache
def _favicon() -> bytes:
    # From the static sources (there in every deployment); read once per process.
    return Path(finders.find(FAVICON)).read_bytes()


def favicon_ico(request):
    """``/favicon.ico``, which browsers and crawlers ask for whatever the HTML says."""
    return HttpResponse(_favicon(), content_type="image/x-icon")
