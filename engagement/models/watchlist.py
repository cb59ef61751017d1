"""My List: the shows and episodes a profile saved for later."""

from django.db import models


class WatchlistItem(models.Model):
    profile = models.ForeignKey(
        "engagement.Profile", on_delete=models.CASCADE, related_name="watchlist"
    )
    page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+")
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["profile", "page"], name="watchlist_once_per_page"),
        ]
        indexes = [models.Index(fields=["profile", "-added_at"], name="watchlist_newest")]

    def __str__(self) -> str:
        return f"{self.profile_id} saved {self.page_id}"
