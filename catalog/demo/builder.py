"""Build the curated demo catalog page by page, through Wagtail's own API.

Pages are added with ``parent.add_child`` and published from a revision, exactly
as an editor would, so they have revisions, log entries, search-index and
reference-index rows (written once per page at the end, see ``indexing``).
Anything already there (found by slug, or by number for seasons and episodes) is
left untouched. The whole build is one transaction: on SQLite that also saves a
disk sync per statement. What to build comes from the data files (``content``); the
plan early releases need comes from the subscriptions demo (``load_demo_accounts``),
looked up by its slug.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta

from django.core.management.base import CommandError
from django.db import transaction
from django.utils import timezone

from wagtail.models import Page
from wagtail.rich_text import RichText

from catalog.demo import images, site_setup, snippets
from catalog.demo.content import ArticleData, DemoContent, IndexData, ShowData, demo_content
from catalog.demo.episodes import EpisodePlan, SeasonPlan, first_air_year, plan_catalog
from catalog.demo.indexing import deferred_indexing
from catalog.models import (
    ArticleIndexPage,
    ArticlePage,
    ArticleRelatedShow,
    EpisodePage,
    SeasonPage,
    ShowCredit,
    ShowIndexPage,
    ShowPage,
)
from mediasite.demo import Report, no_progress
from subscriptions.selectors import plan_by_slug


@dataclass
class DemoCatalog:
    """What the loader built or found, for the steps that link things together."""

    home: Page
    show_index: ShowIndexPage
    article_index: ArticleIndexPage
    content: DemoContent
    genres: dict = field(default_factory=dict)
    people: dict = field(default_factory=dict)
    shows: dict = field(default_factory=dict)
    first_episodes: dict = field(default_factory=dict)
    collections: dict = field(default_factory=dict)
    articles: list = field(default_factory=list)
    premium_plan: object = None


def planned_pages(content: DemoContent | None = None) -> int:
    """How many pages the curated demo has: indexes, shows, seasons, episodes, articles, home."""
    content = content or demo_content()
    shows = sum(
        1 + len(show.episodes_per_season) + sum(show.episodes_per_season) for show in content.shows
    )
    return 2 + shows + len(content.articles) + 1


PAGE_MODELS = (ShowIndexPage, ArticleIndexPage, ShowPage, SeasonPage, EpisodePage, ArticlePage)


def build_demo(
    *, report: Report, progress=no_progress, today=None, content: DemoContent | None = None
) -> DemoCatalog:
    """Create whatever part of the curated demo catalog is missing, in one transaction."""
    models = [*PAGE_MODELS, site_setup.home_page_model()]
    with transaction.atomic(), deferred_indexing(models):
        return _build_demo(
            report=report, progress=progress, today=today, content=content or demo_content()
        )


def _build_demo(*, report: Report, progress, today, content: DemoContent) -> DemoCatalog:
    today = today or timezone.localdate()
    premium_plan = early_release_plan(content)
    catalog = ensure_scaffolding(report=report, progress=progress, content=content)
    catalog.people = snippets.ensure_people(
        content.people, locale=catalog.home.locale, report=report
    )
    catalog.premium_plan = premium_plan
    catalog.shows = ensure_shows(catalog, report=report, progress=progress, today=today)
    catalog.first_episodes = first_episodes(catalog.shows)
    catalog.collections = snippets.ensure_collections(
        content.collections, shows=catalog.shows, locale=catalog.home.locale, report=report
    )
    catalog.articles = ensure_articles(catalog, report=report, progress=progress, today=today)
    hero = content.show(content.site.home.hero_show)
    site_setup.compose_home(
        catalog.home,
        catalog=catalog,
        data=content.site.home,
        report=report,
        hero_image=lambda: key_art(hero, report),
    )
    progress()
    site_setup.assign_workflow([catalog.show_index, catalog.article_index], report)
    return catalog


def early_release_plan(content: DemoContent):
    """The plan early releases need, seeded by ``load_demo_accounts`` (subscriptions)."""
    slug = content.site.early_release_plan
    plan = plan_by_slug(slug)
    if plan is None:
        raise CommandError(
            f"The plan {slug!r} (early_release_plan in catalog/demo/data/site.json) does not "
            "exist: run `manage.py load_demo_accounts` first, or `load_demo_catalog` without "
            "--no-accounts."
        )
    return plan


def ensure_scaffolding(
    *, report: Report, progress=no_progress, content: DemoContent | None = None
) -> DemoCatalog:
    """The Site, genres and both index pages: what synthetic shows need too."""
    with transaction.atomic():
        return _ensure_scaffolding(
            report=report, progress=progress, content=content or demo_content()
        )


def _ensure_scaffolding(*, report: Report, progress, content: DemoContent) -> DemoCatalog:
    home = site_setup.find_home()
    site_setup.configure_site(home, content.site, report)
    genres = snippets.ensure_genres(content.genres, locale=home.locale, report=report)
    show_index = ensure_index(home, ShowIndexPage, content.site.show_index, report)
    progress()
    article_index = ensure_index(home, ArticleIndexPage, content.site.article_index, report)
    progress()
    return DemoCatalog(home, show_index, article_index, content, genres=genres)


def add_published(parent: Page, page: Page) -> Page:
    """Add ``page`` under ``parent`` and publish it from a first revision."""
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def ensure_index(home, model, item: IndexData, report: Report):
    """The single index page of ``model`` under the home page."""
    index = model.objects.child_of(home).first()
    report.record("index page", created=index is None)
    if index is None:
        with transaction.atomic():
            page = model(title=item.title, slug=item.slug, intro=item.intro)
            index = add_published(home, page)
    return index


def ensure_shows(catalog: DemoCatalog, *, report: Report, progress, today) -> dict:
    """Every demo show with its seasons and episodes, by slug."""
    items = catalog.content.shows
    existing = {
        show.slug: show
        for show in ShowPage.objects.child_of(catalog.show_index).filter(
            slug__in=[item.slug for item in items]
        )
    }
    known = KnownChildren.load(existing.values())
    plans = plan_catalog(items, catalog.content.episode_text, today)
    shows = {}
    for item in items:
        with transaction.atomic():
            show = existing.get(item.slug) or create_show(catalog, item, report, today)
            report.record("show", created=item.slug not in existing)
            progress()
            for plan in plans[item.slug]:
                ensure_season(
                    show,
                    item,
                    plan,
                    known,
                    report=report,
                    progress=progress,
                    premium_plan=catalog.premium_plan,
                )
        shows[item.slug] = show
    return shows


@dataclass
class KnownChildren:
    """The seasons, episode numbers and episode slugs that already exist under some shows."""

    seasons: dict = field(default_factory=dict)  # (show id, number) -> SeasonPage
    episode_numbers: set = field(default_factory=set)  # (season id, number)
    episode_slugs: set = field(default_factory=set)  # (season id, slug)

    @classmethod
    def load(cls, shows) -> KnownChildren:
        show_ids = [show.pk for show in shows]
        seasons = SeasonPage.objects.filter(show_id__in=show_ids)
        rows = EpisodePage.objects.filter(season__show_id__in=show_ids).values_list(
            "season_id", "number", "slug"
        )
        return cls(
            seasons={(season.show_id, season.number): season for season in seasons},
            episode_numbers={(season_id, number) for season_id, number, _ in rows},
            episode_slugs={(season_id, slug) for season_id, _, slug in rows},
        )


def create_show(catalog: DemoCatalog, item: ShowData, report: Report, today) -> ShowPage:
    """A new, published show page with its artwork, genres and credits."""
    poster, backdrop = show_artwork(item, report)
    show = ShowPage(
        title=item.title,
        slug=item.slug,
        synopsis=item.synopsis,
        poster=poster,
        backdrop=backdrop,
        maturity_rating=item.maturity_rating,
        original_language=item.original_language,
        first_air_year=first_air_year(item, today),
        status=item.status,
        allowed_regions=list(item.regions),
    )
    show.genres = [catalog.genres[name] for name in item.genres]
    show.credits = show_credits(item, catalog.people)
    return add_published(catalog.show_index, show)


def show_artwork(item: ShowData, report: Report):
    """The show's poster (with its focal point) and backdrop, drawn if missing."""
    palette = images.Palette.from_hex(*item.colors)
    label = " · ".join(item.genres)
    poster, created = images.ensure_image(
        f"{item.title} (poster)",
        f"poster-{item.slug}.jpg",
        lambda: images.render_poster(item.title, label, palette, item.slug),
    )
    report.record("image", created)
    backdrop, created = images.ensure_image(
        f"{item.title} (backdrop)",
        f"backdrop-{item.slug}.jpg",
        # Without lettering: every page that shows a backdrop prints its own heading over it.
        lambda: images.render_backdrop(
            item.title, item.tagline, palette, item.slug, with_title=False
        ),
    )
    report.record("image", created)
    return poster, backdrop


