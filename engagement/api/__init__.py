"""The engagement API under /api/v1/: one router per concern, mounted by contributions.py.

Every endpoint answers for the active profile (engagement.profiles), and every write
passes engagement.guards first.
"""

from ninja import Router

from engagement.api import (
    alerts,
    profiles,
    progress,
    ratings,
    reports,
    reviews,
    state,
    watchlist,
)

router = Router()
for module in (profiles, state, watchlist, ratings, reviews, progress, alerts, reports):
    router.add_router("/", module.router)
