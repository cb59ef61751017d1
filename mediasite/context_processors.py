"""Template context shared by every page. Nothing here may read the user or session."""

from django.conf import settings
from django.utils.functional import SimpleLazyObject

from catalog.site_root import site_root_url


def site_meta(request):
    return {
        "BASE_URL": settings.BASE_URL,
        "SITE_NAME": settings.WAGTAIL_SITE_NAME,
        # The origin canonical links use (the Wagtail Site), for absolute image URLs.
        "SITE_ROOT_URL": SimpleLazyObject(lambda: site_root_url(request)),
    }
