"""Shared set-up for the moderation tests: a show with an episode, accounts in each role,
reviews, and reporting through the real API."""

from __future__ import annotations

from django.contrib.auth.models import Group

from allauth.account.models import EmailAddress

from catalog.tests import factories
from engagement.models import Review, ReviewStatus
from engagement.services.reviews import set_status
from mediasite.tests.factories import UserFactory


def verified_user(email: str | None = None, **kwargs):
    user = UserFactory(email=email) if email else UserFactory(**kwargs)
    EmailAddress.objects.get_or_create(
        user=user, email=user.email, defaults={"verified": True, "primary": True}
    )
    return user


def staff(group: str, email: str):
    user = UserFactory(email=email, is_staff=True)
    user.groups.add(Group.objects.get(name=group))
    return user


def show_with_episode():
    show = factories.publish(factories.ShowPageFactory())
    season = factories.publish(factories.SeasonPageFactory(parent=show, number=1))
    episode = factories.publish(factories.EpisodePageFactory(parent=season, number=1))
    return show, episode


def make_review(user, page, *, body="A fine show.", status=ReviewStatus.PUBLISHED):
    review = Review.objects.create(user=user, page=page, score=4, body=body, status="removed")
    # Through set_status so the page's summary counts it as the reviews service would.
    return set_status(review, status)


def report(client, target_type, target_id, reason="spam", **extra):
    return client.post(
        "/api/v1/reports",
        {"target_type": target_type, "target_id": target_id, "reason": reason, **extra},
        content_type="application/json",
    )
