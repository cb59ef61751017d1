"""The JSON API root at /api/v1/: one NinjaAPI that mounts each app's router."""

from django.conf import settings

from ninja import NinjaAPI

from catalog.api import router as playback_router
from subscriptions.api import router as me_router

api = NinjaAPI(
    title="mediasite API",
    version="1",
    urls_namespace="api-v1",
    # Swagger UI from vendored static files ("ninja" in INSTALLED_APPS), never a CDN.
    docs_url="/docs" if settings.API_DOCS_ENABLED else None,
)
api.add_router("/", me_router)
api.add_router("/", playback_router)
