"""New-episode alerts: who is told about which episode, when, and the one-click unsubscribe.

An episode *becomes playable* at the later of its first publication and its
``available_from``, and only while it is publicly visible (catalog.visibility) and its
window is open. Every profile that had the episode's show in My List at that moment
speaks for its account: the account gets one alert per episode, immediately or in the
daily digest (the most eager of its profiles' ``AlertPreference.frequency`` wins; a
profile whose maturity ceiling blocks the show does not count).

The :class:`~engagement.models.EpisodeAlert` row (unique per account and episode) is the
idempotency key. It is written in the same transaction as the send, so a retried task, a
second beat run or a second worker never sends twice, and a failed send leaves no row
(the next run tries again). Daily rows are written ``queued`` and sent by
:func:`digests_send`.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import Q
from django.db.models.functions import Coalesce, Greatest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from wagtail.models import Locale

from catalog.models import EpisodePage
from catalog.site_root import absolute_url
from catalog.visibility import is_publicly_visible, visible_pages
from engagement.models import AlertFrequency, AlertPreference, EpisodeAlert, Profile
from subscriptions.languages import in_language_of
from subscriptions.maturity import allows

logger = logging.getLogger(__name__)

Status = EpisodeAlert.Status
UNSUBSCRIBE_SALT = "engagement.alerts.unsubscribe"
# Most eager first: an account is told as eagerly as its most eager profile asks.
EAGERNESS = [AlertFrequency.IMMEDIATE, AlertFrequency.DAILY, AlertFrequency.OFF]


def lookback() -> timedelta:
    """How far back the beat task looks for episodes that became playable."""
    return timedelta(hours=settings.EPISODE_ALERT_LOOKBACK_HOURS)


# When an episode becomes playable ----------------------------------------------------------


def _visible(episode: EpisodePage) -> bool:
    """catalog's one rule, asked in the episode's own locale (a task has no request)."""
    with translation.override(episode.locale.language_code):
        return is_publicly_visible(episode)


def playable_since(episode: EpisodePage, *, now: datetime | None = None) -> datetime | None:
    """The moment ``episode`` became playable, or None when it is not playable now."""
    now = now or timezone.now()
    if not episode.live or episode.first_published_at is None:
        return None
    if not episode.is_available_at(now) or not _visible(episode):
        return None
    return max(episode.first_published_at, episode.available_from or episode.first_published_at)


def due_episodes(*, now: datetime) -> list[EpisodePage]:
    """Publicly visible episodes that became playable within the look-back window."""
    became = Greatest("first_published_at", Coalesce("available_from", "first_published_at"))
    candidates = (
        EpisodePage.objects.defer_streamfields()
        .annotate(became_playable=became)
        .filter(became_playable__gt=now - lookback(), became_playable__lte=now)
        .filter(Q(available_until__isnull=True) | Q(available_until__gt=now))
        .select_related("season__show", "locale")
    )
    episodes = []
    for locale in Locale.objects.all():
        with translation.override(locale.language_code):
            episodes += list(visible_pages(candidates.filter(locale=locale)))
    return episodes


# Who wants to hear about it ----------------------------------------------------------------


def _frequency(profile: Profile) -> str:
    try:
        return profile.alert_preference.frequency
    except AlertPreference.DoesNotExist:
        return AlertFrequency.IMMEDIATE


def _most_eager(frequencies) -> str:
    return min(frequencies, key=EAGERNESS.index, default=AlertFrequency.OFF)


def _listing_profiles(show, *, listed_before: datetime | None = None):
    """Profiles of active accounts with ``show`` in My List (added by ``listed_before``)."""
    profiles = Profile.objects.filter(watchlist__page_id=show.pk, user__is_active=True)
    if listed_before is not None:
        profiles = profiles.filter(watchlist__added_at__lte=listed_before)
    return profiles.select_related("user", "alert_preference")


def wanted_frequencies(show, *, listed_before: datetime | None = None) -> dict:
    """``{user: frequency}`` for every account that listed ``show``: the one rule of who is
    told, and how eagerly (read again when the digest goes out)."""
    by_user: dict = defaultdict(list)
    users = {}
    for profile in _listing_profiles(show, listed_before=listed_before):
        if profile.user.email and allows(profile.maturity_ceiling, show.maturity_rating):
            users[profile.user_id] = profile.user
            by_user[profile.user_id].append(_frequency(profile))
    return {users[uid]: _most_eager(freqs) for uid, freqs in by_user.items()}


# Sending ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class AlertLine:
    show: str
    episode: str
    label: str
    url: str


def _line(episode: EpisodePage) -> AlertLine:
    show = episode.season.show
    label = f"S{episode.season.number} E{episode.number}"
    return AlertLine(show.title, episode.title, label, absolute_url(None, episode.get_url()))


def unsubscribe_token(user) -> str:
    return signing.dumps({"u": user.pk}, salt=UNSUBSCRIBE_SALT, compress=True)


def unsubscribe_url(user) -> str:
    path = reverse("account:alerts_unsubscribe", kwargs={"token": unsubscribe_token(user)})
    return absolute_url(None, path)


def _send(user, episodes: list[EpisodePage], *, digest: bool) -> None:
    with in_language_of(user):
        _send_in_language(user, episodes, digest=digest)


def _send_in_language(user, episodes: list[EpisodePage], *, digest: bool) -> None:
    lines = [_line(episode) for episode in episodes]
    link = unsubscribe_url(user)
    context = {
        "user": user,
        "lines": lines,
        "digest": digest,
        "site_name": settings.WAGTAIL_SITE_NAME,
        "alerts_url": absolute_url(None, reverse("account:alerts")),
        "unsubscribe_url": link,
    }
    subject = render_to_string("engagement/email/episode_alert_subject.txt", context)
    body = render_to_string("engagement/email/episode_alert_message.txt", context)
    headers = {
        "List-Unsubscribe": f"<{link}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }
    EmailMessage(" ".join(subject.split()), body, None, [user.email], headers=headers).send()


def _deliver(user, frequency: str, episodes: list[EpisodePage], *, now: datetime) -> bool:
    """Write the account's rows for ``episodes`` and, when immediate, send the new ones in
    one e-mail, in one transaction. Returns whether an e-mail went out."""
    status = {
        AlertFrequency.IMMEDIATE: Status.SENT,
        AlertFrequency.DAILY: Status.QUEUED,
    }.get(frequency, Status.SKIPPED)
    with transaction.atomic():
        new = []
        for episode in episodes:
            _, created = EpisodeAlert.objects.get_or_create(
                user=user,
                episode_id=episode.pk,
                defaults={"status": status, "sent_at": now if status == Status.SENT else None},
            )
            if created:
                new.append(episode)
        if new and status == Status.SENT:
            _send(user, new, digest=False)
            return True
    return False


def alerts_send(episodes: list[EpisodePage], *, now: datetime | None = None) -> int:
    """Alert every account that wants to hear about ``episodes``; returns e-mails sent.

    Episodes not playable now are left alone (the beat task comes back for them). An
    account gets one e-mail for all the episodes of this run. One failing address does
    not hold up the others; the first failure is raised at the end, so the task is
    retried (what was sent is not sent again).
    """
    now = now or timezone.now()
    plan: dict = defaultdict(lambda: defaultdict(list))  # user -> frequency -> episodes
    users = {}
    for episode in episodes:
        became = playable_since(episode, now=now)
        if became is None:
            continue
        for user, frequency in wanted_frequencies(
            episode.season.show, listed_before=became
        ).items():
            users[user.pk] = user
            plan[user.pk][frequency].append(episode)
    sent, failures = 0, []
    for user_id, by_frequency in plan.items():
        for frequency, queued in by_frequency.items():
            try:
                sent += _deliver(users[user_id], frequency, queued, now=now)
            except Exception as exc:  # noqa: BLE001 - logged, others still sent, raised below
                logger.warning("episode alert for user %s failed", user_id)
                failures.append(exc)
    if failures:
        raise failures[0]
    return sent


def episode_alerts_send(*, episode_id: int, now: datetime | None = None) -> int:
    """Alerts for one episode (after it was published)."""
    episode = (
        EpisodePage.objects.defer_streamfields()
        .select_related("season__show", "locale")
        .filter(pk=episode_id)
        .first()
    )
    return alerts_send([episode], now=now) if episode else 0


def due_alerts_send(*, now: datetime | None = None) -> int:
    """The beat's run: every episode that became playable within the look-back window."""
    now = now or timezone.now()
    return alerts_send(due_episodes(now=now), now=now)


