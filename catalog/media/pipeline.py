"""``process_asset``: turn a VideoAsset's source into HLS in private storage, then switch to it.

A run claims the asset under a row lock (so a duplicate message does nothing while another
worker is busy), works in a temporary folder, uploads the result to a NEW prefix, and then,
in one transaction, points the asset at that prefix. Only after that does it delete the old
prefix. A failed run deletes its own partial upload and leaves the previous output in place.
Progress goes to the database with queryset ``update()`` calls that touch only the worker's
own columns, so they never overwrite what an editor saves meanwhile.
"""

import logging
import tempfile
from concurrent.futures import ThreadPoolExecutor
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.files.storage import FileSystemStorage, Storage
from django.db import transaction
from django.utils import timezone

from celery.exceptions import SoftTimeLimitExceeded
from storages.utils import safe_join

from catalog import content_version
from catalog.models import VideoAsset
from catalog.storage import is_s3, private_storage

from . import hls_storage, playlists, subtitles, thumbnails
from .errors import InvalidMedia, MediaError, TranscodeError
from .humanize import format_duration
from .ladder import ladder_for
from .probe import ProbeResult, probe
from .runs import Heartbeat, Superseded, claim, interrupted, mark_failed
from .transcode import transcode

logger = logging.getLogger(__name__)

DOWNLOAD_CHUNK = 8 * 1024 * 1024
Status = VideoAsset.Status


@dataclass
class Output:
    """What a successful run produced, ready to switch to."""

    prefix: str
    info: ProbeResult
    variants: list[playlists.Variant]
    sprite_path: str
    poster_file: Path | None = None


def process_asset(asset_id: int, *, task_id: str | None = None, final_attempt: bool = True) -> str:
    """Process the asset's source into HLS; returns ``ready``, ``failed`` or why it did nothing.

    Raises only for temporary problems (storage, network, database) so the task can retry;
    bad media and transcode failures end as ``status=failed`` with a readable ``error``.
    """
    token = claim(asset_id, task_id)
    if token is None:
        return "skipped"
    prefix = hls_storage.new_prefix(asset_id)
    try:
        with tempfile.TemporaryDirectory(prefix="video-") as tmp:
            output = produce(asset_id, token, Path(tmp), prefix)
            old_prefix = switch(asset_id, token, output)
    except Superseded:
        discard(prefix)
        return "superseded"
    except MediaError as exc:
        return _failed(asset_id, token, prefix, exc.reason)
    except SoftTimeLimitExceeded:
        limit = format_duration(settings.VIDEO_TASK_TIME_LIMIT)
        return _failed(asset_id, token, prefix, f"Processing took longer than {limit}.")
    except Exception as exc:
        discard(prefix)
        interrupted(asset_id, token, exc, final_attempt=final_attempt)
        raise
    clean_up_after_switch(asset_id, old_prefix, keep=prefix)
    return "ready"


def _failed(asset_id: int, token: str, prefix: str, reason: str) -> str:
    discard(prefix)
    mark_failed(asset_id, token, reason)
    return "failed"


# --- the work -------------------------------------------------------------------------------


def produce(asset_id: int, token: str, tmp: Path, prefix: str) -> Output:
    """Download, probe, transcode and package the source, then upload it under ``prefix``."""
    beat = Heartbeat(asset_id, token)
    asset = VideoAsset.objects.prefetch_related("subtitles").filter(pk=asset_id).first()
    if asset is None:
        raise Superseded  # deleted meanwhile
    beat(0, stage="downloading")
    source = fetch_source(asset, tmp, on_progress=beat.scaled(0, 5))
    beat(5, stage="probing")
    info = probe(source)
    out_dir = tmp / "hls"
    sprite = thumbnails.sprite_layout(info.duration)
    images = [thumbnails.sprite_output(sprite, out_dir)]
    poster_file = tmp / "poster.jpg" if wants_poster(asset) else None
    if poster_file:
        images.append(thumbnails.poster_output(info.duration, poster_file))
    beat(5, stage="transcoding")
    renditions = ladder_for(info.width, info.height)
    transcode(source, out_dir, renditions, info, images=images, on_progress=beat.scaled(5, 90))
    beat(90, stage="packaging")
    variants = package(asset, out_dir, renditions, info, sprite)
    poster_file = poster_file if poster_file and poster_file.exists() else None
    beat(90, stage="uploading")
    upload(out_dir, prefix, beat.scaled(90, 99))
    sprite_path = f"{prefix}thumbs/{thumbnails.SPRITE_FILENAME}"
    return Output(prefix, info, variants, sprite_path, poster_file)


def fetch_source(asset: VideoAsset, tmp: Path, *, on_progress) -> Path:
    """A local path to the source: the file itself on local storage, else a downloaded copy."""
    storage = private_storage()
    name = asset.source.name
    if not name or not storage.exists(name):
        raise InvalidMedia("The source file is missing from storage; upload it again.")
    if isinstance(storage, FileSystemStorage):
        return Path(storage.path(name))
    dest = tmp / f"source{Path(name).suffix.lower()}"
    _download(storage, name, dest, on_progress)
    return dest


def _download(storage: Storage, name: str, dest: Path, on_progress) -> None:
    total, done = max(storage.size(name), 1), 0
    with _open_stream(storage, name) as stream, dest.open("wb") as out:
        while chunk := stream.read(DOWNLOAD_CHUNK):
            out.write(chunk)
            done += len(chunk)
            on_progress(done / total * 100)


