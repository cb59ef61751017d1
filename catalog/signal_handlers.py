"""React to page events: keep denormalised parent links right and purge listing pages."""

from django.db import transaction

from wagtail.signals import page_published, page_unpublished, post_page_move


def purge_listings(sender, instance, **kwargs):
    """After the change commits, purge the pages that list ``instance``."""
    from catalog.purging import listing_urls
    from catalog.tasks import purge_urls

    urls = listing_urls(instance)
    if urls:
        transaction.on_commit(lambda: purge_urls.delay(urls=urls))


def sync_parent_link(sender, instance, **kwargs):
    """A moved season or episode follows its new parent (its show / season foreign key)."""
    from catalog.models import EpisodePage, SeasonPage

    specific = instance.specific
    if isinstance(specific, EpisodePage):
        specific.save(update_fields=["season"], clean=False)
    elif isinstance(specific, SeasonPage):
        specific.save(update_fields=["show", "slug"], clean=False)


def register_signal_handlers():
    from catalog import visibility

    visibility.register_signal_handlers()
    page_published.connect(purge_listings, dispatch_uid="catalog_purge_on_publish")
    page_unpublished.connect(purge_listings, dispatch_uid="catalog_purge_on_unpublish")
    post_page_move.connect(sync_parent_link, dispatch_uid="catalog_sync_parent_on_move")
