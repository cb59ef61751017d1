"""Which URLs must leave the edge cache when a catalog page changes.

On publish, unpublish and delete (Wagtail unpublishes a live page before deleting it)
Wagtail's frontend cache app purges the changed page itself; this module adds the pages
that *list* it: for an episode its season, show, the show index and the home page
(rails); for a show also its genre pages. A move changes addresses, which Wagtail does
not purge at all: ``moved_urls`` gives the old and new address of the page and of every
page under it, and the listings at both places.

Those are the URL purges, the fallback for a CDN without keys. The exact purge is by
surrogate key (catalog/surrogate_keys.py): ``changed_keys``, ``moved_keys``,
``snippet_keys`` and ``rating_keys`` name what to purge, and ``schedule`` hands keys and
URLs to the Celery tasks once the change commits. Everything is computed in the changed
page's own language, so a French translation purges French pages and listings only.
"""

import logging
from contextlib import contextmanager
from functools import partial

from django.conf import settings
from django.db import transaction
from django.utils import translation

from wagtail.models import Page

from catalog.selectors import genres_of
from catalog.surrogate_keys import listing_key, page_key
from catalog.visibility import visible_pages
from mediasite import queueing

logger = logging.getLogger(__name__)


def _listed(page: Page) -> bool:
    from catalog.models import ArticlePage, EpisodePage, SeasonPage, ShowPage

    return isinstance(page.specific_deferred, EpisodePage | SeasonPage | ShowPage | ArticlePage)


def _urls_of(pages) -> list[str]:
    return [url for page in pages if (url := page.get_full_url())]


def _listings_under(parent_id: int) -> list[str]:
    """The visible pages from ``parent_id`` up to (not including) the tree root."""
    parent = Page.objects.filter(pk=parent_id).first()
    if parent is None:
        return []
    return _urls_of(visible_pages(parent.get_ancestors(inclusive=True).filter(depth__gt=1)))


def listing_urls(page: Page) -> list[str]:
    """Absolute URLs of the live pages and views that show ``page`` in a listing."""
    from catalog.models import ShowPage

    specific = page.specific_deferred
    urls: list[str] = []
    if _listed(page):
        urls.extend(_urls_of(visible_pages(page.get_ancestors().filter(depth__gt=1))))
    if isinstance(specific, ShowPage):
        base = page.get_site().root_url if page.get_site() else settings.BASE_URL
        urls.extend(base + genre.get_absolute_url() for genre in genres_of(specific))
    return urls


def changed_urls(page: Page) -> list[str]:
    """After a publish, unpublish or delete: the page's own address and its listings."""
    return list(dict.fromkeys([*_urls_of([page]), *listing_urls(page)]))


def moved_urls(page: Page, *, parent_before_id: int, url_path_before: str) -> list[str]:
    """After ``page`` moved: the old and new addresses of it and every visible page under
    it, the listings at its old place and those at its new one."""
    urls: list[str] = []
    for item in visible_pages(page.get_descendants(inclusive=True)):
        urls.extend(_urls_of([item]))
        # The address it had: the same page with its url_path from before the move.
        item.url_path = url_path_before + item.url_path[len(page.url_path) :]
        urls.extend(_urls_of([item]))
    if _listed(page):
        urls.extend(_listings_under(parent_before_id))
    urls.extend(listing_urls(page))
    return list(dict.fromkeys(urls))


@contextmanager
def in_language_of(obj):
    """Activate ``obj``'s language (a page's or snippet's locale), so its URLs, the
    visibility rule and the listing keys are those of its translation."""
    with translation.override(obj.locale.language_code):
        yield


def _lang(obj) -> str:
    return obj.locale.language_code.split("-")[0]


def changed_keys(page: Page) -> list[str]:
    """After a publish, unpublish or delete: the keys of every response that shows
    ``page`` (its own and cards of it) or lists pages like it (its ancestors, the home
    rails, search; for a show /shows/, its genres' and people's pages)."""
    from catalog.models import ArticlePage, ShowPage

    specific = page.specific_deferred
    lang = _lang(page)
    keys = [page_key(page.pk)]
    if _listed(page):
        ancestors = page.get_ancestors().filter(depth__gt=1).values_list("pk", flat=True)
        keys += [page_key(pk) for pk in ancestors]
        keys += [listing_key(name, lang) for name in ("home", "search", "sugg")]
    if isinstance(specific, ShowPage):
        keys.append(listing_key("idx-shows", lang))
        keys += [f"idx-g{genre.pk}" for genre in genres_of(specific)]
        keys += [f"idx-n{pk}" for pk in specific.credits.values_list("person_id", flat=True)]
    if isinstance(specific, ArticlePage) and specific.author_id:
        keys.append(f"idx-n{specific.author_id}")
    return list(dict.fromkeys(keys))


def moved_keys(page: Page, *, parent_before_id: int) -> list[str]:
    """After a move: every page under it (cached at old and new addresses alike), the
    listings at its new place and those at its old place."""
    keys = [page_key(pk) for pk in page.get_descendants().values_list("pk", flat=True)]
    keys += changed_keys(page)
    parent = Page.objects.filter(pk=parent_before_id).first()
    if parent is not None and _listed(page):
        before = parent.get_ancestors(inclusive=True).filter(depth__gt=1)
        keys += [page_key(pk) for pk in before.values_list("pk", flat=True)]
    return list(dict.fromkeys(keys))


def snippet_keys(obj) -> list[str]:
    """After a genre or person changed or was deleted: where it is shown and listed."""
    from catalog.models import Genre

    lang = _lang(obj)
    letter, listing = ("g", "idx-genres") if isinstance(obj, Genre) else ("n", "idx-people")
    return [
        f"{letter}{obj.pk}",
        f"idx-{letter}{obj.pk}",
        listing_key(listing, lang),
        listing_key("search", lang),
        listing_key("sugg", lang),
    ]


def rating_keys(page_id: int) -> list[str]:
    """After a page's rating summary changed: the responses that show that summary."""
    return [f"rating-{page_id}"]


def schedule(*, keys=(), urls=()) -> None:
    """Once the transaction commits, purge ``keys`` and ``urls`` in Celery tasks.

    If the broker cannot take the task the purge runs here instead (logged): a purge is
    never lost to a queue outage. Where Celery is eager (``make run``) it runs here too,
    and an edge that fails is logged rather than failing the editor's request.
    """
    from catalog.tasks import purge_keys, purge_urls

    keys, urls = list(keys), list(urls)

    def enqueue():
        for task, kwargs in ((purge_keys, {"keys": keys}), (purge_urls, {"urls": urls})):
            if not next(iter(kwargs.values())):
                continue
            if task.app.conf.task_always_eager:
                run_now(task, kwargs)
            else:
                queueing.send(task, kwargs=kwargs, fallback=partial(run_now, task, kwargs))

    transaction.on_commit(enqueue)


def run_now(task, kwargs) -> None:
    """Run a purge task in-process; an edge that fails too is logged (its TTL still ends)."""
    try:
        task.run(**kwargs)
    except Exception:
        logger.exception("purge %s failed; the pages refresh when their TTL ends", kwargs)
