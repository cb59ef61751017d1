"""Hand-written French and Spanish translations of the demo, through wagtail-localize.

``data/translations/<code>.json`` holds, per language, the shows to translate and a
glossary: each English text of the demo (a title, a synopsis, a rail heading, a sentence
of rich text) and its translation. ``ensure_translations`` translates, in this order:

1. every genre and collection (the home page's rails choose them, so they come first);
2. the home page, the show index and the article index;
3. the listed shows with all their seasons and episodes;
4. the home page again, its page choices (hero, hand-picked rails, call to action) now
   pointing at the translated pages.

Each object goes through wagtail-localize's own machinery, as a translator working in the
admin would: a ``TranslationSource`` of the English object, a ``Translation`` into the
locale, one manual ``StringTranslation`` per segment (from the glossary), a
``SegmentOverride`` per page choice, then ``create_or_update_translation`` publishes it.
So each translation shares its source's ``translation_key``, is in sync (the editor's
"Sync translated pages" keeps the texts), and the synchronised fields (videos, images,
access, regions, dates) are the source's. Slugs stay the source's. A translated show's
genres are that language's genres (wagtail-localize leaves many-to-many fields alone).

Idempotent: an existing translation is left alone (the demo videos reach translations
through ``media.attach``, which gives a page's translations its video too). A text missing
from the glossary skips that object with a message naming the text.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Annotated

from django.conf import settings
from django.db import models, transaction

from wagtail import blocks
from wagtail.actions.copy_for_translation import ParentNotTranslatedError
from wagtail.fields import StreamField
from wagtail.models import Locale, Page

from pydantic import Field, StringConstraints
from wagtail_localize.models import (
    MissingRelatedObjectError,
    OverridableSegment,
    SegmentOverride,
    StringSegment,
    StringTranslation,
    Translation,
    TranslationSource,
)

from catalog.demo.content import DATA_DIR, Slug
from catalog.demo.indexing import deferred_indexing
from catalog.models import EpisodePage, Genre, SeasonPage, ShowPage
from mediasite.demo import DemoDataError, DemoRecord, Report, load_data_file

TRANSLATIONS_DIR = DATA_DIR / "translations"
#: Segments that keep the source's value: the page stays at the same path under /fr/.
KEEP_SOURCE = {"slug"}

Text = Annotated[str, StringConstraints(min_length=1)]


class TranslationData(DemoRecord):
    """One language's file: the shows to translate and the glossary (English -> language)."""

    shows: tuple[Slug, ...] = Field(min_length=1)
    strings: dict[Text, Text]


def demo_translations() -> dict[str, TranslationData]:
    """Each content language that has a file, by code (``en`` has none)."""
    found = {}
    for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES:
        path = TRANSLATIONS_DIR / f"{code}.json"
        if path.exists():
            found[code] = load_data_file(path, TranslationData)
    return found


def ensure_translations(catalog, *, report: Report, say=print) -> None:
    """Translate the demo into every language that has a file (see the module docstring)."""
    models_to_index = [ShowPage, SeasonPage, EpisodePage, type(catalog.home)]
    for code, data in demo_translations().items():
        locale = Locale.objects.filter(language_code=code).first()
        if locale is None:
            continue
        unknown = [slug for slug in data.shows if slug not in catalog.shows]
        if unknown:
            raise DemoDataError(f"translations/{code}.json: unknown shows {unknown}")
        translator = DemoTranslator(locale, data.strings, report, say)
        with transaction.atomic(), deferred_indexing(models_to_index):
            translator.translate_language(catalog, data)


