"""Behaviour shared by every public catalog page: social image, description, JSON-LD."""

from django.utils.text import Truncator

from wagtail.models import Page
from wagtail.search import index

# Search weights (docs/search.md). modelsearch maps boosts onto PostgreSQL's four weights
# A-D; these four values are the steps it derives, so each lands on its own letter.
TITLE_BOOST = 10
SYNOPSIS_BOOST = 7
CREDITS_BOOST = 4
BODY_BOOST = 1


def catalog_search_fields() -> list:
    """Page's search fields plus the title again, at the top weight, in the body vector.

    modelsearch keeps ``title`` in a vector of its own; ``indexed_title`` repeats it in
    the body vector, which search/selectors.py matches and ranks, so a query whose words
    are split between title and synopsis still matches, and the title outweighs the rest.
    """
    return Page.search_fields + [index.SearchField("indexed_title", boost=TITLE_BOOST)]


class CatalogPageMixin:
    """Mixed into public pages so templates can rely on one set of SEO hooks."""

    #: the image used for OpenGraph/Twitter cards, by attribute name
    social_image_field = ""
    #: the field whose text is the fallback meta description
    description_field = ""

    @property
    def social_image(self):
        return getattr(self, self.social_image_field, None) if self.social_image_field else None

    @property
    def meta_description(self) -> str:
        if self.search_description:
            return self.search_description
        text = getattr(self, self.description_field, "") if self.description_field else ""
        return Truncator(text or "").chars(160)

    @property
    def indexed_title(self) -> str:
        return self.title

    def get_view_restrictions(self):
        """Wagtail's check, skipped (two queries a page) while no page has a restriction.

        ``catalog.visibility.restricted_paths`` is the cached list of restricted pages;
        with any restriction anywhere, Wagtail's own lookup (aliases resolved) decides.
        """
        from wagtail.models import PageViewRestriction

        from catalog.visibility import restricted_paths

        if not restricted_paths():
            return PageViewRestriction.objects.none()
        return super().get_view_restrictions()

    def structured_data(self, request, context) -> dict | None:
        """The schema.org JSON-LD object for this page, or None."""
        return None
