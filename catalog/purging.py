"""Which URLs must leave the edge cache when a catalog page changes.

Wagtail's frontend cache app purges the changed page itself; this module adds
the pages that *list* it: for an episode its season, show, the show index and the
home page (rails); for a show also its genre pages.
"""

from django.conf import settings

from wagtail.models import Page

from catalog.visibility import visible_pages


def listing_urls(page: Page) -> list[str]:
    """Absolute URLs of the live pages and views that show ``page`` in a listing."""
    from catalog.models import ArticlePage, EpisodePage, SeasonPage, ShowPage

    specific = page.specific_deferred
    urls: list[str] = []
    if isinstance(specific, EpisodePage | SeasonPage | ShowPage | ArticlePage):
        for ancestor in visible_pages(page.get_ancestors().filter(depth__gt=1)):
            if url := ancestor.get_full_url():
                urls.append(url)
    if isinstance(specific, ShowPage):
        base = page.get_site().root_url if page.get_site() else settings.BASE_URL
        urls.extend(base + genre.get_absolute_url() for genre in specific.genres.all())
    return urls
