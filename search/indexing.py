"""Re-indexing the pages that carry another object's name in their index entry.

A show's entry holds its cast's names and its genres' names, an article's its author's
(``search_fields`` in ``catalog/models/``): renaming a person or a genre re-indexes those
pages, in chunks, on a Celery worker (``search.tasks.reindex_pages_naming``).
"""

from __future__ import annotations

from modelsearch.backends import get_search_backends

CHUNK_SIZE = 200


def pages_naming(model_label: str, pk: int) -> list:
    """``(model, queryset)`` pairs of the pages whose index entry holds the name of ``pk``."""
    from catalog.models import ArticlePage, ShowPage

    if model_label == "catalog.genre":
        return [(ShowPage, ShowPage.objects.filter(genres=pk))]
    if model_label == "catalog.person":
        return [
            (ShowPage, ShowPage.objects.filter(credits__person=pk)),
            (ArticlePage, ArticlePage.objects.filter(author=pk)),
        ]
    return []


def reindex(model, queryset) -> int:
    """Write the index entries of ``queryset`` again, ``CHUNK_SIZE`` pages at a time."""
    ids = sorted(set(queryset.values_list("pk", flat=True)))
    indexed = model.get_indexed_objects()
    for start in range(0, len(ids), CHUNK_SIZE):
        objects = list(indexed.filter(pk__in=ids[start : start + CHUNK_SIZE]))
        for backend in get_search_backends(with_auto_update=True):
            backend.add_bulk(model, objects)
    return len(ids)
