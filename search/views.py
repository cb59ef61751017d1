"""The search page: full-text search over publicly visible pages (Wagtail search)."""

import re

from django.shortcuts import render

from wagtail.models import Page

from catalog.models import ArticlePage, EpisodePage, ShowPage
from catalog.selectors import paginate
from catalog.visibility import visible_pages

TYPES = {"show": ShowPage, "episode": EpisodePage, "article": ArticlePage}
MAX_QUERY_LENGTH = 200
# Anything but letters, digits and spaces: the backends' own query syntax (SQLite FTS5
# quotes, operators, column filters) would otherwise come from the visitor.
NOT_A_WORD = re.compile(r"[^\w\s]+|_+")


def search_terms(query: str) -> str:
    """The words of ``query``, as plain text the search backends cannot misread."""
    return " ".join(NOT_A_WORD.sub(" ", query).split())


def search(request):
    query = request.GET.get("q", "").strip()[:MAX_QUERY_LENGTH]
    kind = request.GET.get("type", "")
    model = TYPES.get(kind)
    results = None
    if query:
        base = visible_pages(model.objects if model else Page.objects)
        terms = search_terms(query)
        found = base.specific().search(terms) if terms else base.none()
        results = paginate(found, request.GET, 20)
    return render(
        request,
        "search/search_results.html",
        {
            "query": query,
            "type": kind if model else "",
            "types": list(TYPES),
            "results": results,
            "page_title": f"Search: {query}" if query else "Search",
        },
    )
