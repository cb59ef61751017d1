"""What a visitor typed, made safe: the query's words and the facet choices of the URL.

Every search reader (the page, the suggest endpoint, the benchmark) parses here, so a
hostile or broken address is refused in one place: words only reach the database as
plain words (never tsquery or FTS5 syntax), and a malformed facet value is a
``BadSearch`` (the view answers 400 with its message).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field, replace
from urllib.parse import urlencode

from django.urls import reverse
from django.utils.translation import gettext, gettext_lazy

MAX_QUERY_LENGTH = 200
MAX_WORDS = 12
#: Queries recorded for the search terms report: normalised, short, few words.
MAX_RECORDED_LENGTH = 50
MAX_RECORDED_WORDS = 5
# Anything but letters, digits and spaces: the backends' own query syntax (tsquery
# operators, SQLite FTS5 quotes and column filters) would otherwise come from the visitor.
NOT_A_WORD = re.compile(r"[^\w\s]+|_+")

KINDS = {
    "show": gettext_lazy("Shows"),
    "episode": gettext_lazy("Episodes"),
    "article": gettext_lazy("Articles"),
    "person": gettext_lazy("People"),
}
SORTS = {
    "relevance": gettext_lazy("Relevance"),
    "newest": gettext_lazy("Newest"),
    "title": gettext_lazy("Title A–Z"),
}
ACCESS = {"free": gettext_lazy("Free"), "subscribers": gettext_lazy("Subscribers only")}
YEAR_RANGE = re.compile(r"^(\d{4})(?:-(\d{4}))?$")
SLUG = re.compile(r"^[-a-zA-Z0-9_]{1,120}$")
CODE = re.compile(r"^[-A-Za-z0-9]{1,8}$")
MAX_PAGE = 10_000


class BadSearch(ValueError):
    """A search address that cannot be read; its message says why (shown with a 400)."""


def clean_text(raw: str) -> str:
    """The visitor's text without control characters or undecodable bytes, trimmed."""
    text = "".join(
        " " if unicodedata.category(ch)[0] == "C" or ch == "\ufffd" else ch
        for ch in raw[: MAX_QUERY_LENGTH * 4]
    )
    return " ".join(text.split())[:MAX_QUERY_LENGTH]


def search_terms(query: str) -> str:
    """The words of ``query``, as plain text the search backends cannot misread."""
    return " ".join(NOT_A_WORD.sub(" ", query).split()[:MAX_WORDS])


def recordable(query: str) -> str | None:
    """The normalised form of ``query`` for the search terms report, or None (too long)."""
    words = search_terms(query).lower().split()
    text = " ".join(words)
    if not words or len(words) > MAX_RECORDED_WORDS or not 2 <= len(text) <= MAX_RECORDED_LENGTH:
        return None
    return text


@dataclass(frozen=True)
class SearchParams:
    query: str = ""
    kind: str = ""
    genre: str = ""
    year_from: int | None = None
    year_to: int | None = None
    rating: str = ""
    lang: str = ""
    access: str = ""
    sort: str = "relevance"
    page: int = 1
    raw: dict = field(default_factory=dict, compare=False)

    @property
    def terms(self) -> str:
        return search_terms(self.query)

    @property
    def year(self) -> str:
        if self.year_from is None:
            return ""
        if self.year_to == self.year_from:
            return str(self.year_from)
        return f"{self.year_from}-{self.year_to}"

    @property
    def facets(self) -> dict[str, str]:
        """The facet choices in force, by URL name."""
        chosen = {
            "type": self.kind,
            "genre": self.genre,
            "year": self.year,
            "rating": self.rating,
            "lang": self.lang,
            "access": self.access,
        }
        return {name: value for name, value in chosen.items() if value}


def _one(params, name: str) -> str:
    values = params.getlist(name) if hasattr(params, "getlist") else [params.get(name, "")]
    values = [value for value in values if value != ""]
    if len(values) > 1:
        raise BadSearch(gettext("Choose one %(name)s at a time.") % {"name": name})
    return clean_text(values[0]) if values else ""


def parse(params) -> SearchParams:
    """Read ``?q=&type=&genre=&year=&rating=&lang=&access=&sort=&page=``."""
    query = clean_text(params.get("q", "") or "")
    kind = _one(params, "type")
    if kind and kind not in KINDS:
        raise BadSearch(
            gettext("“%(kind)s” is not a kind of result: use show, episode, article or person.")
            % {"kind": kind}
        )
    genre = _one(params, "genre")
    if genre and not SLUG.match(genre):
        raise BadSearch(gettext("That genre is not one we know."))
    year_from = year_to = None
    if year := _one(params, "year"):
        match = YEAR_RANGE.match(year)
        if not match:
            raise BadSearch(gettext("Years are written 2019 or 2010-2019."))
        year_from = int(match.group(1))
        year_to = int(match.group(2) or match.group(1))
        if year_to < year_from:
            raise BadSearch(gettext("A year range starts with its first year."))
    rating = _one(params, "rating")
    if rating and not CODE.match(rating):
        raise BadSearch(gettext("That maturity rating is not one we know."))
    lang = _one(params, "lang")
    if lang and not CODE.match(lang):
        raise BadSearch(gettext("That language is not one we know."))
    access = _one(params, "access")
    if access and access not in ACCESS:
        raise BadSearch(gettext("Access is free or subscribers."))
    sort = _one(params, "sort") or "relevance"
    if sort not in SORTS:
        raise BadSearch(gettext("Sort by relevance, newest or title."))
    page_text = _one(params, "page") or "1"
    if not page_text.isascii() or not page_text.isdigit() or not 1 <= int(page_text) <= MAX_PAGE:
        raise BadSearch(gettext("Pages are numbered from 1."))
    return SearchParams(
        query=query,
        kind=kind,
        genre=genre,
        year_from=year_from,
        year_to=year_to,
        rating=rating,
        lang=lang,
        access=access,
        sort=sort,
        page=int(page_text),
    )


FACET_FIELDS = {
    "type": "kind",
    "genre": "genre",
    "rating": "rating",
    "lang": "lang",
    "access": "access",
}


def url_with(params: SearchParams, base_url: str | None = None, **changes) -> str:
    """The address of ``params`` with ``changes`` (facet name -> value, "" removes it).

    ``base_url`` defaults to the search page of the active language (``/fr/search/``).

    Changing a facet goes back to page 1; the sort is kept unless it is the default.
    """
    for name, value in changes.items():
        if name in FACET_FIELDS:
            params = replace(params, **{FACET_FIELDS[name]: value})
        elif name == "year":
            match = YEAR_RANGE.match(value) if value else None
            first = int(match.group(1)) if match else None
            last = int(match.group(2) or match.group(1)) if match else None
            params = replace(params, year_from=first, year_to=last)
        elif name == "sort":
            params = replace(params, sort=value or "relevance")
        elif name == "q":
            params = replace(params, query=value)
    base_url = base_url or reverse("search")
    pairs = [("q", params.query)] if params.query else []
    pairs += list(params.facets.items())
    if params.sort != "relevance":
        pairs.append(("sort", params.sort))
    if "page" in changes and changes["page"] and int(changes["page"]) > 1:
        pairs.append(("page", str(changes["page"])))
    return f"{base_url}?{urlencode(pairs)}" if pairs else base_url
