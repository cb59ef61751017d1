"""Template context shared by every page. Nothing here may read the user or session."""

from django.conf import settings


def site_meta(request):
    return {"BASE_URL": settings.BASE_URL, "SITE_NAME": settings.WAGTAIL_SITE_NAME}
