"""What engagement contributes (see mediasite/registry.py): its API, ``/me`` ``profile``,
the play API's viewer ceiling, account pages, export sections and deletion."""

from engagement.api import router
from engagement.api.profiles import ProfileOut, me_profile
from engagement.profiles import viewer_ceiling
from engagement.services.reviews import delete_account_reviews_and_ratings


def register(registry) -> None:
    registry.add_api_router("/", router)
    registry.add_me_field(
        "profile",
        ProfileOut | None,
        me_profile,
        description="The active household profile (null when signed out).",
    )
    registry.set_viewer_ceiling(viewer_ceiling)
    # Ratings and reviews leave with the account, the pages' summaries updated.
    registry.add_deletion_hook(delete_account_reviews_and_ratings)
