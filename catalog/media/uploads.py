"""Checks on an uploaded video before it is stored: size, extension, and what ffprobe says."""

import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile

from .errors import InvalidMedia
from .humanize import format_size
from .probe import ProbeResult, probe

ALLOWED_EXTENSIONS = frozenset(
    {".mp4", ".m4v", ".mov", ".mkv", ".webm", ".avi", ".ts", ".m2ts", ".mts", ".mpg", ".mpeg"}
    | {".mxf", ".wmv", ".flv"}
)


def validate_video_upload(upload: UploadedFile) -> ProbeResult:
    """Raise InvalidMedia unless the upload is a video the pipeline will accept."""
    check_size(upload.size or 0)
    check_extension(upload.name or "")
    with local_copy(upload) as path:
        return probe(path)


def check_size(size: int) -> None:
    if size == 0:
        raise InvalidMedia("The file is empty (0 bytes).")
    limit = settings.VIDEO_MAX_UPLOAD_MB * 1024 * 1024
    if size > limit:
        raise InvalidMedia(f"The file is {format_size(size)}; the limit is {format_size(limit)}.")


def check_extension(name: str) -> None:
    extension = Path(name).suffix.lower()
    if extension not in ALLOWED_EXTENSIONS:
        shown = extension or "Files without an extension"
        raise InvalidMedia(
            f"{shown} files are not accepted; upload a video such as MP4, MOV, MKV or WebM."
        )


@contextmanager
def local_copy(upload: UploadedFile) -> Iterator[Path]:
    """A path ffprobe can read: the upload's own temporary file, or a copy of a small upload."""
    if hasattr(upload, "temporary_file_path"):
        yield Path(upload.temporary_file_path())
        return
    with tempfile.NamedTemporaryFile(suffix=Path(upload.name or "").suffix) as copy:
        for chunk in upload.chunks():
            copy.write(chunk)
        copy.flush()
        upload.seek(0)
        yield Path(copy.name)
