"""Reviews: the rules for writing them and for changing whether others see them."""

from __future__ import annotations

import html
import re

from django.db import IntegrityError, transaction
from django.db.models import F

import nh3

from engagement.holds import hold_reason
from engagement.models import (
    MAX_REVIEW_LENGTH,
    RatingSummary,
    Review,
    ReviewHelpful,
    ReviewStatus,
)


def _is_visible(status: str) -> bool:
    return status == ReviewStatus.PUBLISHED


def _count_review(page_id: int, delta: int) -> None:
    """Add ``delta`` to the page's visible-review count, in the caller's transaction."""
    RatingSummary.objects.get_or_create(page_id=page_id)
    RatingSummary.objects.filter(page_id=page_id).update(review_count=F("review_count") + delta)


def set_status(review: Review, status: str, *, reason: str = "") -> Review:
    """Publish, hold, hide or remove ``review``, keeping its page's summary in step.

    The one way a review's visibility changes (the author's edits, holds and moderation
    all come here), in one transaction with the review row locked, so concurrent changes
    never count a review twice.
    """
    with transaction.atomic():
        locked = Review.objects.select_for_update().get(pk=review.pk)
        was_visible, now_visible = _is_visible(locked.status), _is_visible(status)
        locked.status = status
        locked.hold_reason = reason if status == ReviewStatus.PENDING else ""
        locked.save(update_fields=["status", "hold_reason", "updated_at"])
        if was_visible != now_visible:
            _count_review(locked.page_id, 1 if now_visible else -1)
    review.status, review.hold_reason = locked.status, locked.hold_reason
    return review


# --- Writing reviews ------------------------------------------------------------------------

# Bodies longer than this are refused before nh3 even looks at them.
MAX_RAW_LENGTH = 4 * MAX_REVIEW_LENGTH
_LINE_BREAK_TAGS = re.compile(r"<\s*/?\s*(br|p|div|li)\b[^>]*>", re.IGNORECASE)


class ReviewError(Exception):
    """A review write refused: ``status`` is the HTTP answer, ``detail`` says why."""

    def __init__(self, status: int, detail: str, **extra):
        super().__init__(detail)
        self.status, self.detail, self.extra = status, detail, extra


def clean_body(raw) -> str:
    """Plain text with line breaks: nh3 strips every tag (and script and style contents);
    its entity-escaped output is turned back into the characters they stand for, since
    what is stored is text, escaped wherever it is shown."""
    if not isinstance(raw, str):
        raise ReviewError(422, "Write your review as text.")
    if len(raw) > MAX_RAW_LENGTH:
        raise ReviewError(422, f"A review is at most {MAX_REVIEW_LENGTH:,} characters.")
    text = raw.replace("\r\n", "\n").replace("\r", "\n")
    text = _LINE_BREAK_TAGS.sub("\n", text)
    text = html.unescape(nh3.clean(text, tags=set(), attributes={}))
    text = "\n".join(line.rstrip() for line in text.split("\n")).strip()
    text = re.sub(r"\n{3,}", "\n\n", text)
    if not text:
        raise ReviewError(422, "Your review is empty: write a few words about the show.")
    if len(text) > MAX_REVIEW_LENGTH:
        raise ReviewError(
            422,
            f"A review is at most {MAX_REVIEW_LENGTH:,} characters; this one has {len(text):,}.",
        )
    return text


def _held_status(user, body: str) -> tuple[str, str]:
    reason = hold_reason(user, body)
    return (ReviewStatus.PENDING, reason) if reason else (ReviewStatus.PUBLISHED, "")


def create_review(user, profile, page, *, score: int, body: str, spoiler: bool = False) -> Review:
    """The account's review of ``page`` (a visible show): held when ``holds`` says so, and
    its score becomes ``profile``'s rating of the show. One per account per show: a
    second is refused with the first one's id (409)."""
    from engagement.services.ratings import InvalidScore, rate

    text = clean_body(body)
    status, reason = _held_status(user, text)
    existing = Review.objects.filter(user=user, page_id=page.pk).values_list("pk", flat=True)
    if existing:
        raise _already_reviewed(existing[0])
    try:
        with transaction.atomic():
            rate(profile, page, score)
            review = Review.objects.create(
                user=user, profile=profile, page_id=page.pk, score=score, body=text,
                spoiler=bool(spoiler), status=status, hold_reason=reason,
            )  # fmt: skip
            if _is_visible(status):
                _count_review(page.pk, 1)
    except InvalidScore as exc:
        raise ReviewError(422, str(exc)) from exc
    except IntegrityError:
        # Two first reviews raced: the other one won; answer with its id.
        existing_id = Review.objects.filter(user=user, page_id=page.pk).values_list("pk", flat=True)
        raise _already_reviewed(existing_id[0] if existing_id else None) from None
    return review


