"""The two storages: public (images, posters) and private (video sources, HLS, subtitles).

Public is Django's default storage (``STORAGES["default"]``). Private is
``STORAGES["private"]``: a private S3 bucket with short-lived signed URLs when one is
configured, otherwise a folder outside MEDIA_ROOT that no URL pattern serves.
"""

from django.core.files.storage import Storage, storages


def private_storage() -> Storage:
    """The private storage; a callable so FileFields and migrations don't capture settings."""
    return storages["private"]


def is_s3(storage: Storage) -> bool:
    return hasattr(storage, "bucket_name")
