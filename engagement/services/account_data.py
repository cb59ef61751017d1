"""Engagement's part of account deletion (registered in contributions.py).

The account row stays (anonymous and inactive, subscriptions.account_services), so
nothing cascades by itself: this hook removes the viewing state explicitly.

Ratings and reviews are not deleted here: their summaries must be updated in the same
transaction, which the ratings/reviews deletion hook does. It must be registered
*before* :func:`engagement_data_delete` (hooks run in registration order), because
deleting a profile cascades to its ratings.
"""

from __future__ import annotations

import logging

from engagement.models import (
    AlertPreference,
    EpisodeAlert,
    Profile,
    Rating,
    ViewingProgress,
    WatchlistItem,
)

logger = logging.getLogger(__name__)


def engagement_data_delete(user) -> None:
    """Remove the account's profiles, My List, progress and history, alerts and
    alert preferences (inside the deletion's transaction)."""
    WatchlistItem.objects.filter(profile__user=user).delete()
    ViewingProgress.objects.filter(profile__user=user).delete()
    AlertPreference.objects.filter(profile__user=user).delete()
    EpisodeAlert.objects.filter(user=user).delete()
    if Rating.objects.filter(profile__user=user).exists():
        logger.error(
            "ratings of user %s are still there: the ratings deletion hook must run first", user.pk
        )
    Profile.objects.filter(user=user).delete()
