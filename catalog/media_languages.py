"""The languages a video can be in: its original audio and its subtitle tracks.

Not the site's languages (``settings.LANGUAGES``, ``catalog/languages.py``): a video
may have Japanese audio and Portuguese subtitles on a site in English, French and
Spanish. The list is Django's own (``django.conf.locale.LANG_INFO``: about a hundred
codes such as ``en``, ``fr``, ``pt-br``, ``zh-hans``), so every code has a name in its
own language (the player's label, "Français") and a name translated into the page's
language (the episode page's "Audio: anglais"). Codes are lower case, as Django
writes them; BCP 47 compares them case-insensitively, so ``pt-br`` is ``pt-BR``.

``validate_media_language`` is the one check: the models' validators, the admin's
select boxes and the media pipeline (``catalog/media/subtitles.py``) all use it.
"""

from django.conf.locale import LANG_INFO
from django.core.exceptions import ValidationError
from django.utils.translation import get_language_info

#: Django's codes with a name of their own (entries that only point elsewhere are left out).
MEDIA_LANGUAGE_CODES = frozenset(code for code, info in LANG_INFO.items() if "name" in info)


def is_media_language(code: str) -> bool:
    return code in MEDIA_LANGUAGE_CODES


def validate_media_language(value: str) -> None:
    """Model and form validator: ``value`` must be one of ``MEDIA_LANGUAGE_CODES``."""
    if not is_media_language(value):
        raise ValidationError(
            "“%(value)s” is not a language code we know: use one such as en, fr, es or pt-br.",
            code="invalid_language",
            params={"value": value},
        )


def own_name(code: str) -> str:
    """The language's name in itself, capitalised: "English", "Français", "Español"."""
    name = get_language_info(code)["name_local"]
    return name[:1].upper() + name[1:]


def translated_name(code: str) -> str:
    """The language's name in the active language ("anglais" on a French page)."""
    return str(get_language_info(code)["name_translated"])


def media_language_choices(blank_label: str | None = None) -> list[tuple[str, str]]:
    """Select-box choices, by name: ("fr", "Français (fr)"); a blank first if labelled."""
    choices = sorted(
        ((code, f"{own_name(code)} ({code})") for code in MEDIA_LANGUAGE_CODES),
        key=lambda choice: choice[1].casefold(),
    )
    return [("", blank_label), *choices] if blank_label is not None else choices
