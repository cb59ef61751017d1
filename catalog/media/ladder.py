"""The bitrate ladder: which HLS renditions to make for a source of a given size.

Each tier is a box (1920x1080, 1280x720…). The source is scaled to fit inside the box with
its aspect ratio kept, and a tier is used only if that needs no upscaling; so a 1280x720
source gets 720p, 480p and 360p, and a 1920x800 "scope" source gets 1920x800 as its 1080p.
A source smaller than 360p gets one rendition at its own size.
"""

from dataclasses import asdict, dataclass

AUDIO_BITRATE_KBPS = 128
TS_OVERHEAD = 1.1


@dataclass(frozen=True)
class Tier:
    name: str
    width: int
    height: int
    video_bitrate: int  # kbit/s


TIERS = (
    Tier("1080p", 1920, 1080, 5000),
    Tier("720p", 1280, 720, 2800),
    Tier("480p", 854, 480, 1400),
    Tier("360p", 640, 360, 800),
)


@dataclass(frozen=True)
class Rendition:
    """One HLS variant: picture size and bitrates (kbit/s) for the encoder."""

    name: str
    width: int
    height: int
    video_bitrate: int
    maxrate: int
    bufsize: int
    audio_bitrate: int = AUDIO_BITRATE_KBPS

    @property
    def bandwidth(self) -> int:
        """Nominal peak bits/s for the master playlist: (video maxrate + audio) + 10% for
        MPEG-TS overhead, as ffmpeg estimates it."""
        return round((self.maxrate + self.audio_bitrate) * 1000 * TS_OVERHEAD)

    @property
    def resolution(self) -> str:
        return f"{self.width}x{self.height}"

    @property
    def playlist(self) -> str:
        """The variant playlist, relative to the master playlist."""
        return f"{self.name}/index.m3u8"

    def as_dict(self) -> dict:
        return {**asdict(self), "bandwidth": self.bandwidth, "playlist": self.playlist}


def ladder_for(width: int, height: int) -> list[Rendition]:
    """The renditions for a ``width`` x ``height`` source, largest first; never upscaled."""
    renditions: list[Rendition] = []
    for tier in TIERS:
        rendition = _fit(tier, width, height)
        if rendition and all(r.resolution != rendition.resolution for r in renditions):
            renditions.append(rendition)
    return renditions or [_source_sized(width, height)]


def _fit(tier: Tier, width: int, height: int) -> Rendition | None:
    scale = min(tier.width / width, tier.height / height)
    if scale > 1:
        return None
    out_width, out_height = _even(width * scale, width), _even(height * scale, height)
    pixel_share = (out_width * out_height) / (tier.width * tier.height)
    bitrate = round(tier.video_bitrate * max(0.5, min(1.0, pixel_share)))
    return _rendition(tier.name, out_width, out_height, bitrate)


def _source_sized(width: int, height: int) -> Rendition:
    smallest = TIERS[-1]
    out_width, out_height = _even(width, width), _even(height, height)
    pixel_share = (out_width * out_height) / (smallest.width * smallest.height)
    bitrate = round(smallest.video_bitrate * max(0.25, min(1.0, pixel_share)))
    return _rendition(f"{out_height}p", out_width, out_height, bitrate)


def _rendition(name: str, width: int, height: int, bitrate: int) -> Rendition:
    return Rendition(
        name=name,
        width=width,
        height=height,
        video_bitrate=bitrate,
        maxrate=round(bitrate * 1.07),
        bufsize=round(bitrate * 1.5),
    )


def _even(value: float, ceiling: int) -> int:
    """The nearest even number, not above ``ceiling`` (H.264 4:2:0 needs even sizes), min 2."""
    nearest = int(round(value / 2)) * 2
    return max(2, min(nearest, ceiling - ceiling % 2))
