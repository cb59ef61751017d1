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


#: Wagtail's tasks retry on any error (a database or cache blip, a CDN refusing a purge)
#: with exponential backoff, up to about an hour in all; ``acks_late`` (settings) keeps
#: a task a worker died on in the queue.
WAGTAIL_TASK_MAX_RETRIES = 8


@shared_task(
    acks_late=True,
    autoretry_for=(Exception,),
    retry_backoff=2,
    retry_backoff_max=600,
    retry_jitter=True,
    max_retries=WAGTAIL_TASK_MAX_RETRIES,
)
def run_wagtail_task(module_path: str, args: list, kwargs: dict) -> None:
    """Run one of Wagtail's django-tasks tasks (search.task_backend) on a worker."""
    from contextlib import suppress

    from django.core.exceptions import ObjectDoesNotExist
    from django.utils.module_loading import import_string

    with suppress(ObjectDoesNotExist):  # deleted since: its index entry went with it
        import_string(module_path).call(*args, **kwargs)


@shared_task(acks_late=True)
def reindex_pages_naming(model_label: str, pk: int) -> int:
    """Re-index the shows and articles that carry the name of a renamed person or genre."""
    from search.indexing import pages_naming, reindex

    return sum(reindex(model, queryset) for model, queryset in pages_naming(model_label, pk))
