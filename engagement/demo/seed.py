"""Seed the engagement demo, idempotently: everything is found by account, profile name
and show slug first, so a second run creates nothing and changes nothing.

Ratings and reviews are made through their services (engagement.services.ratings and
.reviews) only when missing, so the summaries stay exact however often this runs.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from wagtail.models import Locale

from catalog.models import EpisodePage, ShowPage
from engagement.demo.content import EngagementDemo, ProfileItem, demo_content
from engagement.models import (
    Profile,
    Rating,
    Review,
    ReviewStatus,
    ViewingProgress,
    WatchlistItem,
)
from engagement.profiles import ensure_main_profile
from engagement.services.ratings import rate
from engagement.services.reviews import create_review, set_status
from mediasite.demo import DemoDataError, Report


class _Finder:
    """Accounts, profiles, shows and episodes the data names, each looked up once."""

    def __init__(self):
        self.users, self.shows = {}, {}
        self.default_locale = Locale.get_default()

    def user(self, email: str):
        if email not in self.users:
            user = get_user_model().objects.filter(email=email).first()
            if user is None:
                raise DemoDataError(f"No account {email}: run load_demo_accounts first.")
            self.users[email] = user
        return self.users[email]

    def profile(self, item: ProfileItem) -> Profile:
        user = self.user(item.account)
        if item.profile is None:
            return ensure_main_profile(user)
        return Profile.objects.get(user=user, name=item.profile)

    def show(self, slug: str) -> ShowPage:
        if slug not in self.shows:
            show = ShowPage.objects.filter(slug=slug, locale=self.default_locale).first()
            if show is None:
                raise DemoDataError(f"No show {slug!r}: run load_demo_catalog first.")
            self.shows[slug] = show
        return self.shows[slug]

    def episode(self, slug: str, season: int, number: int) -> EpisodePage:
        episode = (
            EpisodePage.objects.filter(
                season__show=self.show(slug), season__number=season, number=number
            )
            .select_related("video")
            .first()
        )
        if episode is None:
            raise DemoDataError(f"No episode S{season} E{number} of {slug!r}.")
        return episode


@transaction.atomic
def seed_demo(*, report: Report, content: EngagementDemo | None = None) -> None:
    content = content or demo_content()
    find = _Finder()
    for item in content.profiles:
        _, created = Profile.objects.get_or_create(
            user=find.user(item.account),
            name=item.name,
            defaults={
                "avatar": item.avatar,
                "is_kids": item.kids,
                "maturity_ceiling": item.maturity_ceiling,
            },
        )
        report.record("profile", created)
    for item in content.my_list:
        _, created = WatchlistItem.objects.get_or_create(
            profile=find.profile(item), page=find.show(item.show)
        )
        report.record("my list item", created)
    for item in content.ratings:
        show, profile = find.show(item.show), find.profile(item)
        created = not Rating.objects.filter(profile=profile, page=show).exists()
        if created:  # through the service, which keeps the summary exact
            rate(profile, show, item.score)
        report.record("rating", created)
    for item in content.progress:
        episode = find.episode(item.show, item.season, item.episode)
        video = episode.video if episode.video_id else None
        _, created = ViewingProgress.objects.get_or_create(
            profile=find.profile(item),
            episode=episode,
            defaults={
                "position": item.position,
                "duration": video.duration if video else None,
                "last_watched_at": timezone.now(),
            },
        )
        report.record("progress", created)
    for item in content.reviews:
        user, show = find.user(item.account), find.show(item.show)
        created = not Review.objects.filter(user=user, page=show).exists()
        if created:  # through the service: sanitised, its score the author's rating, counted
            review = create_review(
                user,
                ensure_main_profile(user),
                show,
                score=item.score,
                body=item.body,
                spoiler=item.spoiler,
            )
            if review.status != ReviewStatus.PUBLISHED:
                set_status(review, ReviewStatus.PUBLISHED)
        report.record("review", created)
