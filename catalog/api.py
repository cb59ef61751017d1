"""Playback API: ``POST /api/v1/play/…`` answers with a short-lived signed manifest URL.

Who may play what is decided by ``subscriptions.entitlements`` alone; this module
only finds the video, asks, and signs.
"""

from __future__ import annotations

import logging
from datetime import datetime

from django.conf import settings
from django.urls import reverse

from wagtail.models import Page, ReferenceIndex

from botocore.exceptions import BotoCoreError, ClientError
from ninja import Router, Schema, Status
from ninja.errors import HttpError

from catalog.media.signing import make_token
from catalog.models import EpisodePage, ShowPage, VideoAsset
from catalog.storage import private_storage
from subscriptions import entitlements

logger = logging.getLogger(__name__)
router = Router(tags=["playback"])

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


class Refusal(Schema):
    detail: str
    reason: str
    upgrade_url: str | None = None


class Detail(Schema):
    detail: str


def _live_page(queryset, page_id: int):
    page = queryset.live().public().filter(pk=page_id).first()
    if page is None:
        raise HttpError(404, "No such page, or it is not published.")
    return page


def _check_storage(asset: VideoAsset) -> None:
    try:
        found = private_storage().exists(asset.master_playlist_path)
    except (BotoCoreError, ClientError, OSError) as exc:
        logger.exception("private storage unavailable at play time")
        raise HttpError(503, "Video storage is unavailable; try again in a moment.") from exc
    if not found:
        raise HttpError(404, "This video's files are missing; an editor has been told.")


def _grant(asset: VideoAsset | None, next_episode_url: str | None = None) -> dict:
    if asset is None or not asset.is_playable:
        raise HttpError(404, "This video is not ready to play yet.")
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
    }


def _viewer_country(request) -> str | None:
    """The viewer's country from the CDN's header (absent header: unrestricted)."""
    header = settings.VIEWER_COUNTRY_HEADER
    value = request.META.get("HTTP_" + header.upper().replace("-", "_"), "") if header else ""
    return value.strip().upper() or None


def _next_episode_url(episode: EpisodePage) -> str | None:
    from catalog.selectors import episode_detail

    following = episode_detail(episode=episode)["next_episode"]
    return following.url if following else None


@router.post(
    "/play/{episode_id}",
    response={200: PlayOut, 401: Refusal, 403: Refusal, 404: Detail, 503: Detail},
    summary="Start playing an episode",
)
def play_episode(request, episode_id: int):
    """A signed manifest URL for the episode, if ``can_play`` allows it."""
    episode = _live_page(
        EpisodePage.objects.select_related("season__show", "minimum_plan"), episode_id
    )
    decision = entitlements.can_play(request.user, episode, country=_viewer_country(request))
    if not decision.allowed:
        status = 401 if decision.needs_sign_in else 403
        return Status(
            status,
            {
                "detail": decision.message,
                "reason": decision.reason,
                "upgrade_url": UPGRADE_URLS.get(decision.reason),
            },
        )
    asset = VideoAsset.objects.filter(pk=episode.video_id).first()
    return Status(200, _grant(asset, _next_episode_url(episode)))


@router.post(
    "/play/trailer/{page_id}",
    response={200: PlayOut, 404: Detail, 503: Detail},
    summary="Play a show's or episode's trailer",
)
def play_trailer(request, page_id: int):
    """Trailers are free for everyone."""
    page = Page.objects.live().public().filter(pk=page_id).specific().first()
    if not isinstance(page, ShowPage | EpisodePage) or not page.trailer_id:
        raise HttpError(404, "This page has no trailer.")
    return Status(200, _grant(VideoAsset.objects.filter(pk=page.trailer_id).first()))


def _is_free_editorial_video(asset: VideoAsset) -> bool:
    """Used in a live page's body (a video block), and not any episode's main video."""
    # An episode's own video plays through /play/<episode> only, where its access level,
    # window and the show's regions are checked.
    if EpisodePage.objects.filter(video=asset).exists():
        return False
    page_ids = [
        ref.object_id
        for ref in ReferenceIndex.get_references_to(asset).filter(
            base_content_type__app_label="wagtailcore", base_content_type__model="page"
        )
    ]
    return Page.objects.live().public().filter(pk__in=page_ids).exists()


@router.post(
    "/play/video/{asset_id}",
    response={200: PlayOut, 404: Detail, 503: Detail},
    summary="Play a video placed in a page body",
)
def play_video(request, asset_id: int):
    """Extras placed on pages with a video block are free to watch."""
    asset = VideoAsset.objects.filter(pk=asset_id).first()
    if asset is None or not _is_free_editorial_video(asset):
        raise HttpError(404, "No such video.")
    return Status(200, _grant(asset))
