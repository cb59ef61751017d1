"""Demo videos: short generated clips, run through the real media pipeline, on demo pages.

With ffmpeg on the PATH, the first few demo shows get a trailer and a sample episode: a
test card (or the show's colour, for trailers) with the title burned in, a tone, English
subtitles (and French for the first show), intro and credits markers and chapters. Each clip
is processed by ``catalog.tasks.process_video_asset`` exactly as an upload is, then attached:
the shows' free episodes and a couple of subscribers-only ones get the sample episode as their
video, the shows (and the first show's first episode) get the trailer.

Assets are found again by title, so a second run creates and transcodes nothing. Without
ffmpeg the step is skipped with a message and the site works without videos.
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

from catalog.demo.content import demo_content
from catalog.models import EpisodePage, ShowPage, SubtitleTrack, VideoAsset, VideoChapter
from mediasite.demo import Report

logger = logging.getLogger(__name__)

NO_FFMPEG = "ffmpeg not found: demo videos skipped; the site runs without them."
TITLE_PREFIX = "Demo · "


@dataclass(frozen=True)
class MediaPlan:
    """How many shows get videos, and the clips' size and lengths (seconds)."""

    shows: int = 3
    size: str = "1280x720"
    episode_seconds: int = 16
    trailer_seconds: int = 10
    subscriber_episodes: int = 2  # of the first show, besides the free ones


DEFAULT_PLAN = MediaPlan()

SUBTITLES = {
    "en": ("English", ["Previously…", "Here we go.", "Something is not right.", "Goodbye."]),
    "fr": ("Français", ["Précédemment…", "C'est parti.", "Quelque chose cloche.", "Au revoir."]),
}


def ffmpeg_available() -> bool:
    return bool(shutil.which(settings.FFMPEG_BINARY))


def ensure_demo_media(
    *, report: Report, plan: MediaPlan = DEFAULT_PLAN, say=print, shows: list | None = None
) -> list[VideoAsset]:
    """Make, process and attach the demo videos that are missing; returns the demo assets.

    ``shows`` (ShowPage objects) defaults to the first ``plan.shows`` curated demo shows.
    """
    if not ffmpeg_available():
        say(NO_FFMPEG)
        return []
    if shows is None:
        slugs = [item.slug for item in demo_content().shows[: plan.shows]]
        by_slug = {show.slug: show for show in ShowPage.objects.filter(slug__in=slugs)}
        shows = [by_slug[slug] for slug in slugs if slug in by_slug]
    assets = []
    with tempfile.TemporaryDirectory(prefix="demo-media-") as tmp:
        for position, show in enumerate(shows):
            try:
                episode = ensure_asset(show, "episode", position, plan, Path(tmp), report, say)
                trailer = ensure_asset(show, "trailer", position, plan, Path(tmp), report, say)
            except Exception as exc:  # the demo goes on without this show's videos
                logger.exception("demo videos for %s failed", show.slug)
                say(f"Demo videos for {show.title} skipped: {exc}")
                continue
            attach(show, episode, trailer, first=position == 0, plan=plan, report=report)
            assets += [episode, trailer]
    return assets


# --- assets -----------------------------------------------------------------------------------


def asset_title(show: ShowPage, kind: str) -> str:
    return f"{TITLE_PREFIX}{show.title} ({'trailer' if kind == 'trailer' else 'sample episode'})"


def ensure_asset(show, kind, position, plan: MediaPlan, tmp: Path, report, say) -> VideoAsset:
    """The show's demo asset of ``kind``, created and processed if missing or not ready."""
    title = asset_title(show, kind)
    asset = VideoAsset.objects.filter(title=title).order_by("pk").first()
    report.record("demo video", created=asset is None)
    if asset is None:
        seconds = plan.trailer_seconds if kind == "trailer" else plan.episode_seconds
        say(f"Making demo video: {title} ({seconds} s)")
        name = f"demo-{show.slug}-{kind}-{uuid.uuid4().hex[:8]}.mp4"  # unique in a shared bucket
        clip = make_clip(tmp / name, show, kind, plan.size, seconds)
        asset = create_asset(title, clip, kind, seconds, french=position == 0)
    if asset.status != VideoAsset.Status.READY:
        say(f"Processing demo video: {title}")
        process(asset)
        asset.refresh_from_db()
    if asset.status != VideoAsset.Status.READY:
        logger.warning("demo video %s is %s: %s", asset.pk, asset.status, asset.error)
    return asset


def create_asset(title: str, clip: Path, kind: str, seconds: int, *, french: bool) -> VideoAsset:
    """A VideoAsset with the clip as its source, subtitles, markers and chapters."""
    asset = new_asset(title)
    if kind == "episode" and seconds >= 12:
        asset.intro_start, asset.intro_end, asset.credits_start = 2.0, 6.0, float(seconds - 4)
    with clip.open("rb") as handle:
        asset.source.save(clip.name, File(handle), save=False)
    asset.save()
    for language in ["en", "fr"] if french else ["en"]:
        label, lines = SUBTITLES[language]
        track = SubtitleTrack(asset=asset, language=language, label=label, is_default=False)
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


def make_clip(path: Path, show: ShowPage, kind: str, size: str, seconds: int) -> Path:
    """An H.264/AAC MP4 with the title burned in; without text if drawtext finds no font."""
    title_file = path.with_suffix(".txt")
    heading = f"{show.title}\n{'Trailer' if kind == 'trailer' else 'Sample episode'}"
    title_file.write_text(heading, encoding="utf-8")
    source = _background(show, kind, size)
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


def _background(show: ShowPage, kind: str, size: str) -> str:
    """SMPTE bars for episodes; the show's colour for trailers (still pictures encode fast)."""
    if kind == "trailer":
        item = demo_content().show(show.slug)
        return f"color=c={item.colors[0] if item else '#1f2533'}:size={size}:rate=25"
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


def attach(show: ShowPage, episode, trailer, *, first: bool, plan: MediaPlan, report) -> None:
    """Set missing trailer and video links and publish the pages again."""
    show = ShowPage.objects.get(pk=show.pk)
    report.record("video link", created=trailer.is_ready and show.trailer_id is None)
    if trailer.is_ready and show.trailer_id is None:
        _publish(show, trailer=trailer)
    if not episode.is_ready:
        return
    episodes = list(
        EpisodePage.objects.live()
        .filter(season__show=show, season__number=1)
        .order_by("number")
        .specific()
    )
    paid = [e for e in episodes if e.access_level != "free"][
        : plan.subscriber_episodes if first else 0
    ]
    for page in [e for e in episodes if e.access_level == "free"] + paid:
        changes = {}
        if page.video_id is None:
            # The runtime is the clip's, as the episode form makes it (not the planned one).
            changes.update(video=episode, runtime_minutes=episode.duration_minutes)
        if first and page.number == 1 and page.trailer_id is None and trailer.is_ready:
            changes["trailer"] = trailer
        report.record("video link", created=bool(changes))
        if changes:
            _publish(page, **changes)


def _publish(page, **fields) -> None:
    for name, value in fields.items():
        setattr(page, name, value)
    page.save_revision().publish()
