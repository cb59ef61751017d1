"""Wagtail's read-only content API at /api/v2/ (public pages and images)."""

from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet

from catalog.visibility import visible_pages


class PublicPagesAPIViewSet(PagesAPIViewSet):
    """Wagtail's pages endpoint, limited by the site's one visibility rule."""

    def get_base_queryset(self):
        return visible_pages(super().get_base_queryset())


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PublicPagesAPIViewSet)
api_router.register_endpoint("images", ImagesAPIViewSet)
