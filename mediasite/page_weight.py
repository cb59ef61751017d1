"""Page weight: the bytes a browser transfers for each public page type before any interaction.

``public_page_paths()`` picks one page of each type from the database (the show with a
trailer, so its player counts; a free and a locked episode); ``transferred()`` loads a URL
in a fresh Chromium context (empty cache, 1280×800, no pointer moved) and sums, per
request, what Chromium's DevTools protocol reports as received on the wire
(``Network.loadingFinished`` ``encodedDataLength``: compressed bodies and headers), once the
network is idle. Used by ``scripts/page_weight.py`` (the table in docs/performance.md) and by
the budget test (mediasite/tests/test_page_weight_browser.py). Needs Playwright (a dev
requirement) and /usr/bin/chromium.
"""

from dataclasses import dataclass, field

from django.urls import reverse

VIEWPORT = {"width": 1280, "height": 800}
BUDGET_BYTES = 300 * 1024
HLS_JS = "vendor/hls.js/"


@dataclass
class PageWeight:
    name: str
    path: str
    requests: list[tuple[str, int]] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(size for _url, size in self.requests)

    def urls(self) -> list[str]:
        return [url for url, _size in self.requests]


def _first(queryset):
    from catalog.visibility import visible_pages

    page = visible_pages(queryset).order_by("path").first()
    return page.specific if page else None


def public_page_paths() -> dict[str, str]:
    """One path per public page type present in the database, in a fixed order."""
    from wagtail.models import Site

    from catalog.models import (
        AccessLevel,
        ArticleIndexPage,
        ArticlePage,
        EpisodePage,
        Genre,
        Person,
        SeasonPage,
        ShowIndexPage,
        ShowPage,
    )

    show = _first(ShowPage.objects.exclude(trailer=None)) or _first(ShowPage.objects.all())
    pages = {
        "home": Site.objects.get(is_default_site=True).root_page,
        "shows index": _first(ShowIndexPage.objects.all()),
        "show": show,
        "season": _first(SeasonPage.objects.all()),
        "episode (free)": _first(EpisodePage.objects.filter(access_level=AccessLevel.FREE)),
        "episode (locked)": _first(EpisodePage.objects.exclude(access_level=AccessLevel.FREE)),
        "article index": _first(ArticleIndexPage.objects.all()),
        "article": _first(ArticlePage.objects.all()),
    }
    paths = {name: page.get_url() for name, page in pages.items() if page}
    genre, person = Genre.objects.order_by("pk").first(), Person.objects.order_by("pk").first()
    if genre:
        paths["genre"] = reverse("catalog:genre_detail", kwargs={"slug": genre.slug})
    if person:
        paths["person"] = reverse("catalog:person_detail", kwargs={"slug": person.slug})
    word = show.title.split()[-1] if show else "the"
    paths["search"] = f"{reverse('search')}?q={word}"
    paths["plans"] = reverse("account:plans")
    return paths


def transferred(
    browser, name: str, base_url: str, path: str, timeout_ms: int = 120_000
) -> PageWeight:
    """Load ``base_url + path`` in a fresh context of ``browser`` and record what came over."""
    context = browser.new_context(viewport=VIEWPORT)
    try:
        page = context.new_page()
        page.set_default_timeout(timeout_ms)
        cdp = context.new_cdp_session(page)
        urls, sizes = {}, {}
        cdp.on(
            "Network.requestWillBeSent",
            lambda e: urls.setdefault(e["requestId"], e["request"]["url"]),
        )
        cdp.on(
            "Network.loadingFinished",
            lambda e: sizes.update({e["requestId"]: e["encodedDataLength"]}),
        )
        cdp.send("Network.enable")
        page.goto(f"{base_url}{path}", wait_until="load")
        page.wait_for_load_state("networkidle")
        weight = PageWeight(name, path)
        weight.requests = [(urls.get(rid, "?"), int(size)) for rid, size in sizes.items()]
        return weight
    finally:
        context.close()


def table(weights: list[PageWeight]) -> str:
    """A Markdown table: page type, path, requests, KB transferred, whether hls.js came."""
    lines = [
        "| page | path | requests | KB transferred | hls.js |",
        "| --- | --- | ---: | ---: | --- |",
    ]
    for weight in weights:
        hls = "yes" if any(HLS_JS in url for url in weight.urls()) else "no"
        kilobytes = f"{weight.total / 1024:.0f}"
        lines.append(
            f"| {weight.name} | `{weight.path}` | {len(weight.requests)} | {kilobytes} | {hls} |"
        )
    return "\n".join(lines)
