"""How processing fails: for good (bad media, failed transcode) or for now (worth a retry)."""

from django.db import InterfaceError, OperationalError

from botocore.exceptions import BotoCoreError, ClientError

# Temporary failures the task retries with backoff: storage or network hiccups, a database
# restart. Anything else (and these, on the last attempt) fails the asset.
TEMPORARY_ERRORS = (
    OSError,
    ConnectionError,
    BotoCoreError,
    ClientError,
    OperationalError,
    InterfaceError,
)


class MediaError(Exception):
    """A failure an editor can read; ``reason`` is shown in the admin as it is."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


class InvalidMedia(MediaError):
    """The uploaded file is not a video we can process (empty, corrupt, no video, too long…)."""


class TranscodeError(MediaError):
    """ffmpeg failed or produced unusable output; ``reason`` ends with the tail of its log."""
