"""React to page events: keep denormalised parents right and purge listing pages."""

import logging

from django.db import transaction

from wagtail.signals import page_published, page_unpublished, post_page_move

logger = logging.getLogger(__name__)


def _listing_pages_for(page):
    """Pages that list ``page`` and so must be purged at the edge when it changes."""
    from catalog.models import EpisodePage, SeasonPage, ShowPage

    specific = page.specific_deferred
    pages = []
    if isinstance(specific, EpisodePage | SeasonPage | ShowPage):
        pages.extend(page.get_ancestors().filter(depth__gt=1).specific())
    return pages


def purge_listings(sender, instance, **kwargs):
    from catalog.tasks import purge_pages

    page_ids = [p.pk for p in _listing_pages_for(instance)]
    if page_ids:
        transaction.on_commit(lambda: purge_pages.delay(page_ids=page_ids))


def sync_parent_link(sender, instance, **kwargs):
    """A moved season or episode follows its new parent (show / season foreign key)."""
    from catalog.models import EpisodePage, SeasonPage

    specific = instance.specific
    if isinstance(specific, EpisodePage | SeasonPage):
        specific.save(update_fields=["season" if isinstance(specific, EpisodePage) else "show"])


def register_signal_handlers():
    page_published.connect(purge_listings, dispatch_uid="catalog_purge_on_publish")
    page_unpublished.connect(purge_listings, dispatch_uid="catalog_purge_on_unpublish")
    post_page_move.connect(sync_parent_link, dispatch_uid="catalog_sync_parent_on_move")
