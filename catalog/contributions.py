"""What the catalog contributes to the API (see mediasite/registry.py): the play endpoint,
and the viewer's country in ``/api/v1/me`` (for the region badges on shared pages)."""

from catalog.api import router as playback_router
from catalog.playables import me_country


def register(registry) -> None:
    registry.add_api_router("/", playback_router)
    registry.add_me_field(
        "country",
        str | None,
        me_country,
        description=(
            "The viewer's country (ISO 3166-1 alpha-2) as the CDN reports it; null when "
            "unknown. Pages mark items whose data-regions do not list it."
        ),
    )
