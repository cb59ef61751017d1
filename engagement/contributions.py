"""What engagement contributes (see mediasite/registry.py): its API, ``/me`` ``profile``,
the play API's viewer ceiling, account pages, export sections and deletion."""

from engagement import account_urls
from engagement.api import router
from engagement.api.profiles import ProfileOut, me_profile
from engagement.profiles import viewer_ceiling
from engagement.services.moderation.personal_data import (
    moderation_data_delete,
    moderation_export,
)


def register(registry) -> None:
    registry.add_api_router("/", router)
    registry.add_me_field(
        "profile",
        ProfileOut | None,
        me_profile,
        description="The active household profile (null when signed out).",
    )
    registry.set_viewer_ceiling(viewer_ceiling)
    # Moderation notices and appeals (docs/moderation.md).
    registry.add_account_pages("notices/", account_urls.urlpatterns)
    registry.add_menu_entry("Notices", "notices", order=800)
    registry.add_export_section("moderation", moderation_export)
    registry.add_deletion_hook(moderation_data_delete)
