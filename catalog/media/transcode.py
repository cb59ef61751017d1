"""One ffmpeg run that makes every HLS rendition, the thumbnail sprite and the poster frame.

The source is decoded once: ``split`` feeds one scaler per rendition plus one branch per
still image (``ImageOutput``: the sprite's tiler, the poster's frame picker), and all
renditions are encoded with keyframes on the same timestamps (every ``HLS_SEGMENT_SECONDS``),
so segment N of every variant covers the same stretch of time and players can switch between
them at any segment boundary.

Audio: every variant carries the source's first audio track as stereo AAC-LC at 128 kbit/s.
A source without audio gives variants without audio (consistently: no variant has audio),
rather than a silent track; the master playlist's CODECS then lists only the video codec.
"""

import os
import subprocess
import tempfile
import threading
from collections.abc import Callable, Sequence
from pathlib import Path

from django.conf import settings

from .errors import TranscodeError
from .humanize import format_duration
from .ladder import Rendition
from .probe import ProbeResult
from .thumbnails import ImageOutput

ProgressCallback = Callable[[float], None]

STDERR_TAIL_CHARS = 1500


def transcode(
    source: Path,
    out_dir: Path,
    renditions: list[Rendition],
    info: ProbeResult,
    *,
    images: Sequence[ImageOutput] = (),
    on_progress: ProgressCallback | None = None,
    timeout: float | None = None,
) -> None:
    """Write ``<name>/index.m3u8`` + segments per rendition into ``out_dir``, and ``images``."""
    for image in images:
        image.path.parent.mkdir(parents=True, exist_ok=True)
    command = build_command(source, out_dir, renditions, info, images=images)
    run_ffmpeg(command, duration=info.duration, on_progress=on_progress, timeout=timeout)


def build_command(
    source: Path,
    out_dir: Path,
    renditions: list[Rendition],
    info: ProbeResult,
    *,
    images: Sequence[ImageOutput] = (),
) -> list[str]:
    """The complete ffmpeg argument list (also what the benchmark runs bare)."""
    return [
        settings.FFMPEG_BINARY,
        *("-hide_banner", "-nostdin", "-y", "-v", "error", "-nostats", "-progress", "pipe:1"),
        *("-i", os.fspath(source)),
        *("-filter_complex", filter_graph(renditions, images)),
        *hls_output_args(out_dir, renditions, info),
        *[arg for index, image in enumerate(images) for arg in image_output_args(index, image)],
    ]


def filter_graph(renditions: list[Rendition], images: Sequence[ImageOutput] = ()) -> str:
    """``split`` the decoded video into one scaled branch per rendition and per image."""
    branches = len(renditions) + len(images)
    labels = "".join(f"[s{i}]" for i in range(branches))
    chains = [f"[0:v]split={branches}{labels}"]
    for i, rendition in enumerate(renditions):
        chains.append(
            f"[s{i}]scale={rendition.width}:{rendition.height},setsar=1,format=yuv420p[v{i}]"
        )
    for index, image in enumerate(images):
        chains.append(f"[s{len(renditions) + index}]{image.filter}[img{index}]")
    return ";".join(chains)


def hls_output_args(out_dir: Path, renditions: list[Rendition], info: ProbeResult) -> list[str]:
    segment = settings.HLS_SEGMENT_SECONDS
    gop = str(max(1, round(info.fps * segment)))
    args: list[str] = []
    for i in range(len(renditions)):
        args += ["-map", f"[v{i}]"]
    if info.has_audio:
        args += ["-map", "0:a:0"] * len(renditions)
    args += [
        *("-c:v", "libx264", "-preset", settings.VIDEO_X264_PRESET, "-profile:v", "high"),
        *("-g", gop, "-keyint_min", gop, "-sc_threshold", "0"),
        *("-force_key_frames", f"expr:gte(t,n_forced*{segment})"),
    ]
    for i, rendition in enumerate(renditions):
        args += [
            *(f"-b:v:{i}", f"{rendition.video_bitrate}k"),
            *(f"-maxrate:v:{i}", f"{rendition.maxrate}k"),
            *(f"-bufsize:v:{i}", f"{rendition.bufsize}k"),
        ]
    if info.has_audio:
        args += ["-c:a", "aac", "-b:a", f"{renditions[0].audio_bitrate}k", "-ac", "2"]
    return args + hls_muxer_args(out_dir, renditions, info.has_audio)


