"""Template helpers for public catalog templates."""

import json

from django import template
from django.utils.safestring import mark_safe

register = template.Library()

_ESCAPES = {ord("<"): "\\u003c", ord(">"): "\\u003e", ord("&"): "\\u0026"}


@register.filter
def json_ld(data) -> str:
    """Render a dict as a ``<script type="application/ld+json">`` element, safely escaped."""
    if not data:
        return ""
    payload = json.dumps(data, ensure_ascii=False, separators=(",", ":")).translate(_ESCAPES)
    return mark_safe(f'<script type="application/ld+json">{payload}</script>')  # noqa: S308


@register.filter
def page_type(page) -> str:
    """``catalog.showpage`` style label for ``data-page-type``."""
    model = type(getattr(page, "specific_deferred", page))
    return f"{model._meta.app_label}.{model._meta.model_name}" if page else ""


@register.simple_tag
def episode_still(episode, show=None):
    """The episode's 16:9 picture with its fallbacks (catalog.selectors.episode_image)."""
    from catalog.selectors import episode_image

    return episode_image(episode, show or None)
