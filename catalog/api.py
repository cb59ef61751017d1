"""Playback API: ``POST /api/v1/play/…`` answers with a short-lived signed manifest URL.

Who may play what is decided by ``subscriptions.entitlements`` alone; this module
only finds the video, asks, and signs.
"""

from __future__ import annotations

import logging
from datetime import datetime

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from wagtail.models import Page, ReferenceIndex

from botocore.exceptions import BotoCoreError, ClientError
from ninja import Field, Router, Schema, Status
from ninja.errors import HttpError

from catalog.media.signing import make_token
from catalog.models import EpisodePage, ShowPage, VideoAsset
from catalog.playables import extra_playable, trailer_playable, viewer_ceiling, viewer_country
from catalog.storage import private_storage
from catalog.visibility import visible_translations
from subscriptions import entitlements
from subscriptions.return_to import upgrade_query

logger = logging.getLogger(__name__)
router = Router(tags=["playback"])

# Where a refused viewer goes next. For an episode, the sign-in and plans links carry it
# (``_episode_upgrade_url``): back to the episode, ready to play (``#play``, which the
# player honours), and the plan tier it needs, so the plans page marks the plan unlocking it.
UPGRADE_URLS = {
    entitlements.Reason.NOT_SIGNED_IN: "/accounts/login/",
    entitlements.Reason.EMAIL_UNVERIFIED: "/accounts/email/",
    entitlements.Reason.NO_PLAN: "/account/plans/",
    entitlements.Reason.PLAN_TOO_LOW: "/account/plans/",
    entitlements.Reason.EXPIRED: "/account/plans/",
}


class Markers(Schema):
    intro_start: float | None
    intro_end: float | None
    credits_start: float | None


class Chapter(Schema):
    start: float
    title: str


class PlayOut(Schema):
    manifest_url: str
    expires_at: datetime
    thumbnails_url: str | None
    duration: float | None
    markers: Markers
    chapters: list[Chapter]
    next_episode_url: str | None = None
    audio_language: str = Field(
        "", description="The original audio's language code (blank: not known)."
    )


class Refusal(Schema):
    detail: str
    reason: str
    upgrade_url: str | None = None


class Detail(Schema):
    detail: str


# Page and video ids are 32-bit in every database we run on; a larger number names nothing
# (and would overflow SQLite's integer binding or PostgreSQL's integer column).
MAX_ID = 2**31 - 1


def _visible_page(queryset, page_id: int):
    """The publicly visible page ``page_id`` of ``queryset`` (catalog.visibility), or a 404.

    In any site language: /api/v1 has no language prefix, and a French episode plays too.
    """
    in_range = 0 < page_id <= MAX_ID
    page = visible_translations(queryset).filter(pk=page_id).first() if in_range else None
    if page is None:
        raise HttpError(404, _("No such page, or it is not published."))
    return page


PLAY_FRAGMENT = "#play"
CARRY_EPISODE = {
    entitlements.Reason.NOT_SIGNED_IN,
    entitlements.Reason.NO_PLAN,
    entitlements.Reason.PLAN_TOO_LOW,
    entitlements.Reason.EXPIRED,
}


def _episode_upgrade_url(request, reason: str, episode: EpisodePage) -> str | None:
    base = UPGRADE_URLS.get(reason)
    url = episode.get_url(request)
    if base is None or reason not in CARRY_EPISODE or not url or not url.startswith("/"):
        return base
    tier = None
    if reason != entitlements.Reason.NOT_SIGNED_IN:
        tier = episode.required_tier or entitlements.DEFAULT_REQUIRED_TIER
    return f"{base}?{upgrade_query(next_url=url + PLAY_FRAGMENT, tier=tier)}"


def _refusal(decision: entitlements.Decision, upgrade_url: str | None = None):
    return Status(
        401 if decision.needs_sign_in else 403,
        {
            "detail": decision.message,
            "reason": decision.reason,
            "upgrade_url": upgrade_url or UPGRADE_URLS.get(decision.reason),
        },
    )


def _check_storage(asset: VideoAsset) -> None:
    try:
        found = private_storage().exists(asset.master_playlist_path)
    except (BotoCoreError, ClientError, OSError) as exc:
        logger.exception("private storage unavailable at play time")
        raise HttpError(503, _("Video storage is unavailable; try again in a moment.")) from exc
    if not found:
        raise HttpError(404, _("This video's files are missing; an editor has been told."))