def hls_muxer_args(out_dir: Path, renditions: list[Rendition], has_audio: bool) -> list[str]:
    stream_map = " ".join(
        f"v:{i},a:{i},name:{r.name}" if has_audio else f"v:{i},name:{r.name}"
        for i, r in enumerate(renditions)
    )
    return [
        *("-f", "hls", "-hls_time", str(settings.HLS_SEGMENT_SECONDS)),
        *("-hls_playlist_type", "vod", "-hls_flags", "independent_segments"),
        *("-hls_segment_filename", os.fspath(out_dir / "%v" / "seg_%05d.ts")),
        *("-master_pl_name", "master.m3u8", "-var_stream_map", stream_map),
        os.fspath(out_dir / "%v" / "index.m3u8"),
    ]


def image_output_args(index: int, image: ImageOutput) -> list[str]:
    """One JPEG from an image branch (its filter makes sure one frame is enough)."""
    return [
        *("-map", f"[img{index}]", "-frames:v", "1", "-update", "1", "-q:v", str(image.quality)),
        os.fspath(image.path),
    ]


def run_ffmpeg(
    command: list[str],
    *,
    duration: float,
    on_progress: ProgressCallback | None = None,
    timeout: float | None = None,
) -> None:
    """Run ffmpeg, report progress from ``-progress pipe:1``; TranscodeError on failure."""
    timeout = timeout or settings.VIDEO_TASK_TIME_LIMIT
    with tempfile.TemporaryFile() as stderr:
        process = _start(command, stderr)
        with Watchdog(process, timeout) as watchdog:
            _follow_progress(process, duration, on_progress)
            returncode = process.wait()
        if watchdog.fired:
            raise TranscodeError(
                f"Transcoding took longer than {format_duration(timeout)} and was stopped."
            )
        if returncode != 0:
            raise TranscodeError(f"Transcoding failed: {_tail(stderr)}")


class Watchdog:
    """Kills the process after ``timeout`` seconds, and on any exit from the block."""

    def __init__(self, process: subprocess.Popen, timeout: float):
        self.process = process
        self.fired = False
        self._timer = threading.Timer(timeout, self._fire)

    def __enter__(self) -> "Watchdog":
        self._timer.start()
        return self

    def __exit__(self, *exc_info) -> None:
        self._timer.cancel()
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        if self.process.stdout:
            self.process.stdout.close()

    def _fire(self) -> None:
        self.fired = True
        self.process.kill()


def _start(command: list[str], stderr) -> subprocess.Popen:
    try:
        return subprocess.Popen(  # noqa: S603 - fixed arguments, no shell
            command, stdout=subprocess.PIPE, stderr=stderr, text=True
        )
    except FileNotFoundError as exc:
        raise TranscodeError(f"{command[0]} is not installed on the worker.") from exc


def _follow_progress(
    process: subprocess.Popen, duration: float, on_progress: ProgressCallback | None
) -> None:
    for line in process.stdout:
        percent = parse_progress(line, duration)
        if percent is not None and on_progress:
            on_progress(percent)


def parse_progress(line: str, duration: float) -> float | None:
    """Percent done from an ``out_time_us=`` (or ``out_time_ms=``) progress line, else None.

    ffmpeg's ``out_time_ms`` is in microseconds too (a long-standing ffmpeg quirk).
    """
    key, _, value = line.strip().partition("=")
    if key not in {"out_time_us", "out_time_ms"} or duration <= 0:
        return None
    try:
        seconds = int(value) / 1_000_000
    except ValueError:
        return None
    return max(0.0, min(100.0, seconds / duration * 100))


def _tail(stderr) -> str:
    stderr.seek(0)
    text = stderr.read().decode("utf-8", "replace").strip()
    return text[-STDERR_TAIL_CHARS:] or "ffmpeg gave no error message."
