"""Shared field factories for optional links from pages to images and videos."""

from django.db import models

from wagtail.images import get_image_model_string


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
