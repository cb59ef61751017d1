"""Ratings (1-5 per profile per show or episode) and the summary row pages show."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q

MIN_SCORE, MAX_SCORE = 1, 5


class Rating(models.Model):
    profile = models.ForeignKey(
        "engagement.Profile", on_delete=models.CASCADE, related_name="ratings"
    )
    page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+")
    score = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(MIN_SCORE), MaxValueValidator(MAX_SCORE)]
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["profile", "page"], name="rating_once_per_page"),
            models.CheckConstraint(
                condition=Q(score__gte=MIN_SCORE, score__lte=MAX_SCORE), name="rating_score_1_to_5"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.profile_id} rated {self.page_id}: {self.score}"


class RatingSummary(models.Model):
    """Count and sum of a page's ratings, and its visible reviews: updated in the same
    transaction as the change (engagement.services.ratings), read by pages without an
    aggregate query (ARCHITECTURE.md §5)."""

    page = models.OneToOneField(
        "wagtailcore.Page", on_delete=models.CASCADE, primary_key=True, related_name="+"
    )
    rating_count = models.PositiveIntegerField(default=0)
    rating_sum = models.PositiveIntegerField(default=0)
    review_count = models.PositiveIntegerField(default=0)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name_plural = "rating summaries"
        constraints = [
            models.CheckConstraint(
                condition=Q(rating_sum__gte=models.F("rating_count") * MIN_SCORE)
                & Q(rating_sum__lte=models.F("rating_count") * MAX_SCORE),
                name="rating_summary_sum_in_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.page_id}: {self.rating_count} ratings"

    @property
    def average(self) -> float | None:
        return round(self.rating_sum / self.rating_count, 1) if self.rating_count else None
