"""Which URLs must leave the edge cache when a catalog page changes.

On publish, unpublish and delete (Wagtail unpublishes a live page before deleting it)
Wagtail's frontend cache app purges the changed page itself; this module adds the pages
that *list* it: for an episode its season, show, the show index and the home page
(rails); for a show also its genre pages. A move changes addresses, which Wagtail does
not purge at all: ``moved_urls`` gives the old and new address of the page and of every
page under it, and the listings at both places.
"""

from django.conf import settings

from wagtail.models import Page

from catalog.visibility import visible_pages


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
        urls.extend(base + genre.get_absolute_url() for genre in specific.genres.all())
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