def _open_stream(storage: Storage, name: str):
    """A readable stream of a stored file (S3: straight from the bucket, no spooling)."""
    if is_s3(storage):
        return closing(storage.bucket.Object(safe_join(storage.location, name)).get()["Body"])
    return storage.open(name, "rb")


def wants_poster(asset: VideoAsset) -> bool:
    """Take a poster frame, unless the editor chose a poster or ours is from this source."""
    if asset.poster_id and not asset.poster_generated:
        return False
    return not (asset.poster_id and asset.processed_source == asset.source.name)


def package(asset, out_dir: Path, renditions, info: ProbeResult, sprite) -> list:
    """Check the renditions, then write subtitles, the sprite's VTT and the master playlist."""
    check_complete(out_dir / renditions[0].playlist, info.duration)
    variants, video_start = measure(out_dir, renditions, info)
    entries = subtitles.write_subtitles(
        read_subtitles(asset), out_dir, duration=info.duration, video_start=video_start
    )
    if not (out_dir / "thumbs" / thumbnails.SPRITE_FILENAME).exists():
        raise TranscodeError("ffmpeg did not write the thumbnail sprite.")
    thumbnails.write_sprite_vtt(sprite, info.duration, out_dir / "thumbs" / "thumbs.vtt")
    playlists.write_master(out_dir, variants, entries)
    return variants


def measure(out_dir: Path, renditions, info: ProbeResult) -> tuple[list, float]:
    """Each variant's bitrates and codecs, and when the video starts (ffprobes in parallel)."""
    first_segment = out_dir / renditions[0].name / "seg_00000.ts"
    with ThreadPoolExecutor(max_workers=len(renditions) + 1) as pool:
        start = pool.submit(playlists.segment_start_time, first_segment)
        futures = [pool.submit(playlists.build_variant, out_dir, r, info.fps) for r in renditions]
        return [future.result() for future in futures], start.result()


def check_complete(playlist: Path, duration: float) -> None:
    """The output must last as long as the source: a short one means a truncated source."""
    encoded = sum(seconds for seconds, _ in playlists.read_segments(playlist))
    if encoded < duration - max(1.0, duration * 0.05):
        raise TranscodeError(
            f"The video stops after {format_duration(encoded)} of {format_duration(duration)}: "
            "the file is probably incomplete or damaged. Upload it again."
        )


def read_subtitles(asset: VideoAsset) -> list[subtitles.SubtitleSource]:
    storage = private_storage()
    tracks = []
    for track in asset.subtitles.all():
        if not track.file.name or not storage.exists(track.file.name):
            raise InvalidMedia(f"The {track.label} subtitle file is missing; upload it again.")
        with storage.open(track.file.name, "rb") as handle:
            content = handle.read()
        tracks.append(
            subtitles.SubtitleSource(track.language, track.label, track.is_default, content)
        )
    return tracks


def upload(out_dir: Path, prefix: str, on_progress) -> list[str]:
    def on_file(done: int, total: int) -> None:
        on_progress(done / total * 100)

    return hls_storage.upload_tree(out_dir, prefix, private_storage(), on_file=on_file)


# --- the switch and the clean-up ------------------------------------------------------------


def switch(asset_id: int, token: str, output: Output) -> str:
    """Point the asset at the new output in one transaction; returns the old prefix."""
    poster = _save_poster(asset_id, output)
    with transaction.atomic():
        asset = VideoAsset.objects.select_for_update().filter(pk=asset_id).first()
        if asset is None or asset.task_id != token:
            if poster:
                poster.delete()
            raise Superseded
        fields = _ready_fields(asset, output)
        if poster and (asset.poster_id is None or asset.poster_generated):
            fields.update(poster=poster, poster_generated=True)
        VideoAsset.objects.filter(pk=asset_id).update(**fields)
        # Now playable: the rails and lists cached under the old content version must go.
        transaction.on_commit(content_version.bump)
    return asset.hls_prefix


def _save_poster(asset_id: int, output: Output):
    if output.poster_file is None:
        return None
    title = (
        VideoAsset.objects.filter(pk=asset_id).values_list("title", flat=True).first()
        or f"Video {asset_id}"
    )
    return thumbnails.save_poster_image(output.poster_file, title=title, asset_id=asset_id)


def _ready_fields(asset: VideoAsset, output: Output) -> dict:
    info, now = output.info, timezone.now()
    return {
        "status": Status.READY,
        "stage": "",
        "progress": 100,
        "error": "",
        "hls_prefix": output.prefix,
        "renditions": [variant.as_dict() for variant in output.variants],
        "duration": round(info.duration, 3),
        "width": info.width,
        "height": info.height,
        "video_codec": info.video_codec,
        "audio_codec": info.audio_codec,
        "source_size": info.size,
        "sprite_path": output.sprite_path,
        "processed_source": asset.source.name,
        "processed_at": now,
        "heartbeat_at": now,
        "updated_at": now,
    }


def clean_up_after_switch(asset_id: int, old_prefix: str, *, keep: str) -> None:
    """Delete the previous output and any leftovers of runs that died, keeping ``keep``."""
    try:
        storage = private_storage()
        if old_prefix and old_prefix != keep:
            hls_storage.delete_prefix(storage, old_prefix)
        hls_storage.delete_other_prefixes(storage, asset_id, keep)
    except Exception:
        # The switch is done; leftovers only cost space and the next run sweeps them.
        logger.exception("video %s: could not delete old HLS output", asset_id)


def discard(prefix: str) -> None:
    """Delete a run's partial upload; never raises (it runs while handling another error)."""
    try:
        hls_storage.delete_prefix(private_storage(), prefix)
    except Exception:
        logger.exception("could not delete partial HLS output %s", prefix)
