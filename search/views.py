"""The search page and the header box's suggestions: thin views over search.selectors.

Both are public and cached at the edge: they read no session or user, so the HTML
(and the JSON) is the same for every visitor (docs/caching.md).
"""

from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import render
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext

from catalog import surrogate_keys
from search import selectors, services
from search.query import KINDS, SORTS, BadSearch, clean_text, parse, search_terms, url_with

SUGGEST_MAX_AGE = 60


def search(request):
    surrogate_keys.record(surrogate_keys.listing_key("search"))
    try:
        params = parse(request.GET)
    except BadSearch as error:
        context = {"error": str(error), "query": clean_text(request.GET.get("q", "") or "")}
        return render(request, "search/search_results.html", _page(context), status=400)
    outcome = selectors.search(params, request=request)
    promoted = []
    if params.terms and params.page == 1 and not params.facets and params.sort == "relevance":
        promoted = services.promoted_results(params.query, request=request)
        if promoted:
            shown = {row.page.pk for row in promoted if row.page is not None}
            outcome.results = [row for row in outcome.results if row.page.pk not in shown]
    if params.terms and params.page == 1 and (outcome.total or promoted) and not outcome.fuzzy:
        services.record_hit(params.query)
    context = {
        "query": params.query,
        "params": params,
        "outcome": outcome,
        # The pages found on this page of results, in order (read by the visibility tests).
        "results": [row.page for row in [*promoted, *outcome.results] if row.page is not None],
        "promoted": promoted,
        "chips": _chips(params, outcome),
        "sorts": [(key, label, url_with(params, sort=key)) for key, label in SORTS.items()],
        "page_urls": _page_urls(params, outcome),
        "did_you_mean_url": url_with(params, q=outcome.did_you_mean)
        if outcome.did_you_mean
        else "",
    }
    if params.terms and not outcome.results and not promoted and not outcome.people:
        context.update(selectors.empty_state())
    return render(request, "search/search_results.html", _page(context))


def _page(context):
    query = context.get("query", "")
    context.setdefault("kinds", KINDS)
    context["page_title"] = (
        gettext("Search: %(query)s") % {"query": query} if query else gettext("Search")
    )
    return context


def _chips(params, outcome):
    labels = {facet.name: {v.value: v.label for v in facet.values} for facet in outcome.facets}
    return [
        {
            "name": name,
            "label": labels.get(name, {}).get(value, value),
            "url": url_with(params, **{name: ""}),
        }
        for name, value in params.facets.items()
    ]


def _page_urls(params, outcome):
    page = outcome.page
    if page is None or page.paginator.num_pages <= 1:
        return {}
    return {
        "previous": url_with(params, page=page.previous_page_number())
        if page.has_previous()
        else "",
        "next": url_with(params, page=page.next_page_number()) if page.has_next() else "",
    }


def suggest(request):
    """``GET /search/suggest/?q=``: up to eight suggestions, from the second character."""
    terms = search_terms(clean_text(request.GET.get("q", "") or ""))
    surrogate_keys.record(surrogate_keys.listing_key("sugg"))
    results = selectors.suggest(terms, request=request) if len(terms) >= 2 else []
    response = JsonResponse({"query": terms, "results": results})
    max_age = getattr(settings, "SEARCH_SUGGEST_MAX_AGE", SUGGEST_MAX_AGE)
    patch_cache_control(response, public=True, max_age=max_age, s_maxage=max_age)
    return response
