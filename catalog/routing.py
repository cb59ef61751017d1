"""Wagtail's page routing, remembered per content version.

Wagtail finds a page by walking the tree: the site's root in the active language, then
one query for each path segment and one for its specific page — ten queries for an
episode. ``serve`` keeps the answer (page id and type, per site, language and path)
under the current content version (``catalog.content_version``: a publish, move or
delete retires it), and on a hit hands Wagtail the page fetched in one query through
``request._wagtail_route_for_request``, the per-request cache Wagtail reads first.
Everything after routing (view restrictions, ``serve``) is Wagtail's own.
"""

from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.urls import re_path

from wagtail import views as wagtail_views
from wagtail.models import Page, Site
from wagtail.url_routing import RouteResult

from catalog import content_version


def serve(request, path):
    site = Site.find_for_request(request)
    if site is not None:
        _route(request, site, path)
    return wagtail_views.serve(request, path)


def _route(request, site, path: str) -> None:
    key = content_version.key("route", site.pk, path)
    hit = cache.get(key)
    if hit is not None:
        page_id, content_type_id = hit
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        page = model.objects.filter(pk=page_id, live=True).first() if model else None
        if page is not None:
            request._wagtail_route_for_request = RouteResult(page)
            return
    result = Page.route_for_request(request, path)
    if result is None:
        return
    page, args, kwargs = result
    if not args and not kwargs:
        cache.set(key, (page.pk, page.content_type_id), content_version.FRAGMENT_TTL)


def cached_serve_patterns(patterns: list) -> list:
    """Wagtail's URL patterns with its ``wagtail_serve`` view replaced by ``serve``."""
    return [
        re_path(p.pattern.regex.pattern, serve, name=p.name) if p.name == "wagtail_serve" else p
        for p in patterns
    ]
