"""Tiny media files made with the real ffmpeg, and VideoAssets that clean up after themselves.

Assets get a random large primary key and a unique source name, so their objects in the
shared private bucket (``hls/<id>/…``, ``sources/…``) never collide with another test run's.
"""

import secrets
import shutil
import subprocess
import tempfile
import uuid
from io import BytesIO
from pathlib import Path

from django.conf import settings
from django.core.files import File
from django.core.files.base import ContentFile

from PIL import Image as PILImage

from catalog.media import hls_storage
from catalog.models import SubtitleTrack, VideoAsset
from catalog.storage import private_storage

SUBTITLES_EN = (
    b"WEBVTT\n\n00:00:00.500 --> 00:00:02.000\nHello.\n\n00:00:02.500 --> 00:00:03.500\nBye.\n"
)


class MediaFiles:
    """A temporary folder of clips; ``make()`` once per test class (setUpClass)."""

    def __init__(self):
        self.dir = Path(tempfile.mkdtemp(prefix="media-tests-"))

    def cleanup(self) -> None:
        shutil.rmtree(self.dir, ignore_errors=True)

    def clip(self, name: str, *, size: str, seconds: float, audio: bool = True) -> Path:
        """An H.264 (+ AAC) MP4 of ffmpeg's test pattern (and a sine tone)."""
        path = self.dir / name
        inputs = ["-f", "lavfi", "-i", f"testsrc2=size={size}:rate=25"]
        if audio:
            inputs += ["-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000"]
        codecs = ["-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p"]
        codecs += ["-c:a", "aac"] if audio else []
        self._ffmpeg(*inputs, "-t", str(seconds), *codecs, str(path))
        return path

    def audio_only(self, name: str = "sound.m4a", seconds: float = 3) -> Path:
        path = self.dir / name
        self._ffmpeg("-f", "lavfi", "-i", "sine=frequency=440", "-t", str(seconds), str(path))
        return path

    def truncated(self, source: Path, name: str = "truncated.mp4") -> Path:
        """The first half of a real MP4 (its index, written last, is lost)."""
        data = source.read_bytes()
        path = self.dir / name
        path.write_bytes(data[: len(data) // 2])
        return path

    def text(self, name: str = "notes.mp4") -> Path:
        path = self.dir / name
        path.write_text("These are meeting notes, not a video.\n" * 50)
        return path

    def empty(self, name: str = "empty.mp4") -> Path:
        path = self.dir / name
        path.write_bytes(b"")
        return path

    def _ffmpeg(self, *args: str) -> None:
        command = [settings.FFMPEG_BINARY, "-hide_banner", "-nostdin", "-y", "-v", "error", *args]
        subprocess.run(command, check=True, capture_output=True, timeout=60)  # noqa: S603


class OneClipMixin:
    """A test class with one short real clip made by ffmpeg (``cls.clip``) and its files
    removed afterwards; set ``clip_name`` and ``clip_size``."""

    clip_name = "clip.mp4"
    clip_size = "160x120"

    @classmethod
    def setUpClass(cls):
        cls.files = MediaFiles()
        cls.clip = cls.files.clip(cls.clip_name, size=cls.clip_size, seconds=1)
        super().setUpClass()

    @classmethod
    def tearDownClass(cls):
        super().tearDownClass()
        cls.files.cleanup()


def make_asset(test_case, clip: Path, *, subtitles: bytes | None = None, **fields) -> VideoAsset:
    """A saved VideoAsset whose source is ``clip``; its files are removed from storage after
    the test (or, given a test class, after the class: for ``setUpTestData``)."""
    pk = 10**8 + secrets.randbelow(9 * 10**8)
    name = f"{uuid.uuid4().hex[:12]}-{clip.name}"
    with clip.open("rb") as handle:
        asset = VideoAsset(pk=pk, title=fields.pop("title", "Test video"), **fields)
        asset.source.save(name, File(handle), save=False)
    asset.save()
    if isinstance(test_case, type):
        test_case.addClassCleanup(cleanup_asset_storage, asset)
    else:
        test_case.addCleanup(cleanup_asset_storage, asset)
    if subtitles is not None:
        add_subtitles(asset, subtitles)
    return asset


def add_subtitles(asset: VideoAsset, content: bytes, language: str = "en") -> SubtitleTrack:
    track = SubtitleTrack(asset=asset, language=language, label="English", is_default=True)
    track.file.save(f"{uuid.uuid4().hex[:12]}-{language}.vtt", _bytes_file(content), save=True)
    return track


def cleanup_asset_storage(asset: VideoAsset) -> None:
    storage = private_storage()
    hls_storage.delete_prefix(storage, hls_storage.asset_root(asset.pk))
    for name in [asset.source.name, *_subtitle_names(asset)]:
        if name:
            storage.delete(name)
    poster = VideoAsset.objects.filter(pk=asset.pk).values_list("poster", flat=True).first()
    if poster:
        _delete_image_file(poster)


def _subtitle_names(asset: VideoAsset) -> list[str]:
    return list(SubtitleTrack.objects.filter(asset_id=asset.pk).values_list("file", flat=True))


def _delete_image_file(image_id: int) -> None:
    from wagtail.images import get_image_model

    image = get_image_model().objects.filter(pk=image_id).first()
    if image:
        image.file.delete(save=False)


def _bytes_file(content: bytes) -> File:
    return ContentFile(content)


def tiny_image_file(name: str = "chosen.png") -> ContentFile:
    """A 4x4 PNG, for an image an editor chose."""
    buffer = BytesIO()
    PILImage.new("RGB", (4, 4), "red").save(buffer, format="PNG")
    return ContentFile(buffer.getvalue(), name=name)


def stored_prefixes(asset: VideoAsset) -> list[str]:
    return hls_storage.list_prefixes(private_storage(), asset.pk)


def read_text(name: str) -> str:
    with private_storage().open(name, "rb") as handle:
        return handle.read().decode("utf-8")
