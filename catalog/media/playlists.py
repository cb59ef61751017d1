"""HLS playlists: read the variant playlists ffmpeg wrote, write the master and subtitle ones.

The master playlist is written here rather than taken from ffmpeg, so that every
``EXT-X-STREAM-INF`` carries BANDWIDTH (peak), AVERAGE-BANDWIDTH, RESOLUTION, CODECS (read
from the encoded segments: ffmpeg 5.1 leaves CODECS out in some cases) and FRAME-RATE, plus
the subtitle group. Every URI in every playlist is relative.
"""

import math
from dataclasses import asdict, dataclass
from pathlib import Path

from .errors import TranscodeError
from .ladder import Rendition
from .probe import run_ffprobe

MASTER_FILENAME = "master.m3u8"
SUBTITLE_GROUP = "subs"

# H.264 profile names (as ffprobe prints them) -> (profile_idc, constraint flags byte).
AVC_PROFILES = {
    "Constrained Baseline": (66, 0xE0),
    "Baseline": (66, 0x00),
    "Main": (77, 0x40),
    "High": (100, 0x00),
}
AAC_LC = "mp4a.40.2"


@dataclass(frozen=True)
class Variant:
    """A rendition as published: its nominal description plus what was measured.

    ``peak_bandwidth`` and ``average_bandwidth`` come from the segment sizes, which vary by a
    few bytes between runs (MPEG-TS interleaving), so only the master playlist carries them;
    ``as_dict()`` (stored in ``VideoAsset.renditions``) keeps the nominal, repeatable values.
    """

    name: str
    width: int
    height: int
    bandwidth: int
    codecs: str
    frame_rate: float
    playlist: str
    peak_bandwidth: int = 0
    average_bandwidth: int = 0

    @property
    def stream_bandwidth(self) -> int:
        """BANDWIDTH must not be below any segment's bitrate (RFC 8216, 4.3.4.2)."""
        return max(self.bandwidth, self.peak_bandwidth)

    def as_dict(self) -> dict:
        data = asdict(self)
        del data["peak_bandwidth"], data["average_bandwidth"]
        return data


@dataclass(frozen=True)
class SubtitleEntry:
    language: str
    label: str
    is_default: bool

    @property
    def playlist(self) -> str:
        return f"{SUBTITLE_GROUP}/{self.language}.m3u8"


def read_segments(playlist: Path) -> list[tuple[float, str]]:
    """``(duration, uri)`` for each segment of a media playlist; TranscodeError if unfinished."""
    if not playlist.exists():
        raise TranscodeError(f"ffmpeg did not write {playlist.parent.name}/{playlist.name}.")
    lines = [line.strip() for line in playlist.read_text(encoding="utf-8").splitlines()]
    if "#EXT-X-ENDLIST" not in lines:
        raise TranscodeError(f"{playlist.parent.name}/{playlist.name} is incomplete.")
    segments = []
    for index, line in enumerate(lines):
        if line.startswith("#EXTINF:"):
            segments.append((float(line[8:].split(",")[0]), lines[index + 1]))
    return segments


def build_variant(out_dir: Path, rendition: Rendition, frame_rate: float) -> Variant:
    """Measure a finished rendition: peak and average bitrate, and its codecs."""
    segments = read_segments(out_dir / rendition.playlist)
    folder = out_dir / rendition.name
    rates = [(folder / uri).stat().st_size * 8 / max(seconds, 0.001) for seconds, uri in segments]
    total_bits = sum((folder / uri).stat().st_size * 8 for _, uri in segments)
    total_seconds = sum(seconds for seconds, _ in segments)
    return Variant(
        name=rendition.name,
        width=rendition.width,
        height=rendition.height,
        bandwidth=rendition.bandwidth,
        codecs=segment_codecs(folder / segments[0][1]),
        frame_rate=round(frame_rate, 3),
        playlist=rendition.playlist,
        peak_bandwidth=math.ceil(max(rates)),
        average_bandwidth=math.ceil(total_bits / max(total_seconds, 0.001)),
    )


def segment_codecs(segment: Path) -> str:
    """The RFC 6381 CODECS value for a segment, e.g. ``avc1.640028,mp4a.40.2``."""
    streams = run_ffprobe(segment).get("streams", [])
    codecs = [avc_codec(s) for s in streams if s.get("codec_type") == "video"][:1]
    if any(s.get("codec_type") == "audio" for s in streams):
        codecs.append(AAC_LC)
    if not codecs:
        raise TranscodeError(f"{segment.name} has no video.")
    return ",".join(codecs)


def avc_codec(stream: dict) -> str:
    profile, constraints = AVC_PROFILES.get(stream.get("profile", ""), AVC_PROFILES["High"])
    level = int(stream.get("level") or 40)
    return f"avc1.{profile:02x}{constraints:02x}{level:02x}"


def segment_start_time(segment: Path) -> float:
    """When a segment's first frame plays (MPEG-TS timestamps start near 1.4 s, not 0)."""
    return float(run_ffprobe(segment).get("format", {}).get("start_time") or 0)


def write_master(out_dir: Path, variants: list[Variant], subtitles: list[SubtitleEntry]) -> Path:
    """Write ``master.m3u8`` (replacing ffmpeg's) listing variants, largest first."""
    lines = ["#EXTM3U", "#EXT-X-VERSION:3", "#EXT-X-INDEPENDENT-SEGMENTS"]
    lines += [_media_line(entry) for entry in subtitles]
    for variant in variants:
        lines += [_stream_inf(variant, bool(subtitles)), variant.playlist]
    path = out_dir / MASTER_FILENAME
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _media_line(entry: SubtitleEntry) -> str:
    return (
        f'#EXT-X-MEDIA:TYPE=SUBTITLES,GROUP-ID="{SUBTITLE_GROUP}",'
        f'NAME="{_quoted(entry.label)}",LANGUAGE="{_quoted(entry.language)}",'
        f"DEFAULT={'YES' if entry.is_default else 'NO'},AUTOSELECT=YES,"
        f'URI="{entry.playlist}"'
    )


def _stream_inf(variant: Variant, with_subtitles: bool) -> str:
    attributes = [
        f"BANDWIDTH={variant.stream_bandwidth}",
        f"AVERAGE-BANDWIDTH={variant.average_bandwidth}",
        f"RESOLUTION={variant.width}x{variant.height}",
        f'CODECS="{variant.codecs}"',
        f"FRAME-RATE={variant.frame_rate:.3f}",
    ]
    if with_subtitles:
        attributes.append(f'SUBTITLES="{SUBTITLE_GROUP}"')
    return "#EXT-X-STREAM-INF:" + ",".join(attributes)


def write_subtitle_playlist(path: Path, vtt_name: str, duration: float) -> None:
    """A one-segment VOD playlist for a WebVTT file next to it."""
    lines = [
        "#EXTM3U",
        "#EXT-X-VERSION:3",
        f"#EXT-X-TARGETDURATION:{math.ceil(duration)}",
        "#EXT-X-MEDIA-SEQUENCE:0",
        "#EXT-X-PLAYLIST-TYPE:VOD",
        f"#EXTINF:{duration:.3f},",
        vtt_name,
        "#EXT-X-ENDLIST",
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _quoted(value: str) -> str:
    """Quoted-string attribute values may not contain double quotes or line breaks."""
    return value.replace('"', "'").replace("\n", " ").replace("\r", " ")
