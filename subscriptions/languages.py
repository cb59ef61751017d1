"""A person's language: the account area, the sign-in pages and the e-mails they get.

Public pages take their language from the URL (mediasite/i18n.py) and never from the
person; everything private and everything mailed follows ``User.language``, set from
the page a person signs up from and changed in the account settings or with
``PUT /api/v1/me/language``. See docs/localisation.md ("Interface strings").
"""

from __future__ import annotations

from contextlib import contextmanager

from django.conf import settings
from django.utils import translation


class UnknownLanguage(ValueError):
    """A language code that is not one of settings.LANGUAGES."""


def language_codes() -> list[str]:
    return [code for code, _name in settings.LANGUAGES]


def supported_language(code: str | None) -> str | None:
    """``code`` if it names a configured language (``fr``, ``fr-ca`` → ``fr``), else None."""
    if not code:
        return None
    code = str(code).strip().lower()
    codes = language_codes()
    if code in codes:
        return code
    base = code.split("-", 1)[0]
    return base if base in codes else None


def user_language(user) -> str:
    """The configured language a user chose, else the default (``LANGUAGE_CODE``)."""
    return supported_language(getattr(user, "language", None)) or settings.LANGUAGE_CODE


def user_language_set(*, user, language) -> str:
    """Store ``language`` as the user's; :class:`UnknownLanguage` when not configured."""
    code = supported_language(language) if isinstance(language, str) else None
    if code is None or code != str(language).strip().lower():
        names = ", ".join(language_codes())
        raise UnknownLanguage(
            translation.gettext("Unknown language “%(code)s”: choose one of %(codes)s.")
            % {"code": language, "codes": names}
        )
    if user.language != code:
        user.language = code
        user.save(update_fields=["language"])
    return code


@contextmanager
def in_language_of(user):
    """Render in the user's language (an e-mail to them), whatever the request's is."""
    with translation.override(user_language(user)):
        yield