def _already_reviewed(review_id) -> ReviewError:
    return ReviewError(
        409, "You have reviewed this show already: edit that review instead.", id=review_id
    )


def update_review(review: Review, profile, *, score=None, body=None, spoiler=None) -> Review:
    """The author's edit: a new text is cleaned and re-checked by ``holds`` (a held edit
    waits for approval again; a published-again one counts again); a new score also
    becomes ``profile``'s rating. A review a moderator hid or removed stays so."""
    from engagement.services.ratings import InvalidScore, check_score, rate

    text = clean_body(body) if body is not None else None
    try:
        if score is not None:
            check_score(score)
    except InvalidScore as exc:
        raise ReviewError(422, str(exc)) from exc
    with transaction.atomic():
        locked = Review.objects.select_for_update().get(pk=review.pk)
        fields = ["updated_at"]
        if text is not None and text != locked.body:
            locked.body = text
            fields.append("body")
        if spoiler is not None:
            locked.spoiler = bool(spoiler)
            fields.append("spoiler")
        if score is not None:
            locked.score = score
            fields.append("score")
        locked.save(update_fields=fields)
        if score is not None and profile is not None:
            rate(profile, locked.page, score)
        if locked.status in (ReviewStatus.PUBLISHED, ReviewStatus.PENDING):
            status, reason = _held_status(locked.user, locked.body)
            if status != locked.status or reason != locked.hold_reason:
                set_status(locked, status, reason=reason)
    return locked


def delete_review(review: Review) -> None:
    """Delete ``review`` (its helpful marks go with it); a visible one leaves the count.
    The author's rating of the show stays: it belongs to the profile, not the review."""
    with transaction.atomic():
        locked = Review.objects.select_for_update().filter(pk=review.pk).first()
        if locked is None:
            return
        if _is_visible(locked.status):
            _count_review(locked.page_id, -1)
        locked.delete()


# --- Helpful marks --------------------------------------------------------------------------


def mark_helpful(review: Review, user) -> int:
    """``user`` found ``review`` helpful: once per account (409), never one's own (403).
    The unique row and the counter change in one transaction, so the count is exact."""
    if review.user_id == user.pk:
        raise ReviewError(403, "You cannot mark your own review as helpful.")
    try:
        with transaction.atomic():
            ReviewHelpful.objects.create(review=review, user=user)
            Review.objects.filter(pk=review.pk).update(helpful_count=F("helpful_count") + 1)
    except IntegrityError:
        raise ReviewError(409, "You have marked this review as helpful already.") from None
    return Review.objects.values_list("helpful_count", flat=True).get(pk=review.pk)


def unmark_helpful(review: Review, user) -> int:
    """Take back ``user``'s helpful mark (none to take back is not an error)."""
    with transaction.atomic():
        deleted, _ = ReviewHelpful.objects.filter(review=review, user=user).delete()
        if deleted:
            Review.objects.filter(pk=review.pk).update(helpful_count=F("helpful_count") - 1)
    return Review.objects.values_list("helpful_count", flat=True).get(pk=review.pk)


# --- Account deletion -----------------------------------------------------------------------


def delete_account_reviews_and_ratings(user) -> None:
    """Remove the account's reviews, helpful marks and every profile's ratings, keeping
    summaries and other reviews' helpful counts exact (the account deletion hook)."""
    from engagement.models import Profile
    from engagement.services.ratings import remove_profile_ratings

    for review in Review.objects.filter(user=user).only("pk"):
        delete_review(review)
    for review_id in ReviewHelpful.objects.filter(user=user).values_list("review_id", flat=True):
        unmark_helpful(Review(pk=review_id), user)
    for profile in Profile.objects.filter(user=user):
        remove_profile_ratings(profile)
