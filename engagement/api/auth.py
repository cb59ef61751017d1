"""Session auth with CSRF for engagement's writes: the project's (mediasite/api_auth.py)."""

from mediasite.api_auth import SessionWrite, session_write

__all__ = ["SessionWrite", "session_write"]
