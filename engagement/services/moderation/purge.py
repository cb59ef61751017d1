"""Hiding or restoring a review changes its show page (summary and reviews): purge it."""

from __future__ import annotations

from django.db import transaction


def purge_review_pages(review) -> None:
    """After the change commits, purge the reviewed page and the pages that list it."""
    from catalog.purging import changed_urls
    from catalog.tasks import purge_urls

    page_id = review.page_id

    def purge():
        from wagtail.models import Page

        page = Page.objects.filter(pk=page_id).first()
        if page is not None:
            urls = changed_urls(page)
            if urls:
                purge_urls.delay(urls=urls)

    transaction.on_commit(purge)
