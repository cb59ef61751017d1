"""What the catalog contributes to the API (see mediasite/registry.py): the play endpoint."""

from catalog.api import router as playback_router


def register(registry) -> None:
    registry.add_api_router("/", playback_router)