def _grant(asset: VideoAsset | None, next_episode_url: str | None = None) -> dict:
    if asset is None or not asset.is_playable:
        raise HttpError(404, _("This video is not ready to play yet."))
    _check_storage(asset)
    token, expires_at = make_token(asset.pk, ttl=settings.PLAYBACK_URL_TTL)
    base = reverse("playback:hls_file", kwargs={"token": token, "path": "master.m3u8"})
    return {
        "manifest_url": base,
        "expires_at": expires_at,
        "thumbnails_url": base.replace("master.m3u8", "thumbs/thumbs.vtt")
        if asset.sprite_path
        else None,
        "duration": asset.duration,
        "markers": {
            "intro_start": asset.intro_start,
            "intro_end": asset.intro_end,
            "credits_start": asset.credits_start,
        },
        "chapters": [{"start": c.start, "title": c.title} for c in asset.chapters.all()],
        "next_episode_url": next_episode_url,
        "audio_language": asset.audio_language,
    }


def _next_episode_url(episode: EpisodePage) -> str | None:
    """The next episode in the episode's own language (the selectors read the active one)."""
    from catalog.selectors import episode_detail

    with translation.override(episode.locale.language_code):
        following = episode_detail(episode=episode)["next_episode"]
        return following.url if following else None


@router.post(
    "/play/{episode_id}",
    response={200: PlayOut, 401: Refusal, 403: Refusal, 404: Detail, 503: Detail},
    summary="Start playing an episode",
)
def play_episode(request, episode_id: int):
    """A signed manifest URL for the episode, if ``can_play`` allows it."""
    episode = _visible_page(
        EpisodePage.objects.select_related("season__show", "minimum_plan", "locale"), episode_id
    )
    decision = entitlements.can_play(
        request.user,
        episode,
        country=viewer_country(request),
        ceiling=viewer_ceiling(request),
    )
    if not decision.allowed:
        return _refusal(decision, _episode_upgrade_url(request, decision.reason, episode))
    asset = VideoAsset.objects.filter(pk=episode.video_id).first()
    return Status(200, _grant(asset, _next_episode_url(episode)))


@router.post(
    "/play/trailer/{page_id}",
    response={200: PlayOut, 401: Refusal, 403: Refusal, 404: Detail, 503: Detail},
    summary="Play a show's or episode's trailer",
)
def play_trailer(request, page_id: int):
    """Trailers are free, within their show's regions (``can_play`` decides)."""
    page = _visible_page(Page.objects.specific(), page_id)
    if not isinstance(page, ShowPage | EpisodePage) or not page.trailer_id:
        raise HttpError(404, _("This page has no trailer."))
    decision = entitlements.can_play(
        request.user,
        trailer_playable(page),
        country=viewer_country(request),
        ceiling=viewer_ceiling(request),
    )
    if not decision.allowed:
        return _refusal(decision)
    return Status(200, _grant(VideoAsset.objects.filter(pk=page.trailer_id).first()))


def _pages_showing(asset: VideoAsset) -> list[Page]:
    """The publicly visible pages whose body places ``asset`` (a video block); none for an
    episode's main video, which plays through /play/<episode> only."""
    if EpisodePage.objects.filter(video=asset).exists():
        return []
    page_ids = [
        ref.object_id
        for ref in ReferenceIndex.get_references_to(asset).filter(
            base_content_type__app_label="wagtailcore", base_content_type__model="page"
        )
    ]
    return list(visible_translations(Page.objects.filter(pk__in=page_ids)).order_by("path"))


@router.post(
    "/play/video/{asset_id}",
    response={200: PlayOut, 401: Refusal, 403: Refusal, 404: Detail, 503: Detail},
    summary="Play a video placed in a page body",
)
def play_video(request, asset_id: int):
    """Extras are free, within the regions of their page's show and the window of the
    episode they are on (``can_play`` decides); any page placing the video may allow it."""
    asset = VideoAsset.objects.filter(pk=asset_id).first() if 0 < asset_id <= MAX_ID else None
    pages = _pages_showing(asset) if asset else []
    if not pages:
        raise HttpError(404, _("No such video."))
    country, ceiling = viewer_country(request), viewer_ceiling(request)
    decisions = [
        entitlements.can_play(request.user, extra_playable(page), country=country, ceiling=ceiling)
        for page in pages
    ]
    if not any(decision.allowed for decision in decisions):
        return _refusal(decisions[0])
    return Status(200, _grant(asset))