def key_art(item: ShowData, report: Report):
    """The backdrop's composition without its title, for the home page hero."""
    palette = images.Palette.from_hex(*item.colors)
    image, created = images.ensure_image(
        f"{item.title} (key art)",
        f"keyart-{item.slug}.jpg",
        lambda: images.render_backdrop(
            item.title, item.tagline, palette, item.slug, with_title=False
        ),
    )
    report.record("image", created)
    return image


def show_credits(item: ShowData, people: dict) -> list[ShowCredit]:
    """Cast in billing order with their characters, then the crew."""
    cast = [
        ShowCredit(
            person=people[credit.person], role=ShowCredit.Role.CAST, character=credit.character
        )
        for credit in item.cast
    ]
    crew = [ShowCredit(person=people[credit.person], role=credit.role) for credit in item.crew]
    credits = cast + crew
    for order, credit in enumerate(credits):
        credit.sort_order = order
    return credits


def ensure_season(
    show, item, plan: SeasonPlan, known: KnownChildren, *, report, progress, premium_plan=None
):
    """One season of ``show`` and its episodes, adding whatever is missing."""
    season = known.seasons.get((show.pk, plan.number))
    if season is None:
        season = SeasonPage(
            title=f"Season {plan.number}",
            number=plan.number,
            synopsis=plan.synopsis,
            release_year=plan.release_year,
        )
        add_published(show, season)
    report.record("season", created=(show.pk, plan.number) not in known.seasons)
    progress()
    for episode in plan.episodes:
        created = (season.pk, episode.number) not in known.episode_numbers
        if created:
            page = episode_page(item, plan, episode, known, season, report)
            page.minimum_plan = premium_plan if episode.premium else None
            add_published(season, page)
        report.record("episode", created)
        progress()


