"""Index pages once at the end of a load instead of on every save.

Adding and publishing a page saves it three times (``add_child``, ``save_revision``,
``publish``), and each save re-indexes it for search and rebuilds its reference
index rows. While loading the demo those per-save updates are switched off, and
every page saved meanwhile is indexed once when the load finishes.
"""

from __future__ import annotations

from collections import defaultdict
from contextlib import contextmanager

from django.db.models.signals import post_save

from wagtail.models import ReferenceIndex
from wagtail.signal_handlers import disable_reference_index_auto_update

from modelsearch import index as search_index
from modelsearch.signal_handlers import post_save_signal_handler

DISPATCH_UID = "catalog_demo_collect_saved"


@contextmanager
def deferred_indexing(models):
    """Within the block, saves of ``models`` are collected and indexed once on exit."""
    saved: dict = defaultdict(set)

    def collect(sender, instance, raw=False, **kwargs):
        if not raw:
            saved[sender].add(instance.pk)

    paused = [m for m in models if post_save.disconnect(post_save_signal_handler, sender=m)]
    for model in models:
        post_save.connect(collect, sender=model, weak=False, dispatch_uid=DISPATCH_UID)
    try:
        with disable_reference_index_auto_update():
            yield
    finally:
        for model in models:
            post_save.disconnect(sender=model, dispatch_uid=DISPATCH_UID)
        for model in paused:
            post_save.connect(post_save_signal_handler, sender=model)
        index_saved(saved)


def index_saved(saved: dict) -> None:
    """Update the search and reference indexes for the saved pages that still exist."""
    for model, pks in saved.items():
        for instance in model.objects.filter(pk__in=pks):
            search_index.insert_or_update_object(instance)
            ReferenceIndex.create_or_update_for_object(instance)
