"""Demo videos: a few short generated clips, run through the real media pipeline, on every
demo episode.

With ffmpeg on the PATH the loader makes a few sample episodes (a test card with a numbered
title burned in, a tone, English audio, hand-written English, French and Spanish subtitles,
intro and credits markers and chapters) and a few trailers (a plain colour). Each clip is processed by
``catalog.tasks.process_video_asset`` exactly as an upload is. One asset backs many pages:
the ready sample episodes are dealt out in turn to every demo episode that has no video, and
the trailers to every show without one and to the episodes that have not premiered yet (a
trailer plays before its episode does).

Assets are found again by title and only pages without a video get one, so a second run
creates, transcodes and publishes nothing. Without ffmpeg the step is skipped with a message:
the site works without videos, and rails offer no episode that cannot play
(``catalog.selectors.playable``).
"""

from __future__ import annotations

import logging
import shutil
import subprocess
import tempfile
import uuid
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.files import File
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from wagtail.models import Locale

from catalog.demo.content import demo_content
from catalog.demo.indexing import deferred_indexing
from catalog.models import EpisodePage, ShowPage, SubtitleTrack, VideoAsset, VideoChapter
from mediasite.demo import Report

logger = logging.getLogger(__name__)

NO_FFMPEG = "ffmpeg not found: demo videos skipped; the site runs without them."
TITLE_PREFIX = "Demo · "
EPISODE, TRAILER = "episode", "trailer"
TRAILER_COLOURS = ["#1f2533", "#3a1c4a", "#12372a", "#4a2a12"]


@dataclass(frozen=True)
class MediaPlan:
    """How many clips of each kind to make, their size and lengths (seconds)."""

    episodes: int = 3
    trailers: int = 2
    size: str = "1280x720"
    episode_seconds: int = 16
    trailer_seconds: int = 10


DEFAULT_PLAN = MediaPlan()

#: Every clip's subtitle tracks, in menu order (labels: each language's own name).
SUBTITLES = {
    "en": ["Previously…", "Here we go.", "Something is not right.", "Goodbye."],
    "fr": ["Précédemment…", "C'est parti.", "Quelque chose cloche.", "Au revoir."],
    "es": ["Anteriormente…", "Allá vamos.", "Algo no va bien.", "Adiós."],
}
AUDIO_LANGUAGE = "en"


def ffmpeg_available() -> bool:
    return bool(shutil.which(settings.FFMPEG_BINARY))


def ensure_demo_media(
    *, report: Report, plan: MediaPlan = DEFAULT_PLAN, say=print, shows: list | None = None
) -> list[VideoAsset]:
    """Make and process the demo clips that are missing, give every page without a video
    one; returns the demo assets (sample episodes, then trailers).

    ``shows`` (ShowPage objects) defaults to every curated demo show.
    """
    if not ffmpeg_available():
        say(NO_FFMPEG)
        return []
    shows = demo_shows() if shows is None else shows
    with tempfile.TemporaryDirectory(prefix="demo-media-") as tmp:
        episodes = ensure_clips(EPISODE, plan.episodes, plan, Path(tmp), report, say)
        trailers = ensure_clips(TRAILER, plan.trailers, plan, Path(tmp), report, say)
    attach(
        shows,
        episodes=[a for a in episodes if a.is_playable],
        trailers=[a for a in trailers if a.is_playable],
        report=report,
    )
    return episodes + trailers


def demo_shows() -> list[ShowPage]:
    """The curated demo shows that exist, in data order."""
    slugs = [item.slug for item in demo_content().shows]
    shows = ShowPage.objects.filter(slug__in=slugs, locale=Locale.get_default())
    by_slug = {show.slug: show for show in shows}
    return [by_slug[slug] for slug in slugs if slug in by_slug]


def ensure_clips(kind: str, count: int, plan: MediaPlan, tmp: Path, report, say) -> list:
    """The ``count`` demo assets of ``kind``; a clip that fails is left out with a message."""
    assets = []
    for number in range(1, count + 1):
        try:
            assets.append(ensure_asset(kind, number, plan, tmp, report, say))
        except Exception as exc:  # the demo goes on without this clip
            logger.exception("demo %s %s failed", kind, number)
            say(f"Demo video {asset_title(kind, number)} skipped: {exc}")
    return assets


