"""Copy a finished HLS folder into private storage, and delete HLS folders from it.

Every run writes to a fresh prefix ``hls/<asset id>/<uuid4 hex>/``; nothing is ever
overwritten in place, so the output a viewer is playing stays whole until it is deleted
after the switch to the new one (see pipeline.py).
"""

import shutil
import uuid
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor, as_completed
from pathlib import Path

from django.core.files import File
from django.core.files.storage import FileSystemStorage, Storage

from storages.utils import safe_join

from catalog.storage import is_s3

UPLOAD_THREADS = 8
CONTENT_TYPES = {
    ".m3u8": "application/vnd.apple.mpegurl",
    ".ts": "video/mp2t",
    ".vtt": "text/vtt; charset=utf-8",
    ".jpg": "image/jpeg",
}


def asset_root(asset_id: int) -> str:
    return f"hls/{asset_id}/"


def new_prefix(asset_id: int) -> str:
    """A prefix no earlier run used: ``hls/<asset id>/<uuid4 hex>/``."""
    return f"{asset_root(asset_id)}{uuid.uuid4().hex}/"


def upload_tree(
    local_dir: Path,
    prefix: str,
    storage: Storage,
    *,
    on_file: Callable[[int, int], None] | None = None,
) -> list[str]:
    """Upload every file under ``local_dir`` to ``prefix`` + its relative path, in parallel.

    ``on_file(done, total)`` is called from this thread (not the upload threads) after each file.
    """
    files = sorted(path for path in local_dir.rglob("*") if path.is_file())
    names = [prefix + path.relative_to(local_dir).as_posix() for path in files]
    with ThreadPoolExecutor(max_workers=UPLOAD_THREADS) as pool:
        futures = [
            pool.submit(_upload, path, name, storage)
            for path, name in zip(files, names, strict=True)
        ]
        for done, future in enumerate(as_completed(futures), start=1):
            future.result()
            if on_file:
                on_file(done, len(files))
    return names


def _upload(path: Path, name: str, storage: Storage) -> None:
    with path.open("rb") as handle:
        content = File(handle, name=path.name)
        content.content_type = CONTENT_TYPES.get(path.suffix, "application/octet-stream")
        saved = storage.save(name, content)
    if saved != name:
        raise OSError(f"Storage saved {name} as {saved}; the HLS layout needs exact names.")


def list_prefixes(storage: Storage, asset_id: int) -> list[str]:
    """The HLS prefixes stored for an asset (normally exactly one)."""
    root = asset_root(asset_id)
    try:
        directories, _files = storage.listdir(root)
    except FileNotFoundError:
        return []
    prefixes = sorted(f"{root}{directory}/" for directory in directories)
    return [prefix for prefix in prefixes if _has_objects(storage, prefix)]


def _has_objects(storage: Storage, prefix: str) -> bool:
    """Some S3 servers (SeaweedFS) keep listing a "folder" after its last object is deleted."""
    if not is_s3(storage):
        return True
    return any(storage.bucket.objects.filter(Prefix=_s3_key_prefix(storage, prefix)).limit(1))


def _s3_key_prefix(storage: Storage, prefix: str) -> str:
    return safe_join(storage.location, prefix).rstrip("/") + "/"


def list_files(storage: Storage, prefix: str) -> list[str]:
    """Every file name under ``prefix``, recursively."""
    try:
        directories, files = storage.listdir(prefix)
    except FileNotFoundError:
        return []
    names = [prefix + name for name in files]
    for directory in directories:
        names += list_files(storage, f"{prefix}{directory}/")
    return names


def delete_prefix(storage: Storage, prefix: str) -> None:
    """Delete everything under ``prefix`` (a no-op when nothing is there)."""
    if not prefix.startswith("hls/") or not prefix.endswith("/"):
        raise ValueError(f"Refusing to delete {prefix!r}: not an HLS prefix.")
    if is_s3(storage):
        storage.bucket.objects.filter(Prefix=_s3_key_prefix(storage, prefix)).delete()
    elif isinstance(storage, FileSystemStorage):
        shutil.rmtree(storage.path(prefix), ignore_errors=True)
    else:
        for name in list_files(storage, prefix):
            storage.delete(name)


def delete_other_prefixes(storage: Storage, asset_id: int, keep: str) -> list[str]:
    """Delete every HLS prefix of the asset except ``keep``; returns those deleted."""
    stale = [prefix for prefix in list_prefixes(storage, asset_id) if prefix != keep]
    for prefix in stale:
        delete_prefix(storage, prefix)
    return stale
