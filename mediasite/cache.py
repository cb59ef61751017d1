"""HTTP caching policy: public pages are shared at the edge, private ones never.

See docs/caching.md. ``public_cache`` wraps every public URL pattern (Wagtail's
pages included); ``private`` wraps the per-user ones (admin, accounts, account,
API). Purging on publish lives in catalog/signal_handlers.py.
"""

import logging
from functools import wraps

from django.conf import settings
from django.http import Http404
from django.utils.cache import has_vary_header, patch_cache_control
from django.views.decorators.cache import never_cache
from django.views.defaults import page_not_found

logger = logging.getLogger(__name__)


def public_cache(view):
    """Mark a response as shareable by browsers and CDNs for the configured times.

    Responses that already carry Cache-Control (errors, previews, redirects that
    chose their own policy) keep it; non-200 responses get a short shared TTL.
    A response that depends on the visitor (see ``is_per_user``) is never shared:
    it becomes ``private, no-store`` instead, whatever the view chose.
    """

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        try:
            response = view(request, *args, **kwargs)
        except Http404 as exc:
            # Render the 404 here so it gets a (short) shared TTL like other misses.
            response = page_not_found(request, exc)
        if is_per_user(request, response):
            logger.warning("%s depends on the visitor: not cached publicly", request.path)
            _make_private(response)
            return response
        if response.has_header("Cache-Control") or getattr(request, "is_preview", False):
            return response
        if response.status_code in (200, 301, 404, 410):
            patch_cache_control(
                response,
                public=True,
                max_age=settings.CACHE_CONTROL_MAX_AGE,
                s_maxage=settings.CACHE_CONTROL_S_MAXAGE
                if response.status_code == 200
                else min(settings.CACHE_CONTROL_S_MAXAGE, 60),
                stale_while_revalidate=settings.CACHE_CONTROL_STALE_WHILE_REVALIDATE,
            )
        return response

    return wrapped


def is_per_user(request, response) -> bool:
    """Whether a response depends on who asks, so that no shared cache may keep it.

    True when it sets a cookie, varies on Cookie, or when the view read the session
    (SessionMiddleware then adds ``Vary: Cookie``) or used the CSRF token (the CSRF
    middleware then sets its cookie); both happen after this decorator has run.
    """
    session = getattr(request, "session", None)
    return bool(
        response.cookies
        or has_vary_header(response, "Cookie")
        or (session is not None and (session.accessed or session.modified))
        or request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
    )


def _make_private(response) -> None:
    if "Cache-Control" in response:
        del response["Cache-Control"]
    patch_cache_control(response, private=True, no_store=True)


def private(view):
    """Per-user responses: ``Cache-Control: private, no-store`` and never cached."""
    never = never_cache(view)

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        response = never(request, *args, **kwargs)
        patch_cache_control(response, private=True, no_store=True)
        return response

    # Private pages speak the signed-in person's language (mediasite.i18n).
    wrapped.is_private = True
    return wrapped