# The daily digest ------------------------------------------------------------------------


def _digest_one(user_id: int, *, now: datetime) -> bool:
    """Send the account's queued alerts in one e-mail; rows locked, so a second run at the
    same time skips them, and a failed send leaves them queued."""
    with transaction.atomic():
        rows = list(
            EpisodeAlert.objects.select_for_update(skip_locked=True, of=("self",))
            .filter(user_id=user_id, status=Status.QUEUED)
            .select_related("user")
        )
        if not rows:
            return False
        user = rows[0].user
        episodes = {
            e.pk: e
            for e in EpisodePage.objects.defer_streamfields()
            .select_related("season__show", "locale")
            .filter(pk__in=[row.episode_id for row in rows])
        }
        keep, drop = [], []
        for row in rows:
            episode = episodes.get(row.episode_id)
            still = episode is not None and playable_since(episode, now=now) is not None
            wanted = still and wanted_frequencies(episode.season.show).get(user)
            (keep if wanted and wanted != AlertFrequency.OFF else drop).append(row)
        EpisodeAlert.objects.filter(pk__in=[r.pk for r in drop]).update(status=Status.SKIPPED)
        if not keep or not user.is_active or not user.email:
            EpisodeAlert.objects.filter(pk__in=[r.pk for r in keep]).update(status=Status.SKIPPED)
            return False
        EpisodeAlert.objects.filter(pk__in=[r.pk for r in keep]).update(
            status=Status.SENT, sent_at=now
        )
        ordered = sorted((episodes[r.episode_id] for r in keep), key=_episode_order)
        _send(user, ordered, digest=True)
    return True


