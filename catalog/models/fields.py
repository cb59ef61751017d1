"""Shared field factories for optional links from pages to images and videos."""

from django.db import models

from wagtail.images import get_image_model_string

from wagtail_localize.fields import SynchronizedField


def optional_link(to: str, help_text: str = "") -> models.ForeignKey:
    """An optional link that is cleared (not cascaded) when the target is deleted."""
    return models.ForeignKey(
        to,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=help_text,
    )


def optional_image(help_text: str = "") -> models.ForeignKey:
    return optional_link(get_image_model_string(), help_text)


def optional_video(help_text: str = "") -> models.ForeignKey:
    return optional_link("catalog.VideoAsset", help_text)


def synchronized(*names: str) -> list[SynchronizedField]:
    """Fields every translation copies from its source and cannot override.

    For ``override_translatable_fields``: rights, access, video, dates and artwork are
    the same in every language (docs/localisation.md, "Synchronised fields").
    wagtail-localize copies them on every sync and, not overridable, its translation
    editor offers no way to change them in one language.
    """
    return [SynchronizedField(name, overridable=False) for name in names]