# --- assets -----------------------------------------------------------------------------------


def asset_title(kind: str, number: int) -> str:
    return f"{TITLE_PREFIX}{'Trailer' if kind == TRAILER else 'Sample episode'} {number}"


def ensure_asset(kind, number, plan: MediaPlan, tmp: Path, report, say) -> VideoAsset:
    """Demo asset ``number`` of ``kind``, created and processed if missing or not ready."""
    title = asset_title(kind, number)
    asset = VideoAsset.objects.filter(title=title).order_by("pk").first()
    report.record("demo video", created=asset is None)
    if asset is None:
        seconds = plan.trailer_seconds if kind == TRAILER else plan.episode_seconds
        say(f"Making demo video: {title} ({seconds} s)")
        name = f"demo-{kind}-{number}-{uuid.uuid4().hex[:8]}.mp4"  # unique in a shared bucket
        clip = make_clip(tmp / name, kind, number, plan.size, seconds)
        asset = create_asset(title, clip, kind, seconds)
    if asset.status != VideoAsset.Status.READY:
        say(f"Processing demo video: {title}")
        process(asset)
        asset.refresh_from_db()
    if asset.status != VideoAsset.Status.READY:
        logger.warning("demo video %s is %s: %s", asset.pk, asset.status, asset.error)
    return asset


def create_asset(title: str, clip: Path, kind: str, seconds: int) -> VideoAsset:
    """A VideoAsset with the clip as its source, subtitles, markers and chapters."""
    asset = new_asset(title)
    asset.audio_language = AUDIO_LANGUAGE
    if kind == EPISODE and seconds >= 12:
        asset.intro_start, asset.intro_end, asset.credits_start = 2.0, 6.0, float(seconds - 4)
    with clip.open("rb") as handle:
        asset.source.save(clip.name, File(handle), save=False)
    asset.save()
    for order, (language, lines) in enumerate(SUBTITLES.items()):
        track = SubtitleTrack(asset=asset, language=language, sort_order=order)
        track.file.save(f"{clip.stem}-{language}.vtt", ContentFile(webvtt(lines, seconds)))
    if asset.intro_end is not None:
        chapters = [(0.0, "Cold open"), (asset.intro_end, "Part one")]
        chapters.append((asset.credits_start, "End credits"))
        for order, (start, chapter) in enumerate(chapters):
            VideoChapter.objects.create(asset=asset, start=start, title=chapter, sort_order=order)
    return asset


def new_asset(title: str) -> VideoAsset:
    """An unsaved asset (tests give theirs a primary key of their own)."""
    return VideoAsset(title=title)


def webvtt(lines: list[str], seconds: int) -> bytes:
    """Cues spread evenly over the clip."""
    step = seconds / len(lines)
    cues = ["WEBVTT", ""]
    for index, line in enumerate(lines):
        start, end = index * step + 0.3, (index + 1) * step - 0.3
        cues += [f"{_timestamp(start)} --> {_timestamp(end)}", line, ""]
    return "\n".join(cues).encode("utf-8")


def _timestamp(seconds: float) -> str:
    millis = int(round(seconds * 1000))
    minutes, millis = divmod(millis, 60_000)
    return f"00:{minutes:02d}:{millis // 1000:02d}.{millis % 1000:03d}"


def process(asset: VideoAsset) -> None:
    """Run the real processing task here and now (whatever the broker: the loader waits)."""
    from catalog.tasks import process_video_asset

    process_video_asset.apply(args=[asset.pk])


# --- clips ------------------------------------------------------------------------------------


def make_clip(path: Path, kind: str, number: int, size: str, seconds: int) -> Path:
    """An H.264/AAC MP4 with its title burned in; without text if drawtext finds no font.

    The clips are shared by many shows, so they name no show.
    """
    title_file = path.with_suffix(".txt")
    heading = f"mediasite demo\n{'Trailer' if kind == TRAILER else 'Sample episode'} {number}"
    title_file.write_text(heading, encoding="utf-8")
    source = _background(kind, number, size)
    text = (
        f"drawtext=textfile={title_file}:fontsize=h/12:fontcolor=white:line_spacing=12"
        ":box=1:boxcolor=black@0.55:boxborderw=28:x=(w-tw)/2:y=(h-th)/2-h/10,"
        "drawtext=text='%{pts\\:hms}':fontsize=h/18:fontcolor=white:x=(w-tw)/2:y=h*0.72"
    )
    for video_filter in (text, None):
        try:
            _ffmpeg(path, source, seconds, video_filter)
            return path
        except subprocess.CalledProcessError as exc:
            if video_filter is None:
                raise
            logger.info("drawtext failed (%s); making the clip without text", exc.stderr[-300:])
    return path


