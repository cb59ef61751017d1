"""Wagtail's PostgreSQL search backend with one text search configuration per language.

Wagtail's database backend stems every model and locale with one ``SEARCH_CONFIG``
(wagtail issue 9253). This extension picks the configuration from each indexed
object's locale when it is indexed (English pages with ``english``, French with
``french``, Spanish with ``spanish``, anything else with ``simple``) and from the
active language when a query is parsed. Search results are always limited to the
active locale (``catalog.visibility``), so a query is stemmed the way its documents were.

Every write to the index bumps the catalog's content version (``catalog.content_version``), so cached
search answers never outlive the index they were read from.

Everything else (weights, title normalisation, fuzzy search, autocomplete with the
``simple`` configuration, rebuilding) is modelsearch's own.
"""

from __future__ import annotations

import copy
from collections import defaultdict

from django.utils.translation import get_language

from modelsearch.backends.database.postgres.postgres import (
    PostgresAutocompleteQueryCompiler,
    PostgresIndex,
    PostgresSearchBackend,
    PostgresSearchQueryCompiler,
)

from catalog import content_version

#: Language code -> PostgreSQL text search configuration. Others use ``simple``.
TEXT_SEARCH_CONFIGS = {"en": "english", "fr": "french", "es": "spanish"}
FALLBACK_CONFIG = "simple"


def config_for_language(language_code: str | None) -> str:
    """The text search configuration for ``language_code`` ("en-gb" -> "english")."""
    base = (language_code or "").split("-")[0].split("_")[0].lower()
    return TEXT_SEARCH_CONFIGS.get(base, FALLBACK_CONFIG)


def active_config() -> str:
    return config_for_language(get_language())


def config_for_object(obj, default: str) -> str:
    """An object's configuration, from its locale (TranslatableMixin), else ``default``."""
    locale_id = getattr(obj, "locale_id", None)
    if locale_id is None:
        return default
    from wagtail.models import Locale

    code = _locale_codes().get(locale_id)
    if code is None:
        code = Locale.objects.filter(pk=locale_id).values_list("language_code", flat=True).first()
        _locale_codes.cache[locale_id] = code
    return config_for_language(code) if code else default


def _locale_codes() -> dict:
    return _locale_codes.cache


_locale_codes.cache = {}


class LocalisedPostgresIndex(PostgresIndex):
    def add_items(self, model, objs):
        groups = defaultdict(list)
        for obj in objs:
            groups[config_for_object(obj, self.backend.config or FALLBACK_CONFIG)].append(obj)
        for config, group in groups.items():
            # A copy per configuration: modelsearch's indexer reads ``backend.config``.
            index = copy.copy(self)
            index.backend = copy.copy(self.backend)
            index.backend.config = config
            PostgresIndex.add_items(index, model, group)
        content_version.bump()

    def delete_item(self, item):
        super().delete_item(item)
        content_version.bump()


class LocalisedSearchQueryCompiler(PostgresSearchQueryCompiler):
    def get_config(self, backend):
        return active_config()


class LocalisedPostgresSearchBackend(PostgresSearchBackend):
    query_compiler_class = LocalisedSearchQueryCompiler
    autocomplete_query_compiler_class = PostgresAutocompleteQueryCompiler
    index_class = LocalisedPostgresIndex


SearchBackend = LocalisedPostgresSearchBackend
