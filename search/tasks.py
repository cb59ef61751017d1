"""Celery tasks of the search app."""

from wagtail.contrib.search_promotions.models import Query, QueryDailyHits

from celery import shared_task

#: Days of daily hits the search terms report keeps.
HITS_MAX_AGE_DAYS = 30


@shared_task
def clean_old_search_hits(days: int = HITS_MAX_AGE_DAYS) -> int:
    """Drop daily hits older than ``days`` and the queries left with none (nor promotions)."""
    deleted, _ = QueryDailyHits.objects.filter(date__lt=_today_minus(days)).delete()
    Query.garbage_collect()
    return deleted


def _today_minus(days: int):
    import datetime

    from django.utils import timezone

    return timezone.localdate() - datetime.timedelta(days=days)
