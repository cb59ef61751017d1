"""Subtitle tracks: validate WebVTT and write it, with its playlist, next to the video."""

from dataclasses import dataclass
from pathlib import Path

from catalog.media_languages import is_media_language

from .errors import InvalidMedia
from .playlists import SUBTITLE_GROUP, SubtitleEntry, write_subtitle_playlist

MPEGTS_CLOCK = 90_000


@dataclass(frozen=True)
class SubtitleSource:
    """A track as the editor uploaded it."""

    language: str
    label: str
    is_default: bool
    content: bytes


def write_subtitles(
    tracks: list[SubtitleSource], out_dir: Path, *, duration: float, video_start: float
) -> list[SubtitleEntry]:
    """Write ``subs/<lang>.vtt`` and ``subs/<lang>.m3u8`` per track; one default at most."""
    if not tracks:
        return []
    folder = out_dir / SUBTITLE_GROUP
    folder.mkdir(parents=True, exist_ok=True)
    entries, has_default = [], False
    for track in tracks:
        text = with_timestamp_map(webvtt_text(track), video_start)
        (folder / f"{track.language}.vtt").write_text(text, encoding="utf-8")
        write_subtitle_playlist(
            folder / f"{track.language}.m3u8", f"{track.language}.vtt", duration
        )
        is_default = track.is_default and not has_default
        has_default = has_default or is_default
        entries.append(SubtitleEntry(track.language, track.label, is_default))
    return entries


def webvtt_text(track: SubtitleSource) -> str:
    """The track's text; InvalidMedia unless it is UTF-8 WebVTT with a usable language code."""
    if not is_media_language(track.language):
        raise InvalidMedia(f"“{track.language}” is not a language code (use e.g. en or pt-br).")
    try:
        text = track.content.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InvalidMedia(f"The {track.label} subtitles are not UTF-8 text.") from exc
    if not text.startswith("WEBVTT"):
        raise InvalidMedia(
            f"The {track.label} subtitles are not WebVTT (the file must start with “WEBVTT”)."
        )
    return text.replace("\r\n", "\n").replace("\r", "\n")


def with_timestamp_map(text: str, video_start: float) -> str:
    """Add ``X-TIMESTAMP-MAP`` so cue time 0 lines up with the first video frame.

    MPEG-TS segments start at ffmpeg's muxing delay (about 1.4 s), not at 0; players align
    WebVTT cues using this header (RFC 8216, section 3.5).
    """
    if "X-TIMESTAMP-MAP=" in text.split("\n\n", 1)[0]:
        return text
    first_line, _, rest = text.partition("\n")
    ticks = round(video_start * MPEGTS_CLOCK)
    return f"{first_line}\nX-TIMESTAMP-MAP=MPEGTS:{ticks},LOCAL:00:00:00.000\n{rest}"