@dataclass
class DemoTranslator:
    """Translates demo objects into one locale from a glossary."""

    locale: Locale
    strings: dict
    report: Report
    say: object = print

    @property
    def report_kind(self) -> str:
        return f"translation ({self.locale.language_code})"

    def translate_language(self, catalog, data: TranslationData) -> None:
        for snippet in [*catalog.genres.values(), *catalog.collections.values()]:
            self.translate(snippet)
        for page in [catalog.home, catalog.show_index, catalog.article_index]:
            self.translate(page)
        for slug in data.shows:
            self.translate_show(catalog.shows[slug])
        self.translate(catalog.home, page_choices=True)

    def translate_show(self, show: ShowPage) -> None:
        translated = self.translate(show)
        if translated is not None:
            self.localise_genres(show, translated)
        for season in SeasonPage.objects.child_of(show).order_by("number"):
            self.translate(season)
            for episode in EpisodePage.objects.child_of(season).order_by("number"):
                self.translate(episode)

    def translate(self, instance, *, page_choices: bool = False):
        """The translation of ``instance``, made (or synced) if needed; None if skipped."""
        kind = instance._meta.verbose_name
        existing = instance.get_translation_or_none(self.locale)
        if existing is not None and not (page_choices and self.wanted_overrides(instance)):
            self.report.record(self.report_kind, created=False)
            return existing
        source, _ = TranslationSource.update_or_create_from_instance(instance)
        missing = self.fill_strings(source)
        if missing:
            self.say(f"Demo {kind} {instance} not translated into {self.locale}: no {missing}")
            return None
        if page_choices:
            self.override_page_choices(source, instance)
        Translation.objects.get_or_create(source=source, target_locale=self.locale)
        try:
            with transaction.atomic():
                translated = self.save_translation(source, instance)
        except (MissingRelatedObjectError, ParentNotTranslatedError) as exc:
            self.say(f"Demo {kind} {instance} not translated into {self.locale}: {exc!r}")
            return None
        self.report.record(self.report_kind, created=True)
        return translated

    def save_translation(self, source: TranslationSource, instance):
        if not isinstance(instance, Page):
            return source.create_or_update_translation(self.locale)[0]
        # A draft, published here and now: wagtail-localize would publish on commit, from
        # an instance taken before this load adds the page's children (its stale
        # ``numchild`` would then hide them from routing).
        draft, _ = source.create_or_update_translation(self.locale, publish=False)
        draft.get_latest_revision().publish()
        return type(draft).objects.get(pk=draft.pk)

    def fill_strings(self, source: TranslationSource) -> list[str]:
        """A manual StringTranslation per segment; the texts the glossary lacks."""
        missing = []
        segments = StringSegment.objects.filter(source=source).select_related("string", "context")
        for segment in segments:
            text = segment.string.data
            if segment.context.path in KEEP_SOURCE:
                translated = text
            elif text in self.strings:
                translated = self.strings[text]
            else:
                missing.append(text)
                continue
            StringTranslation.objects.update_or_create(
                translation_of=segment.string,
                locale=self.locale,
                context=segment.context,
                defaults={"data": translated, "translation_type": "manual"},
            )
        return missing

    # --- page choices -------------------------------------------------------------------

    def override_page_choices(self, source: TranslationSource, instance) -> None:
        for context, page_id in self.wanted_overrides(instance, source).items():
            SegmentOverride.objects.update_or_create(
                locale=self.locale, context=context, defaults={"data_json": json.dumps(page_id)}
            )

    def wanted_overrides(self, instance, source: TranslationSource | None = None) -> dict:
        """{context: translated page id} for each page choice not yet pointing at its
        translation in this locale."""
        source = source or TranslationSource.objects.get_for_instance_or_none(instance)
        if source is None:
            return {}
        segments = OverridableSegment.objects.filter(source=source).select_related("context")
        choices = {
            segment.context: json.loads(segment.data_json)
            for segment in segments
            if chooses_page(instance, segment.context.path)
        }
        translated = dict(
            Page.objects.filter(
                locale=self.locale,
                translation_key__in=Page.objects.filter(pk__in=choices.values()).values(
                    "translation_key"
                ),
            ).values_list("translation_key", "pk")
        )
        keys = dict(
            Page.objects.filter(pk__in=choices.values()).values_list("pk", "translation_key")
        )
        done = dict(
            SegmentOverride.objects.filter(
                locale=self.locale, context__in=list(choices)
            ).values_list("context_id", "data_json")
        )
        wanted = {}
        for context, page_id in choices.items():
            target = translated.get(keys.get(page_id))
            if target is not None and done.get(context.pk) != json.dumps(target):
                wanted[context] = target
        return wanted

    def localise_genres(self, show: ShowPage, translated: ShowPage) -> None:
        """Give the translated show this language's genres (published in a new revision)."""
        keys = [genre.translation_key for genre in show.genres.all()]
        genres = list(Genre.objects.filter(locale=self.locale, translation_key__in=keys))
        translated = translated.specific
        if {g.pk for g in genres} == {g.pk for g in translated.genres.all()}:
            return
        translated.genres = genres
        translated.save_revision().publish()


def chooses_page(instance, path: str) -> bool:
    """Whether ``path`` (a wagtail-localize segment path) is a page chooser of ``instance``:
    a foreign key to a page, or a PageChooserBlock in a StreamField."""
    name, *rest = path.split(".")
    try:
        model_field = instance._meta.get_field(name)
    except Exception:  # noqa: BLE001 - not a model field: a child relation's path
        return False
    if isinstance(model_field, models.ForeignKey):
        return not rest and issubclass(model_field.related_model, Page)
    if isinstance(model_field, StreamField) and rest:
        child = next((c for c in getattr(instance, name) if c.id == rest[0]), None)
        return child is not None and _page_chooser(child.block, rest[1:])
    return False


def _page_chooser(block, path: list[str]) -> bool:
    if isinstance(block, blocks.PageChooserBlock):
        return not path
    if isinstance(block, blocks.StructBlock) and path:
        child = block.child_blocks.get(path[0])
        return child is not None and _page_chooser(child, path[1:])
    if isinstance(block, blocks.ListBlock) and path:
        return _page_chooser(block.child_block, path[1:])
    return False
