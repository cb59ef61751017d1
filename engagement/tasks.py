"""Background jobs for engagement."""

from __future__ import annotations

from wagtail.models import Page

from celery import shared_task

from catalog.purging import changed_urls
from catalog.tasks import purge_urls
from catalog.visibility import visible_pages


@shared_task(ignore_result=True)
def purge_rated_page(page_id: int) -> int:
    """Purge a rated page (and the pages listing it) so its cached HTML shows the new
    summary; scheduled at most once per page per ``RATING_PURGE_DELAY`` by
    ``engagement.services.ratings.schedule_purge``. A page no longer visible is skipped
    (unpublishing purged it already)."""
    page = visible_pages(Page.objects.filter(pk=page_id)).first()
    if page is None:
        return 0
    urls = changed_urls(page)
    if urls:
        purge_urls(urls)
    return len(urls)
