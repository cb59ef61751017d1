"""Behaviour shared by every public catalog page: social image, description, JSON-LD."""

from django.utils.text import Truncator


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

    def structured_data(self, request, context) -> dict | None:
        """The schema.org JSON-LD object for this page, or None."""
        return None