def _background(kind: str, number: int, size: str) -> str:
    """SMPTE bars for episodes; a plain colour for trailers (still pictures encode fast)."""
    if kind == TRAILER:
        colour = TRAILER_COLOURS[(number - 1) % len(TRAILER_COLOURS)]
        return f"color=c={colour}:size={size}:rate=25"
    return f"smptehdbars=size={size}:rate=25"


def _ffmpeg(path: Path, source: str, seconds: int, video_filter: str | None) -> None:
    command = [settings.FFMPEG_BINARY, "-hide_banner", "-nostdin", "-y", "-v", "error"]
    command += [
        "-f",
        "lavfi",
        "-i",
        source,
        "-f",
        "lavfi",
        "-i",
        "sine=frequency=330:sample_rate=48000",
    ]
    command += ["-t", str(seconds)]
    if video_filter:
        command += ["-vf", video_filter]
    command += ["-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-c:a", "aac"]
    command += ["-shortest", str(path)]
    subprocess.run(command, check=True, capture_output=True, text=True, timeout=120)  # noqa: S603


# --- pages ------------------------------------------------------------------------------------


def attach(shows: list, *, episodes: list, trailers: list, report: Report) -> None:
    """Deal the clips out in turn to the pages of ``shows`` that have no video, and publish
    those pages again (indexed once at the end)."""
    changes = planned_links(shows, episodes=episodes, trailers=trailers)
    if not changes:
        return
    changes += translations_of(changes)
    with transaction.atomic(), deferred_indexing([ShowPage, EpisodePage]):
        for page, fields in changes:
            _publish(page, **fields)
    links = sum(len(set(fields) - {"runtime_minutes"}) for _, fields in changes)
    report.record("video link", created=True, count=links)


def planned_links(shows: list, *, episodes: list, trailers: list) -> list[tuple]:
    """(page, {field: asset}) for each page of ``shows`` missing a video or trailer.

    Sample episodes go round-robin over every episode in show, season and episode order;
    trailers round-robin over the shows, and each show's trailer to its episodes that
    have not premiered yet.
    """
    now = timezone.now()
    pages = EpisodePage.objects.live().filter(season__show__in=[show.pk for show in shows])
    by_show: dict[int, list] = {}
    for page in pages.select_related("season").order_by("season__number", "number"):
        by_show.setdefault(page.season.show_id, []).append(page)
    changes, position = [], 0
    for index, show in enumerate(ShowPage.objects.get(pk=show.pk) for show in shows):
        trailer = trailers[index % len(trailers)] if trailers else None
        if trailer and show.trailer_id is None:
            changes.append((show, {"trailer": trailer}))
        for page in by_show.get(show.pk, []):
            fields = {}
            if episodes and page.video_id is None:
                clip = episodes[position % len(episodes)]
                # The runtime is the clip's, as the episode form makes it (not the planned one).
                fields.update(video=clip, runtime_minutes=clip.duration_minutes)
            upcoming = page.available_from is not None and page.available_from > now
            if trailer and upcoming and page.trailer_id is None:
                fields["trailer"] = trailer
            if fields:
                changes.append((page, fields))
            position += 1
    return changes


def translations_of(changes: list[tuple]) -> list[tuple]:
    """The same fields for the translations of the changed pages: a video is shared by
    every language (a synchronised field, as wagtail-localize's sync would copy it)."""
    extra, changed = [], [page.pk for page, _ in changes]
    for model in (ShowPage, EpisodePage):
        by_key = {page.translation_key: f for page, f in changes if isinstance(page, model)}
        for page in model.objects.filter(translation_key__in=by_key).exclude(pk__in=changed):
            extra.append((page, by_key[page.translation_key]))
    return extra


def _publish(page, **fields) -> None:
    for name, value in fields.items():
        setattr(page, name, value)
    page.save_revision().publish()
