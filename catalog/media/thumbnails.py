"""The poster frame, and the seek-preview sprite (a grid of small frames) with its WebVTT map.

Both images are drawn by the transcode run, from the frames it decodes anyway: this module
says how (``ImageOutput``: a filter chain and a JPEG path), decides the sprite's layout,
writes ``thumbs/thumbs.vtt`` (cues point at tiles as ``sprite.jpg#xywh=x,y,w,h``, relative to
the VTT file) and stores the poster as a Wagtail image.
"""

import math
from dataclasses import dataclass
from pathlib import Path

from django.core.files.images import ImageFile

from wagtail.images import get_image_model
from wagtail.images.models import AbstractImage
from wagtail.utils.file import hash_filelike

SPRITE_FILENAME = "sprite.jpg"
SPRITE_VTT_FILENAME = "thumbs.vtt"
TILE_WIDTH, TILE_HEIGHT = 160, 90
SPRITE_COLUMNS = 10


@dataclass(frozen=True)
class SpriteLayout:
    """One tile every ``interval`` seconds, ``count`` tiles in a ``columns`` x ``rows`` grid."""

    interval: int
    count: int
    columns: int
    rows: int


def sprite_layout(duration: float) -> SpriteLayout:
    """A tile every 5 s; shorter clips (< 30 s) get a tile every 1–4 s so they have several."""
    interval = 5 if duration >= 30 else max(1, int(duration // 6))
    # ffmpeg's fps filter emits a frame at 0, N, 2N… while the source lasts past k*N + N/2.
    count = max(1, math.floor(duration / interval + 0.5))
    columns = min(SPRITE_COLUMNS, count)
    return SpriteLayout(interval, count, columns, math.ceil(count / columns))


def sprite_filter(layout: SpriteLayout) -> str:
    """The filter chain that turns a video branch into the sprite image."""
    fit = f"scale={TILE_WIDTH}:{TILE_HEIGHT}:force_original_aspect_ratio=decrease"
    pad = f"pad={TILE_WIDTH}:{TILE_HEIGHT}:(ow-iw)/2:(oh-ih)/2"
    return f"fps=1/{layout.interval},{fit},{pad},tile={layout.columns}x{layout.rows}"


def write_sprite_vtt(layout: SpriteLayout, duration: float, path: Path) -> None:
    """Write the WebVTT map from time ranges to sprite tiles."""
    lines = ["WEBVTT", ""]
    for index in range(layout.count):
        start = index * layout.interval
        end = duration if index == layout.count - 1 else start + layout.interval
        x = (index % layout.columns) * TILE_WIDTH
        y = (index // layout.columns) * TILE_HEIGHT
        lines += [
            f"{vtt_timestamp(start)} --> {vtt_timestamp(max(end, start + 0.001))}",
            f"{SPRITE_FILENAME}#xywh={x},{y},{TILE_WIDTH},{TILE_HEIGHT}",
            "",
        ]
    path.write_text("\n".join(lines), encoding="utf-8")


def vtt_timestamp(seconds: float) -> str:
    millis = int(round(seconds * 1000))
    hours, rest = divmod(millis, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    return f"{hours:02d}:{minutes:02d}:{rest // 1000:02d}.{rest % 1000:03d}"


def poster_time(duration: float) -> float:
    """10% into the video, or 1 s into a short clip (< 10 s), never past the end."""
    moment = duration * 0.1 if duration >= 10 else 1.0
    return min(moment, max(0.0, duration - 0.5))


@dataclass(frozen=True)
class ImageOutput:
    """A still image the transcode run writes: a filter chain ending in one frame, and a file."""

    filter: str
    path: Path
    quality: int = 5  # ffmpeg's JPEG -q:v, 2 (best) to 31


def sprite_output(layout: SpriteLayout, out_dir: Path) -> ImageOutput:
    return ImageOutput(sprite_filter(layout), out_dir / "thumbs" / SPRITE_FILENAME)


def poster_output(duration: float, path: Path) -> ImageOutput:
    """The first frame from ``poster_time(duration)`` on, at most 1920 px wide."""
    moment = f"{poster_time(duration):.3f}"
    chain = f"select='gte(t,{moment})',scale='min(1920,iw)':-2,setsar=1"
    return ImageOutput(chain, path, quality=3)


def save_poster_image(path: Path, *, title: str, asset_id: int) -> AbstractImage:
    """Store the JPEG as a Wagtail image (public storage) titled after the video."""
    image_model = get_image_model()
    with path.open("rb") as handle:
        image = image_model(
            title=f"{title} (video frame)"[:255],
            file_size=path.stat().st_size,
            file_hash=hash_filelike(handle),
        )
        handle.seek(0)
        image.file = ImageFile(handle, name=f"video-{asset_id}-poster.jpg")
        image.save()
    return image
