"""Hiding or restoring a review changes its show page (summary and reviews): purge it."""

from __future__ import annotations

from django.db import transaction


def purge_review_pages(review) -> None:
    """After the change commits, purge the reviewed page's summary (by key) and the page
    and the pages that list it (by URL, for edges without keys)."""
    from catalog import purging

    page_id = review.page_id

    def purge():
        from wagtail.models import Page

        page = Page.objects.filter(pk=page_id).first()
        if page is not None:
            with purging.in_language_of(page):
                purging.schedule(keys=purging.rating_keys(page_id), urls=purging.changed_urls(page))

    transaction.on_commit(purge)
