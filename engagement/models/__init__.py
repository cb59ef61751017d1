"""The engagement app's models, one module per concern."""

from engagement.models.alerts import AlertFrequency, AlertPreference, EpisodeAlert
from engagement.models.moderation import (
    AccountRestriction,
    Appeal,
    AppealStatus,
    BlockedTerm,
    ModerationAction,
    ModerationClaim,
    ModerationNote,
    Notice,
    Report,
    ReportReason,
    ReportStatus,
    RestrictionKind,
    TargetType,
)
from engagement.models.profiles import MAX_PROFILES, Avatar, Profile, ProfileLanguage
from engagement.models.progress import ViewingProgress
from engagement.models.ratings import Rating, RatingSummary
from engagement.models.reviews import MAX_REVIEW_LENGTH, Review, ReviewHelpful, ReviewStatus
from engagement.models.watchlist import WatchlistItem

__all__ = [
    "AccountRestriction",
    "Appeal",
    "AppealStatus",
    "BlockedTerm",
    "ModerationAction",
    "ModerationClaim",
    "ModerationNote",
    "Notice",
    "Report",
    "ReportReason",
    "ReportStatus",
    "RestrictionKind",
    "TargetType",
    "MAX_PROFILES",
    "MAX_REVIEW_LENGTH",
    "AlertFrequency",
    "AlertPreference",
    "Avatar",
    "EpisodeAlert",
    "Profile",
    "ProfileLanguage",
    "Rating",
    "RatingSummary",
    "Review",
    "ReviewHelpful",
    "ReviewStatus",
    "ViewingProgress",
    "WatchlistItem",
]
