"""Signed HLS delivery: ``/play/<token>/<path>`` for playlists, segments and subtitles.

The token (catalog/media/signing.py) names the asset and an expiry. Playlists are
read from private storage; on S3 their segment and subtitle URIs are rewritten to
presigned URLs that expire with the token, so the bytes come straight from the
bucket. On local storage the relative URIs resolve back to this view, which streams
the files itself. Nothing here is cacheable by a shared cache.
"""

from __future__ import annotations

import logging
import posixpath

from django.http import FileResponse, Http404, HttpResponse, JsonResponse
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_GET

from botocore.exceptions import BotoCoreError, ClientError

from catalog.media.signing import Grant, InvalidToken, read_token
from catalog.models import VideoAsset
from catalog.storage import is_s3, private_storage

logger = logging.getLogger(__name__)

CONTENT_TYPES = {
    ".m3u8": "application/vnd.apple.mpegurl",
    ".ts": "video/mp2t",
    ".m4s": "video/iso.segment",
    ".mp4": "video/mp4",
    ".vtt": "text/vtt; charset=utf-8",
    ".jpg": "image/jpeg",
}
STORAGE_ERRORS = (BotoCoreError, ClientError, OSError)


class StorageUnavailable(Exception):
    pass


def _json_error(status: int, detail: str) -> JsonResponse:
    response = JsonResponse({"detail": detail}, status=status)
    patch_cache_control(response, private=True, no_store=True)
    return response


def _safe_path(path: str) -> str:
    normalised = posixpath.normpath(path)
    extension = posixpath.splitext(normalised)[1]
    if normalised.startswith(("/", "..")) or "/../" in normalised or extension not in CONTENT_TYPES:
        raise Http404("No such file.")
    return normalised


def _read_text(storage, name: str) -> str:
    try:
        with storage.open(name, "rb") as handle:
            return handle.read().decode("utf-8")
    except FileNotFoundError as exc:
        raise Http404("No such file.") from exc
    except STORAGE_ERRORS as exc:
        if isinstance(exc, ClientError) and exc.response.get("Error", {}).get("Code") in {
            "NoSuchKey",
            "404",
        }:
            raise Http404("No such file.") from exc
        raise StorageUnavailable from exc


def _presign_uris(playlist: str, base: str, storage, seconds: int) -> str:
    """Turn each relative URI line of a media playlist into a presigned storage URL."""
    out = []
    for line in playlist.splitlines():
        if line and not line.startswith("#") and "://" not in line:
            name = posixpath.normpath(posixpath.join(base, line))
            line = storage.url(name, expire=seconds)
        out.append(line)
    return "\n".join(out) + "\n"


def _playlist_response(grant: Grant, asset: VideoAsset, path: str) -> HttpResponse:
    storage = private_storage()
    name = asset.hls_prefix + path
    text = _read_text(storage, name)
    is_master = path == "master.m3u8"
    if is_s3(storage) and not is_master and "#EXT-X-STREAM-INF" not in text:
        text = _presign_uris(text, posixpath.dirname(name), storage, grant.seconds_left)
    response = HttpResponse(text, content_type=CONTENT_TYPES[".m3u8"])
    patch_cache_control(response, private=True, no_store=True)
    return response


def _file_response(grant: Grant, asset: VideoAsset, path: str) -> HttpResponse:
    storage = private_storage()
    name = asset.hls_prefix + path
    if is_s3(storage):
        response = HttpResponse(status=302)
        response["Location"] = storage.url(name, expire=grant.seconds_left)
        patch_cache_control(response, private=True, no_store=True)
        return response
    try:
        handle = storage.open(name, "rb")
    except FileNotFoundError as exc:
        raise Http404("No such file.") from exc
    response = FileResponse(handle, content_type=CONTENT_TYPES[posixpath.splitext(path)[1]])
    patch_cache_control(response, private=True, max_age=min(grant.seconds_left, 3600))
    return response


@require_GET
def hls_file(request, token: str, path: str):
    """Serve one file of a signed playback session (403 if the token is bad or expired)."""
    try:
        grant = read_token(token)
    except InvalidToken as exc:
        return _json_error(403, str(exc))
    path = _safe_path(path)
    # Any asset with HLS output plays: a re-run keeps serving the previous output until it
    # switches, and a failed re-run leaves it in place.
    asset = VideoAsset.objects.filter(pk=grant.asset_id).exclude(hls_prefix="").first()
    if asset is None:
        return _json_error(404, "This video is not available.")
    try:
        if path.endswith(".m3u8"):
            return _playlist_response(grant, asset, path)
        return _file_response(grant, asset, path)
    except StorageUnavailable:
        logger.exception("private storage unavailable serving %s", path)
        return _json_error(503, "Video storage is unavailable; try again in a moment.")
