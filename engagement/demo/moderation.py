"""Demo moderation content, so ``make run`` shows a working queue: two reported reviews
(one with two reporters in one row), a review waiting for approval, an episode problem
report and one blocked term. Idempotent; needs the demo accounts and the demo catalog.

Called by the demo loader after the catalog and the accounts (see docs/moderation.md)::

    from engagement.demo.moderation import seed_moderation_demo

    seed_moderation_demo(report=report)
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db import transaction

from catalog.visibility import visible_pages
from engagement.models import BlockedTerm, Report, ReportStatus, Review, ReviewStatus
from engagement.services.reviews import set_status
from mediasite.demo import Report as DemoReport

BLOCKED_HOLD = "Your review contains words a moderator checks first."

REVIEWS = [
    # (author, show index, body, spoiler, status)
    (
        "basic@example.com",
        0,
        "Loved it, and the twist where the captain dies in the last episode made me cry.",
        False,
        ReviewStatus.PUBLISHED,
    ),
    (
        "premium@example.com",
        1,
        "Best show ever!!! Watch it free at totally-legit-streams dot example, link in my profile.",
        False,
        ReviewStatus.PUBLISHED,
    ),
    (
        "viewer@example.com",
        2,
        "Slow start but worth it. The darn pilot drags a bit.",
        False,
        ReviewStatus.PENDING,
    ),
]
REPORTS = [
    # (reporter, review index, reason, note)
    ("viewer@example.com", 0, "spoilers", "Gives away the ending without a spoiler mark."),
    ("premium@example.com", 0, "spoilers", ""),
    ("viewer@example.com", 1, "spam", "Advertises another site."),
]


@transaction.atomic
def seed_moderation_demo(*, report: DemoReport) -> None:
    from catalog.models import EpisodePage, ShowPage

    users = {
        u.email: u
        for u in get_user_model().objects.filter(
            email__in={r[0] for r in REVIEWS} | {r[0] for r in REPORTS}
        )
    }
    shows = list(visible_pages(ShowPage.objects.all()).order_by("path")[:3])
    if len(users) < 3 or len(shows) < 3:
        return  # no demo accounts (production-like settings) or no catalog yet
    _, created = BlockedTerm.objects.get_or_create(term="darn")
    report.record("blocked term", created)
    reviews = []
    for email, show_index, body, spoiler, status in REVIEWS:
        review, created = Review.objects.get_or_create(
            user=users[email],
            page=shows[show_index],
            defaults={"score": 3, "body": body, "spoiler": spoiler, "status": "removed"},
        )
        if created:
            # Held by the blocked term "darn" (as engagement.holds would hold it).
            reason = BLOCKED_HOLD if status == ReviewStatus.PENDING else ""
            set_status(review, status, reason=reason)
        reviews.append(review)
        report.record("review", created)
    for email, review_index, reason, note in REPORTS:
        _, created = Report.objects.get_or_create(
            reporter=users[email],
            target_type="review",
            target_id=reviews[review_index].pk,
            status=ReportStatus.OPEN,
            defaults={"reason": reason, "note": note},
        )
        report.record("report", created)
    episode = visible_pages(EpisodePage.objects.all()).order_by("path").first()
    if episode is not None:
        _, created = Report.objects.get_or_create(
            reporter=users["viewer@example.com"],
            target_type="episode",
            target_id=episode.pk,
            status=ReportStatus.OPEN,
            defaults={
                "reason": "subtitles",
                "note": "No French subtitles after 10 minutes.",
                "position": 612.0,
            },
        )
        report.record("report", created)
