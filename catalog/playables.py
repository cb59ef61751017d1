"""What ``subscriptions.entitlements.can_play`` needs to know about catalog videos.

subscriptions never imports catalog, so catalog describes its videos to it: an episode
is passed as itself (``access_level``, window, ``required_tier``, ``allowed_regions``),
trailers and extras as :class:`~subscriptions.entitlements.FreeVideo`.

- A trailer (show or episode) is free and restricted to its show's regions. Its
  episode's availability window does not hold it back: a trailer is a preview.
- An extra (a video block in a page body) is free, restricted to the regions of the
  show the page sits in (none for pages outside a show, such as articles), and to the
  window of the episode whose page it is on. Used on several pages, it plays if any of
  them allows it.
"""

from __future__ import annotations

from django.conf import settings

from wagtail.models import Page

from mediasite.registry import registry
from subscriptions import entitlements
from subscriptions.entitlements import FreeVideo


def viewer_ceiling(request) -> str | None:
    """The active profile's maturity ceiling, as the app that keeps profiles registered it
    (mediasite/registry.py); None when no app does or the visitor has no profile."""
    return registry.viewer_ceiling(request)


def me_country(request) -> str | None:
    """The viewer's country for ``/api/v1/me``: a real ISO code, or None when unknown."""
    return entitlements.known_country(viewer_country(request))


def viewer_country(request) -> str | None:
    """The raw value of the CDN's viewer-country header (None when absent).

    Whether it names a real country, and what to do when not, is can_play's business.
    """
    header = settings.VIEWER_COUNTRY_HEADER
    if not header:
        return None
    return request.META.get("HTTP_" + header.upper().replace("-", "_")) or None


def show_of(page: Page):
    """The ShowPage ``page`` is, or sits under; None outside shows."""
    from catalog.models import ShowPage

    specific = page.specific_deferred
    if isinstance(specific, ShowPage):
        return specific
    return ShowPage.objects.filter(
        path__in=[page.path[:end] for end in range(page.steplen, len(page.path), page.steplen)]
    ).first()


def _show_limits(page: Page) -> dict:
    """The show's regions and maturity rating, which its trailers and extras keep."""
    show = show_of(page)
    if show is None:
        return {"allowed_regions": ()}
    return {"allowed_regions": tuple(show.region_codes), "maturity_rating": show.maturity_rating}


def trailer_playable(page: Page) -> FreeVideo:
    """The trailer of a show or episode page: free, within the show's regions and rating."""
    return FreeVideo(noun="trailer", **_show_limits(page))


def extra_playable(page: Page) -> FreeVideo:
    """A video placed in ``page``'s body: free, within the show's regions and the
    window of the episode it is on."""
    from catalog.models import EpisodePage

    specific = page.specific_deferred
    window = {}
    if isinstance(specific, EpisodePage):
        window = {
            "available_from": specific.available_from,
            "available_until": specific.available_until,
        }
    return FreeVideo(noun="video", **_show_limits(page), **window)
