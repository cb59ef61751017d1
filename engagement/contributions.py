"""What engagement contributes (see mediasite/registry.py): its API, ``/me`` ``profile``,
the play API's viewer ceiling, account pages, export sections and deletion."""

from engagement.api import router
from engagement.api.profiles import ProfileOut, me_profile
from engagement.profiles import viewer_ceiling
from engagement.urls import history_urlpatterns


def register(registry) -> None:
    registry.add_api_router("/", router)
    registry.add_me_field(
        "profile",
        ProfileOut | None,
        me_profile,
        description="The active household profile (null when signed out).",
    )
    registry.set_viewer_ceiling(viewer_ceiling)
    registry.add_account_pages("history/", history_urlpatterns)  # /account/history/
    registry.add_menu_entry("Viewing history", "history", order=40)
