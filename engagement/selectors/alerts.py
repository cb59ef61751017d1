"""Reads for the alerts page: each profile's frequency and the account's recent alerts."""

from __future__ import annotations

from dataclasses import dataclass

from catalog.models import EpisodePage
from engagement.models import AlertFrequency, AlertPreference, EpisodeAlert, Profile

RECENT_ALERTS = 20


@dataclass(frozen=True)
class RecentAlert:
    show: str
    episode: str
    label: str
    url: str | None  # None when the episode is no longer live
    status: str
    status_display: str
    moment: object


def profile_frequencies(*, user) -> list[tuple[Profile, str]]:
    """Every profile of the account with its alert frequency (immediate when never set)."""
    rows = []
    for profile in Profile.objects.filter(user=user).select_related("alert_preference"):
        try:
            frequency = profile.alert_preference.frequency
        except AlertPreference.DoesNotExist:
            frequency = AlertFrequency.IMMEDIATE
        rows.append((profile, frequency))
    return rows


def recent_alerts(*, user, limit: int = RECENT_ALERTS) -> list[RecentAlert]:
    """The account's newest alerts (two queries, whatever the number)."""
    alerts = list(EpisodeAlert.objects.filter(user=user).order_by("-created_at", "-pk")[:limit])
    episodes = EpisodePage.objects.defer_streamfields().select_related("season__show")
    by_id = {e.pk: e for e in episodes.filter(pk__in=[a.episode_id for a in alerts])}
    rows = []
    for alert in alerts:
        episode = by_id.get(alert.episode_id)
        if episode is None:
            continue
        season = episode.season
        rows.append(
            RecentAlert(
                show=season.show.title if season and season.show_id else "",
                episode=episode.title,
                label=f"S{season.number} E{episode.number}" if season else f"E{episode.number}",
                url=episode.url if episode.live else None,
                status=alert.status,
                status_display=alert.get_status_display(),
                moment=alert.sent_at or alert.created_at,
            )
        )
    return rows
