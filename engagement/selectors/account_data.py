"""Engagement's sections of the account's data export (registered in contributions.py).

Everything is per profile, so each section lists rows of every profile of the account,
named by profile. PIN hashes are never exported (only whether a PIN is set).
"""

from __future__ import annotations

from typing import Any

from engagement.models import (
    AlertPreference,
    EpisodeAlert,
    Profile,
    Rating,
    Review,
    ViewingProgress,
    WatchlistItem,
)


def _page(page) -> dict[str, Any]:
    return {"id": page.pk, "title": page.title, "url": page.url}


def export_profiles(user) -> list[dict[str, Any]]:
    return [
        {
            "name": p.name,
            "avatar": p.avatar,
            "language": p.language,
            "maturity_ceiling": p.maturity_ceiling,
            "is_kids": p.is_kids,
            "is_main": p.is_main,
            "has_pin": p.has_pin,
            "created_at": p.created_at,
        }
        for p in Profile.objects.filter(user=user)
    ]


def export_my_list(user) -> list[dict[str, Any]]:
    items = WatchlistItem.objects.filter(profile__user=user).select_related("profile", "page")
    return [
        {"profile": i.profile.name, "page": _page(i.page), "added_at": i.added_at}
        for i in items.order_by("profile_id", "-added_at")
    ]


def export_ratings(user) -> list[dict[str, Any]]:
    ratings = Rating.objects.filter(profile__user=user).select_related("profile", "page")
    return [
        {
            "profile": r.profile.name,
            "page": _page(r.page),
            "score": r.score,
            "updated_at": r.updated_at,
        }
        for r in ratings.order_by("profile_id", "-updated_at")
    ]


def export_reviews(user) -> list[dict[str, Any]]:
    reviews = Review.objects.filter(user=user).select_related("page", "profile")
    return [
        {
            "profile": r.profile.name if r.profile else None,
            "page": _page(r.page),
            "score": r.score,
            "body": r.body,
            "spoiler": r.spoiler,
            "status": r.status,
            "helpful_count": r.helpful_count,
            "created_at": r.created_at,
            "updated_at": r.updated_at,
        }
        for r in reviews.order_by("-created_at")
    ]


def _progress_row(row: ViewingProgress) -> dict[str, Any]:
    return {
        "profile": row.profile.name,
        "episode": _page(row.episode),
        "position": row.position,
        "duration": row.duration,
        "watched": row.watched,
        "dismissed": row.dismissed,
        "last_watched_at": row.last_watched_at,
    }


def export_viewing_history(user) -> list[dict[str, Any]]:
    """Progress and history are one table: every episode watched, newest first."""
    rows = ViewingProgress.objects.filter(profile__user=user).select_related("profile", "episode")
    return [_progress_row(row) for row in rows.order_by("-last_watched_at", "-pk")]


def export_alert_preferences(user) -> list[dict[str, Any]]:
    preferences = AlertPreference.objects.filter(profile__user=user).select_related("profile")
    return [{"profile": p.profile.name, "frequency": p.frequency} for p in preferences]


def export_episode_alerts(user) -> list[dict[str, Any]]:
    alerts = EpisodeAlert.objects.filter(user=user).select_related("episode")
    return [
        {
            "episode": _page(a.episode),
            "status": a.status,
            "created_at": a.created_at,
            "sent_at": a.sent_at,
        }
        for a in alerts.order_by("-created_at")
    ]


EXPORT_SECTIONS = {
    "profiles": export_profiles,
    "my_list": export_my_list,
    "ratings": export_ratings,
    "reviews": export_reviews,
    "viewing_history": export_viewing_history,
    "alert_preferences": export_alert_preferences,
    "episode_alerts": export_episode_alerts,
}
