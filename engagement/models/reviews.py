"""Reviews: a rating and a text by an account about a show, and "helpful" marks."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from engagement.models.ratings import MAX_SCORE, MIN_SCORE

MAX_REVIEW_LENGTH = 5000


class ReviewStatus(models.TextChoices):
    PUBLISHED = "published", _("Published")
    PENDING = "pending", _("Waiting for approval")
    HIDDEN = "hidden", _("Hidden by a moderator")
    REMOVED = "removed", _("Removed")


class ReviewQuerySet(models.QuerySet):
    def visible(self):
        """The one reading of "whether a review is visible" to other viewers."""
        return self.filter(status=ReviewStatus.PUBLISHED)


class Review(models.Model):
    """One per account per show; shown under the account's public name.

    ``body`` is plain text (nh3 has stripped all markup before it is stored); templates
    and scripts escape it wherever it is shown. Only ``published`` reviews are visible
    to others (``Review.objects.visible()``); a pending one only to its author.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reviews"
    )
    profile = models.ForeignKey(
        "engagement.Profile", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+")
    score = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(MIN_SCORE), MaxValueValidator(MAX_SCORE)]
    )
    body = models.TextField(max_length=MAX_REVIEW_LENGTH)
    spoiler = models.BooleanField(default=False)
    status = models.CharField(
        max_length=16, choices=ReviewStatus.choices, default=ReviewStatus.PUBLISHED
    )
    hold_reason = models.CharField(max_length=200, blank=True)
    helpful_count = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ReviewQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "page"], name="review_once_per_account"),
            models.CheckConstraint(
                condition=Q(score__gte=MIN_SCORE, score__lte=MAX_SCORE), name="review_score_1_to_5"
            ),
        ]
        indexes = [
            models.Index(fields=["page", "status", "-created_at"], name="review_newest"),
            models.Index(
                fields=["page", "status", "-helpful_count", "-created_at"], name="review_helpful"
            ),
        ]

    def __str__(self) -> str:
        return f"Review {self.pk} of {self.page_id} ({self.status})"


class ReviewHelpful(models.Model):
    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="helpful_marks")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["review", "user"], name="helpful_once_per_account"),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} found {self.review_id} helpful"
