"""Image renditions that public templates ask for, made ahead of the first visitor.

The specs mirror the templates (grep ``fill-`` in templates/): if a template changes its
sizes, change them here too, or the first visitor pays for the resize again.
"""

from wagtail.models import Page

# Hero artwork (components/backdrop.html): wide crops for larger screens, square for phones.
BACKDROP = ["fill-960x400", "fill-1440x600", "fill-1920x800", "fill-640x640", "fill-1080x1080"]
# The player's poster (components/play_button.html).
PLAYER = ["fill-640x360", "fill-1280x720", "fill-1920x1080"]
# Cards (components/card.html, article_card.html), portrait and landscape.
PORTRAIT_CARD = ["fill-300x450", "fill-600x900"]
LANDSCAPE_CARD = ["fill-480x270", "fill-960x540"]
# OpenGraph / Twitter image (layout/social_image.html).
SOCIAL = ["fill-1200x630"]

STANDARD_RENDITIONS: dict[str, list[str]] = {
    "poster": [*PORTRAIT_CARD, *LANDSCAPE_CARD, *SOCIAL],
    "backdrop": [*BACKDROP, *PLAYER, *SOCIAL],
    "still": [*PLAYER, "fill-240x135", *LANDSCAPE_CARD, *SOCIAL],
    "hero_image": [
        *BACKDROP,
        "fill-640x360",
        "fill-1024x576",
        "fill-1600x900",
        "fill-2048x1152",
        *LANDSCAPE_CARD,
        *SOCIAL,
    ],
}


def has_standard_images(page: Page) -> bool:
    """The page type has at least one image field listed in STANDARD_RENDITIONS."""
    return any(hasattr(page, f"{field}_id") for field in STANDARD_RENDITIONS)


def standard_renditions_generate(*, page: Page) -> int:
    """Create any missing standard renditions of the page's images; returns how many specs."""
    count = 0
    for field, specs in STANDARD_RENDITIONS.items():
        image = getattr(page, field, None) if hasattr(page, f"{field}_id") else None
        if image is not None:
            image.get_renditions(*specs)
            count += len(specs)
    return count
