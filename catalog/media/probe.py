"""What ffprobe says about a file, validated against what the pipeline accepts."""

import json
import os
import subprocess
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

from django.conf import settings

from .errors import InvalidMedia
from .humanize import format_duration

PROBE_TIMEOUT_SECONDS = 120
MIN_DURATION_SECONDS = 1.0

# ffprobe's format names for the containers we accept (``format_name`` lists aliases).
SUPPORTED_FORMATS = frozenset(
    {"mov", "mp4", "m4a", "3gp", "matroska", "webm", "avi", "mpegts", "mpeg", "mxf", "asf", "flv"}
)

NOT_MEDIA = "This file is not a video we can read: it is damaged, incomplete or not a media file."


@dataclass(frozen=True)
class ProbeResult:
    """The facts the pipeline needs about a source; width and height are as displayed."""

    duration: float
    width: int
    height: int
    fps: float
    video_codec: str
    audio_codec: str
    format_name: str
    size: int

    @property
    def has_audio(self) -> bool:
        return bool(self.audio_codec)


def probe(path: str | os.PathLike) -> ProbeResult:
    """Probe ``path`` and return its facts, or raise InvalidMedia saying what is wrong."""
    size = _size(path)
    data = run_ffprobe(path)
    video = _video_stream(data.get("streams", []))
    width, height = _display_size(video)
    result = ProbeResult(
        duration=_duration(data, video),
        width=width,
        height=height,
        fps=_frame_rate(video),
        video_codec=video.get("codec_name", ""),
        audio_codec=_audio_codec(data.get("streams", [])),
        format_name=data.get("format", {}).get("format_name", ""),
        size=size,
    )
    validate(result)
    return result


def run_ffprobe(path: str | os.PathLike, *extra: str) -> dict:
    """ffprobe's JSON for ``path`` (format and streams); InvalidMedia if it cannot read it."""
    command = [
        settings.FFPROBE_BINARY,
        *("-v", "error", "-print_format", "json", "-show_format", "-show_streams"),
        *extra,
        os.fspath(path),
    ]
    try:
        completed = subprocess.run(  # noqa: S603 - fixed arguments, no shell
            command, capture_output=True, timeout=PROBE_TIMEOUT_SECONDS, check=False
        )
    except subprocess.TimeoutExpired as exc:
        raise InvalidMedia("Reading the file took too long; it may be damaged.") from exc
    if completed.returncode != 0:
        raise InvalidMedia(NOT_MEDIA)
    try:
        return json.loads(completed.stdout or b"{}")
    except json.JSONDecodeError as exc:
        raise InvalidMedia(NOT_MEDIA) from exc


def validate(result: ProbeResult) -> None:
    """Raise InvalidMedia when a readable file is still not one we accept."""
    if not SUPPORTED_FORMATS & set(result.format_name.split(",")):
        raise InvalidMedia(
            f"The container format ({result.format_name or 'unknown'}) is not supported; "
            "upload MP4, MOV, MKV, WebM, AVI or MPEG-TS."
        )
    if result.width < 16 or result.height < 16:
        raise InvalidMedia("The video's picture size could not be read.")
    if result.duration < MIN_DURATION_SECONDS:
        raise InvalidMedia("The video is shorter than one second.")
    limit = settings.VIDEO_MAX_DURATION_SECONDS
    if result.duration > limit:
        raise InvalidMedia(
            f"The video is {format_duration(result.duration)} long; "
            f"the limit is {format_duration(limit)}."
        )


def _size(path: str | os.PathLike) -> int:
    try:
        size = Path(path).stat().st_size
    except FileNotFoundError as exc:
        raise InvalidMedia("The file is missing; upload it again.") from exc
    if size == 0:
        raise InvalidMedia("The file is empty (0 bytes).")
    return size


def _video_stream(streams: list[dict]) -> dict:
    """The first real video stream (cover art in audio files does not count)."""
    for stream in streams:
        is_cover = stream.get("disposition", {}).get("attached_pic") == 1
        if stream.get("codec_type") == "video" and not is_cover:
            return stream
    if any(stream.get("codec_type") == "audio" for stream in streams):
        raise InvalidMedia("The file has sound but no video.")
    raise InvalidMedia("The file has no video stream.")


def _audio_codec(streams: list[dict]) -> str:
    audio = [s for s in streams if s.get("codec_type") == "audio"]
    return audio[0].get("codec_name", "") if audio else ""


def _duration(data: dict, video: dict) -> float:
    for value in (data.get("format", {}).get("duration"), video.get("duration")):
        try:
            return float(value)
        except (TypeError, ValueError):
            continue
    raise InvalidMedia("How long the video is could not be read; it may be damaged.")


def _display_size(video: dict) -> tuple[int, int]:
    """Width and height as shown: pixel aspect ratio applied, 90° rotation swapped."""
    width, height = int(video.get("width") or 0), int(video.get("height") or 0)
    sar = _ratio(video.get("sample_aspect_ratio"))
    if sar and sar != 1:
        width = round(width * sar)
    if abs(_rotation(video)) % 180 == 90:
        width, height = height, width
    return width, height


def _rotation(video: dict) -> int:
    for side_data in video.get("side_data_list", []):
        if "rotation" in side_data:
            return int(side_data["rotation"])
    return int(video.get("tags", {}).get("rotate", 0) or 0)


def _frame_rate(video: dict) -> float:
    for key in ("avg_frame_rate", "r_frame_rate"):
        rate = _ratio(video.get(key))
        if rate and 1 <= rate <= 240:
            return float(rate)
    return 25.0


def _ratio(value: str | None) -> Fraction | None:
    """``Fraction`` from ffprobe's ``25/1`` or ``4:3``; None for ``0/0`` or garbage."""
    num, _, den = (value or "").replace(":", "/").partition("/")
    try:
        num_int, den_int = int(num), int(den)
    except ValueError:
        return None
    return Fraction(num_int, den_int) if num_int and den_int else None
