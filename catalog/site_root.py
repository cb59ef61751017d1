"""The origin of absolute links in shared (cached) HTML, from configuration only.

Public pages are cached for everybody, so an absolute URL in them (canonical, og:url,
JSON-LD, the sitemap, robots.txt) must never echo the request's Host or scheme. It
comes from the Wagtail Site that serves the request (matched among the configured
Sites; an unknown Host gets the default Site) or, with no Site at all, BASE_URL.
"""

from django.conf import settings

from wagtail.models import Site


def site_root_url(request=None) -> str:
    """The configured origin (``scheme://host[:port]``) for the site serving ``request``."""
    site = Site.find_for_request(request) if request is not None else None
    if site is None:
        site = Site.objects.filter(is_default_site=True).first()
    return site.root_url if site else settings.BASE_URL


def absolute_url(request, path: str) -> str:
    """``path`` on the configured origin; URLs that are already absolute are kept."""
    if path.startswith(("http://", "https://")):
        return path
    return site_root_url(request) + path
