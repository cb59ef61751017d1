from wagtail.snippets.models import register_snippet

from catalog.viewsets import CatalogViewSetGroup

register_snippet(CatalogViewSetGroup)