def _episode_order(episode: EpisodePage):
    return (episode.season.show.title, episode.season.number, episode.number)


def digests_send(*, now: datetime | None = None) -> int:
    """The daily digest: one e-mail per account with queued alerts; returns e-mails sent."""
    now = now or timezone.now()
    user_ids = (
        EpisodeAlert.objects.filter(status=Status.QUEUED)
        .values_list("user_id", flat=True)
        .distinct()
        .order_by("user_id")
    )
    sent, failures = 0, []
    for user_id in list(user_ids):
        try:
            sent += _digest_one(user_id, now=now)
        except Exception as exc:  # noqa: BLE001 - logged, others still sent, raised below
            logger.warning("alert digest for user %s failed", user_id)
            failures.append(exc)
    if failures:
        raise failures[0]
    return sent


# Preferences and unsubscribing -----------------------------------------------------------


def alert_preference_set(*, profile: Profile, frequency: str) -> AlertPreference:
    """Set ``profile``'s alert frequency (one of :class:`AlertFrequency`)."""
    if frequency not in AlertFrequency.values:
        raise ValueError(f"Unknown alert frequency {frequency!r}.")
    preference, _ = AlertPreference.objects.update_or_create(
        profile=profile, defaults={"frequency": frequency}
    )
    return preference


class BadUnsubscribeLink(Exception):
    """The link is not ours, was altered, or is too old."""


def unsubscribe_user(token: str):
    """The account a one-click unsubscribe link names (raises :class:`BadUnsubscribeLink`)."""
    from django.contrib.auth import get_user_model

    try:
        data = signing.loads(
            token, salt=UNSUBSCRIBE_SALT, max_age=settings.EPISODE_ALERT_UNSUBSCRIBE_MAX_AGE
        )
        return get_user_model().objects.get(pk=int(data["u"]))
    except (signing.BadSignature, KeyError, TypeError, ValueError, OverflowError) as exc:
        raise BadUnsubscribeLink from exc
    except get_user_model().DoesNotExist as exc:
        raise BadUnsubscribeLink from exc


def alerts_unsubscribe(*, user) -> int:
    """Turn alerts off for every profile of the account and drop its queued digest lines;
    returns how many profiles were changed. Safe to repeat."""
    with transaction.atomic():
        changed = 0
        for profile in Profile.objects.filter(user=user).select_related("alert_preference"):
            if _frequency(profile) != AlertFrequency.OFF:
                alert_preference_set(profile=profile, frequency=AlertFrequency.OFF)
                changed += 1
        EpisodeAlert.objects.filter(user=user, status=Status.QUEUED).update(status=Status.SKIPPED)
    return changed
