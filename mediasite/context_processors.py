"""Template context shared by every page. Nothing here may read the user or session."""

from django.conf import settings
from django.utils.functional import SimpleLazyObject

from wagtail.models import Site


def _site_root_url(request) -> str:
    # Site.find_for_request caches on the request, and page serving already called it.
    site = Site.find_for_request(request)
    return site.root_url if site else settings.BASE_URL


def site_meta(request):
    return {
        "BASE_URL": settings.BASE_URL,
        "SITE_NAME": settings.WAGTAIL_SITE_NAME,
        # The origin canonical links use (the Wagtail Site), for absolute image URLs.
        "SITE_ROOT_URL": SimpleLazyObject(lambda: _site_root_url(request)),
    }
