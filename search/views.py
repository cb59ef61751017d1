"""The search page: full-text search over live, public pages (Wagtail search)."""

from django.shortcuts import render

from wagtail.models import Page

from catalog.models import ArticlePage, EpisodePage, ShowPage
from catalog.selectors import paginate

TYPES = {"show": ShowPage, "episode": EpisodePage, "article": ArticlePage}
MAX_QUERY_LENGTH = 200


def search(request):
    query = request.GET.get("q", "").strip()[:MAX_QUERY_LENGTH]
    kind = request.GET.get("type", "")
    model = TYPES.get(kind)
    results = None
    if query:
        base = (model.objects if model else Page.objects).live().public()
        results = paginate(base.specific().search(query), request.GET, 20)
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
