"""Search writes and editorial steering: the search terms report and promoted results."""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.utils.translation import gettext

from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.models import Page

from catalog.visibility import visible_pages
from search.query import recordable
from search.selectors import Result, _results_for


def record_hit(query: str) -> bool:
    """Count one search of ``query`` for the report, if it is short and normalised.

    Long or many-word queries (random text, attacks) are never stored, so the table
    grows only with real short queries; old daily hits are dropped by
    ``search.tasks.clean_old_search_hits`` (Celery beat).
    """
    text = recordable(query)
    if text is None:
        return False
    try:
        with transaction.atomic():
            Query.get(text).add_hit()
    except IntegrityError:
        # Two first searches of the same words raced: the other one created the rows.
        with transaction.atomic():
            Query.get(text).add_hit()
    return True


def promoted_results(query: str, *, request=None) -> list[Result]:
    """The editors' promoted results for ``query``, in their order, only visible pages."""
    text = recordable(query)
    if text is None:
        return []
    promotions = list(
        SearchPromotion.objects.filter(query__query_string=text)
        .select_related("page")
        .order_by("sort_order")
    )
    page_ids = [p.page_id for p in promotions if p.page_id]
    visible = set(visible_pages(Page.objects.filter(pk__in=page_ids)).values_list("pk", flat=True))
    rows = {r.page.pk: r for r in _results_for([pk for pk in page_ids if pk in visible], "")}
    results = []
    for promotion in promotions:
        if promotion.page_id:
            row = rows.get(promotion.page_id)
            if row is None:
                continue
            if promotion.description:
                row.snippet = promotion.description
            row.promoted = True
            results.append(row)
        elif promotion.external_link_url:
            results.append(
                Result(
                    kind="link",
                    label=gettext("Featured"),
                    title=promotion.external_link_text or promotion.external_link_url,
                    url=promotion.external_link_url,
                    page=None,
                    image=None,
                    snippet=promotion.description,
                    promoted=True,
                )
            )
    return results
