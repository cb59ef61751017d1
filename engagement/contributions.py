"""What engagement contributes (see mediasite/registry.py): its API, ``/me`` ``profile``,
the play API's viewer ceiling, account pages, export sections and deletion."""

from engagement import account_urls
from engagement.api import router
from engagement.api.profiles import ProfileOut, me_profile
from engagement.profiles import viewer_ceiling
from engagement.selectors.account_data import EXPORT_SECTIONS
from engagement.services.account_data import engagement_data_delete
from engagement.services.moderation.personal_data import (
    moderation_data_delete,
    moderation_export,
)
from engagement.services.reviews import delete_account_reviews_and_ratings
from engagement.urls import profiles as profile_urls
from engagement.urls.history import urlpatterns as history_urlpatterns
from engagement.views import alerts as alert_views
from engagement.views import watchlist as watchlist_views
from engagement.views.profiles import login_redirect


def register(registry) -> None:
    registry.add_api_router("/", router)
    registry.add_me_field(
        "profile",
        ProfileOut | None,
        me_profile,
        description="The active household profile (null when signed out).",
    )
    registry.set_viewer_ceiling(viewer_ceiling)

    # Profiles: /account/profiles/ and the "Who's watching?" picker after sign-in.
    registry.add_account_pages("profiles/", profile_urls.urlpatterns)
    registry.add_menu_entry("Profiles", "profiles", order=15)
    registry.add_login_redirect(login_redirect)
    registry.add_account_pages("list/", watchlist_views.urlpatterns)  # /account/list/
    registry.add_menu_entry("My List", "list", order=20)
    # Ratings and reviews leave with the account, the pages' summaries updated.
    registry.add_deletion_hook(delete_account_reviews_and_ratings)
    registry.add_account_pages("history/", history_urlpatterns)  # /account/history/
    registry.add_menu_entry("Viewing history", "history", order=40)
    registry.add_account_pages("alerts/", alert_views.urlpatterns)
    registry.add_menu_entry("Alerts", "alerts", order=60)

    for name, build in EXPORT_SECTIONS.items():
        registry.add_export_section(name, build)
    # The ratings/reviews deletion hook (which updates summaries) must be registered before
    # this one: deleting profiles cascades to their ratings.
    registry.add_deletion_hook(engagement_data_delete)
    # Moderation notices and appeals (docs/moderation.md).
    registry.add_account_pages("notices/", account_urls.urlpatterns)
    registry.add_menu_entry("Notices", "notices", order=800)
    registry.add_export_section("moderation", moderation_export)
    registry.add_deletion_hook(moderation_data_delete)
