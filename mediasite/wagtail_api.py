"""Wagtail's read-only content API at /api/v2/ (public pages and images).

The API answers the same for every caller, so its responses can be shared at the
edge: it reads no session and no signed-in user (no authentication classes), and
anything behind a view restriction (pages, or images in restricted collections) is
missing for everybody (404), whoever asks.
"""

import re

from django.conf import settings
from django.db.models import Q
from django.http import QueryDict

from wagtail.api.v2.filters import SearchFilter
from wagtail.api.v2.pagination import WagtailPagination
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.api.validators import SiteFilterValidator
from wagtail.images.api.v2.views import ImagesAPIViewSet
from wagtail.models import Collection, CollectionViewRestriction, Page

from rest_framework.renderers import JSONRenderer

from catalog import visibility


class PublicPagination(WagtailPagination):
    """Wagtail's limit/offset paging; an offset past the end is an empty page.

    Without this, an offset beyond what the database's LIMIT/OFFSET takes (bigint on
    PostgreSQL) was a 500.
    """

    def paginate_queryset(self, queryset, request, view=None):
        page = super().paginate_queryset(queryset, request, view)
        if int(request.GET.get("offset", 0)) >= self.total_count:
            return []
        return page


class _WithQuery:
    """The request as the filter sees it, with other query parameters."""

    def __init__(self, request, query: QueryDict):
        self._request = request
        self.GET = query

    def __getattr__(self, name):
        return getattr(self._request, name)


class WordSearchFilter(SearchFilter):
    """``?search=`` takes words only; punctuation is dropped before the backend sees it.

    The database backend on SQLite hands the terms to FTS5 unquoted, so a search for
    ``"><img>`` was an FTS5 syntax error (a 500). Words only is a plain-text search on
    every backend; a search with no words at all finds nothing.
    """

    def filter_queryset(self, request, queryset, view):
        if "search" not in request.GET:
            return queryset
        words = " ".join(re.findall(r"\w+", request.GET["search"]))
        if not words:
            return queryset.none()
        query = request.GET.copy()
        query["search"] = words
        return super().filter_queryset(_WithQuery(request, query), queryset, view)


def _with_word_search(filter_backends):
    return [WordSearchFilter if f is SearchFilter else f for f in filter_backends]


class PublicPagesAPIViewSet(PagesAPIViewSet):
    # JSON only: DRF's browsable HTML would read the user and the CSRF token.
    renderer_classes = [JSONRenderer]
    authentication_classes = []
    pagination_class = PublicPagination
    filter_backends = _with_word_search(PagesAPIViewSet.filter_backends)

    def get_base_queryset(self):
        """The site's one visibility rule (catalog/visibility.py), scoped to the site."""
        queryset = visibility.visible_pages(Page.objects.all())
        try:
            site = SiteFilterValidator(
                site=self.request.GET.get("site"), request=self.request
            ).site_obj
        except ValueError as exc:
            raise BadRequestError(str(exc)) from exc
        if site is None:
            return queryset.none()
        scoped = queryset.descendant_of(site.root_page, inclusive=True)
        # As Wagtail does: with i18n, the site's root has a tree per language.
        if getattr(settings, "WAGTAIL_I18N_ENABLED", False):
            for translation in site.root_page.get_translations():
                scoped |= queryset.descendant_of(translation, inclusive=True)
        return scoped


class PublicImagesAPIViewSet(ImagesAPIViewSet):
    renderer_classes = [JSONRenderer]
    authentication_classes = []
    pagination_class = PublicPagination
    filter_backends = _with_word_search(ImagesAPIViewSet.filter_backends)

    def get_queryset(self):
        restricted = Q()
        for path in Collection.objects.filter(
            pk__in=CollectionViewRestriction.objects.values("collection_id")
        ).values_list("path", flat=True):
            restricted |= Q(collection__path__startswith=path)
        queryset = self.model.objects.all().order_by("id")
        return queryset.exclude(restricted) if restricted else queryset


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PublicPagesAPIViewSet)
api_router.register_endpoint("images", PublicImagesAPIViewSet)
