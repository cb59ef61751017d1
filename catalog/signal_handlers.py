"""React to page events: keep denormalised parent links right and purge the edge cache
(publish, unpublish and delete: the listings; move: old and new addresses and listings).

Also: pre-generate image renditions on publish, and remove a deleted video's files.
"""

from django.db.models.signals import post_delete, post_save, pre_delete

from wagtail.signals import page_published, page_unpublished, post_page_move

from mediasite import queueing


def purge_listings(sender, instance, **kwargs):
    """After the change commits, purge ``instance`` and the pages that show or list it:
    by surrogate key, and by URL for edges without keys.

    Wagtail purges the page's URL itself at once, before the change commits; a visitor in
    between would put the old copy back in the edge cache, so it is purged again after.
    """
    from catalog import purging

    with purging.in_language_of(instance):
        purging.schedule(keys=purging.changed_keys(instance), urls=purging.changed_urls(instance))


def purge_moved(sender, instance, parent_page_before, url_path_before, **kwargs):
    """After a move commits, purge the old and new addresses and the listings at both."""
    from catalog import purging

    with purging.in_language_of(instance):
        urls = purging.moved_urls(
            instance, parent_before_id=parent_page_before.pk, url_path_before=url_path_before
        )
        keys = purging.moved_keys(instance, parent_before_id=parent_page_before.pk)
        purging.schedule(keys=keys, urls=urls)


def purge_snippet(sender, instance, **kwargs):
    """After a genre or person is saved or deleted, purge the pages that show or list it."""
    from catalog import purging

    purging.schedule(keys=purging.snippet_keys(instance))


def sync_parent_link(sender, instance, **kwargs):
    """A moved season or episode follows its new parent (its show / season foreign key)."""
    from catalog.models import EpisodePage, SeasonPage

    specific = instance.specific
    if isinstance(specific, EpisodePage):
        specific.save(update_fields=["season"], clean=False)
    elif isinstance(specific, SeasonPage):
        specific.save(update_fields=["show", "slug"], clean=False)


def generate_renditions_on_publish(sender, instance, **kwargs):
    """After the publish commits, pre-generate the image renditions its templates use."""
    from catalog.image_renditions import has_standard_images
    from catalog.tasks import generate_standard_renditions

    if has_standard_images(instance.specific):
        page_id = instance.pk
        # With the broker down the renditions are made on first render instead.
        queueing.send_on_commit(generate_standard_renditions, kwargs={"page_id": page_id})


def delete_video_files_on_delete(sender, instance, **kwargs):
    """After a video is deleted, remove its files (HLS output, source, subtitles) from storage."""
    from catalog.tasks import delete_video_files

    names = [instance.source.name, *(track.file.name for track in instance.subtitles.all())]
    asset_id = instance.pk
    kwargs = {"asset_id": asset_id, "names": names}
    queueing.send_on_commit(
        delete_video_files, kwargs=kwargs, fallback=lambda: delete_video_files.apply(kwargs=kwargs)
    )


def register_signal_handlers():
    from catalog import content_version, visibility

    visibility.register_signal_handlers()
    # First, so the new version is in place before the purges below run after commit.
    content_version.register_signal_handlers()
    page_published.connect(purge_listings, dispatch_uid="catalog_purge_on_publish")
    page_published.connect(
        generate_renditions_on_publish, dispatch_uid="catalog_renditions_on_publish"
    )
    page_unpublished.connect(purge_listings, dispatch_uid="catalog_purge_on_unpublish")
    post_page_move.connect(sync_parent_link, dispatch_uid="catalog_sync_parent_on_move")
    post_page_move.connect(purge_moved, dispatch_uid="catalog_purge_on_move")
    for model in ("catalog.Genre", "catalog.Person"):
        post_save.connect(purge_snippet, sender=model, dispatch_uid=f"purge-{model}-save")
        post_delete.connect(purge_snippet, sender=model, dispatch_uid=f"purge-{model}-delete")
    pre_delete.connect(
        delete_video_files_on_delete,
        sender="catalog.VideoAsset",
        dispatch_uid="catalog_video_files",
    )
