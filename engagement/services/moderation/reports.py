"""Reports: creating one (with its refusals) and the threshold that hides a review at once."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction

from allauth.core import ratelimit

from catalog.visibility import is_publicly_visible, visible_pages
from engagement.models import (
    Report,
    ReportStatus,
    Review,
    ReviewStatus,
    TargetType,
)
from engagement.models.moderation import CONDUCT_REASONS, EPISODE_REASONS, MAX_NOTE_LENGTH
from engagement.services.moderation import ModerationError
from engagement.services.moderation.purge import purge_review_pages
from engagement.services.moderation.targets import MAX_ID
from engagement.services.reviews import set_status

RATE_LIMIT_ACTION = "moderation_report"
THRESHOLD_HOLD = "Hidden after several reports; waiting for a moderator."


def _clean_note(note: str) -> str:
    import nh3

    return nh3.clean(note or "", tags=set()).strip()


def _email_verified(user) -> bool:
    from subscriptions.entitlements import email_verified

    return email_verified(user)


def _visible_target(target_type: str, target_id: int):
    """The target if it exists and the reporter may see it; otherwise a 404."""
    missing = ModerationError(404, "There is nothing to report here.")
    if not 0 < target_id <= MAX_ID:
        raise missing
    if target_type == TargetType.REVIEW:
        review = Review.objects.visible().select_related("page").filter(pk=target_id).first()
        if review is None or not is_publicly_visible(review.page):
            raise missing
        return review
    if target_type == TargetType.USER:
        user = get_user_model().objects.filter(pk=target_id, is_active=True).first()
        if user is None:
            raise missing
        return user
    if target_type == TargetType.EPISODE:
        from catalog.models import EpisodePage

        episode = visible_pages(EpisodePage.objects.filter(pk=target_id)).first()
        if episode is None:
            raise missing
        return episode
    raise ModerationError(422, "Choose what to report: a review, an account or an episode.")


def _check_reason(target_type: str, reason: str) -> None:
    allowed = EPISODE_REASONS if target_type == TargetType.EPISODE else CONDUCT_REASONS
    if reason not in allowed:
        raise ModerationError(422, f"Choose a reason: {', '.join(sorted(allowed))}.")


def report_create(
    *,
    request,
    reporter,
    target_type: str,
    target_id: int,
    reason: str,
    note: str = "",
    position: float | None = None,
) -> Report:
    """File ``reporter``'s report, or refuse with a :class:`ModerationError`.

    The caller has passed the write gate (engagement.guards). Review and account reports
    need a verified e-mail address; episode problems only a signed-in viewer.
    """
    if target_type not in (TargetType.REVIEW, TargetType.USER, TargetType.EPISODE):
        raise ModerationError(422, "Choose what to report: a review, an account or an episode.")
    _check_reason(target_type, reason)
    if note and len(note) > MAX_NOTE_LENGTH:
        raise ModerationError(422, f"Keep the note to {MAX_NOTE_LENGTH} characters or fewer.")
    if position is not None and not 0 <= position <= 7 * 24 * 3600:
        raise ModerationError(422, "The playback position must be a number of seconds.")
    if target_type != TargetType.EPISODE and not _email_verified(reporter):
        raise ModerationError(403, "Verify your e-mail address before reporting.")
    target = _visible_target(target_type, target_id)
    author_id = target.user_id if target_type == TargetType.REVIEW else target.pk
    if target_type != TargetType.EPISODE and author_id == reporter.pk:
        raise ModerationError(403, "You cannot report yourself.")
    if _open_report(reporter, target_type, target_id) is not None:
        raise ModerationError(409, "You have already reported this; a moderator will look at it.")
    if ratelimit.consume_or_429(request, action=RATE_LIMIT_ACTION, user=reporter) is not None:
        raise ModerationError(429, "You have sent many reports; try again in a while.")
    try:
        with transaction.atomic():
            report = Report.objects.create(
                reporter=reporter,
                target_type=target_type,
                target_id=target_id,
                reason=reason,
                note=_clean_note(note)[:MAX_NOTE_LENGTH],
                position=position if target_type == TargetType.EPISODE else None,
            )
            if target_type == TargetType.REVIEW:
                _hide_at_threshold(target)
    except IntegrityError:  # the same reporter, twice at once
        raise ModerationError(
            409, "You have already reported this; a moderator will look at it."
        ) from None
    return report


def _open_report(reporter, target_type, target_id):
    return Report.objects.filter(
        reporter=reporter, target_type=target_type, target_id=target_id, status=ReportStatus.OPEN
    ).first()


def open_reporters(target_type: str, target_id: int) -> int:
    return (
        Report.objects.filter(
            target_type=target_type, target_id=target_id, status=ReportStatus.OPEN
        )
        .values("reporter")
        .distinct()
        .count()
    )


def _hide_at_threshold(review: Review) -> None:
    """Hold a published review for a moderator once enough distinct people reported it."""
    threshold = getattr(settings, "MODERATION_REPORT_THRESHOLD", 0)
    if not threshold:
        return
    # Lock the review so two reports racing count each other.
    locked = Review.objects.select_for_update().get(pk=review.pk)
    if locked.status != ReviewStatus.PUBLISHED:
        return
    if open_reporters(TargetType.REVIEW, review.pk) >= threshold:
        set_status(locked, ReviewStatus.PENDING, reason=THRESHOLD_HOLD)
        purge_review_pages(locked)