def episode_page(item, season_plan, plan: EpisodePlan, known, season, report) -> EpisodePage:
    """An unsaved episode page; the first episode of each show gets a still."""
    slug = plan.slug
    if (season.pk, slug) in known.episode_slugs:
        slug = f"{slug}-{plan.number}"
    still = None
    if season_plan.number == 1 and plan.number == 1:
        still = episode_still(item, "S1 E1", report)
    return EpisodePage(
        title=plan.title,
        slug=slug,
        number=plan.number,
        synopsis=plan.synopsis,
        runtime_minutes=plan.runtime_minutes,
        air_date=plan.air_date,
        access_level=plan.access_level,
        available_from=plan.available_from,
        available_until=plan.available_until,
        still=still,
    )


def episode_still(item: ShowData, code: str, report: Report):
    palette = images.Palette.from_hex(*item.colors)
    still, created = images.ensure_image(
        f"{item.title} {code} (still)",
        f"still-{item.slug}-{code.lower().replace(' ', '')}.jpg",
        lambda: images.render_still(item.title, code, palette, f"{item.slug}:{code}"),
    )
    report.record("image", created)
    return still


def first_episodes(shows: dict) -> dict:
    """Each show's first episode (season 1, episode 1), by show slug."""
    episodes = EpisodePage.objects.filter(
        season__show_id__in=[show.pk for show in shows.values()], season__number=1, number=1
    ).select_related("season")
    by_show = {episode.season.show_id: episode for episode in episodes}
    return {slug: by_show[show.pk] for slug, show in shows.items() if show.pk in by_show}


def ensure_articles(catalog: DemoCatalog, *, report: Report, progress, today) -> list:
    """The demo articles, in data order."""
    items = catalog.content.articles
    existing = {
        article.slug: article
        for article in ArticlePage.objects.child_of(catalog.article_index).filter(
            slug__in=[item.slug for item in items]
        )
    }
    articles = []
    for item in items:
        article = existing.get(item.slug)
        if article is None:
            with transaction.atomic():
                page = article_page(item, catalog, report, today)
                article = add_published(catalog.article_index, page)
        report.record("article", created=item.slug not in existing)
        progress()
        articles.append(article)
    return articles


def article_page(item: ArticleData, catalog: DemoCatalog, report, today) -> ArticlePage:
    """An unsaved article: author, body blocks, related shows and a hero image."""
    related = [catalog.shows[slug] for slug in item.shows if slug in catalog.shows]
    article = ArticlePage(
        title=item.title,
        slug=item.slug,
        kind=item.kind,
        author=catalog.people.get(item.author),
        date=today - timedelta(days=item.days_ago),
        summary=item.summary,
        hero_image=related[0].backdrop if related else article_image(item, report),
        body=list(article_body(item.body)),
    )
    article.related_shows = [
        ArticleRelatedShow(show=show, sort_order=order) for order, show in enumerate(related)
    ]
    return article


def article_body(blocks):
    """Turn the data's heading, paragraph and quote blocks into StreamField block values."""
    for block in blocks:
        if block.type == "heading":
            yield ("heading", {"text": block.text, "level": "h2"})
        elif block.type == "quote":
            yield ("quote", {"quote": block.text, "attribution": block.attribution})
        else:
            yield ("paragraph", RichText(block.html))


def article_image(item: ArticleData, report: Report):
    palette = images.Palette.from_hex("#1f1c2c", "#928dab", "#ffd89b")
    image, created = images.ensure_image(
        f"{item.title} (article)",
        f"article-{item.slug}.jpg",
        lambda: images.render_backdrop(item.title, item.summary[:60], palette, item.slug),
    )
    report.record("image", created)
    return image
