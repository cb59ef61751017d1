"""The demo's home page, default Site, branding settings and review workflow.

The home app depends on catalog, not the other way round, so its models are
looked up by name here, at run time, rather than imported.
"""

from __future__ import annotations

from django.apps import apps
from django.core.management.base import CommandError
from django.db import transaction

from wagtail.models import Page, Site, Workflow, WorkflowPage
from wagtail.rich_text import RichText

from catalog.demo.content import HomeData, SiteData
from mediasite.demo import Report

WORKFLOW_NAME = "Catalog review"


def home_page_model():
    return apps.get_model("home", "HomePage")


def find_home():
    """The site's home page (created by the ``home`` migrations)."""
    model = home_page_model()
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site and isinstance(site.root_page.specific, model):
        return site.root_page.specific
    home = model.objects.order_by("path").first()
    if home is None:
        raise CommandError("No home page found: run `manage.py migrate` first.")
    return home


def configure_site(home, data: SiteData, report: Report) -> Site:
    """Point the default Site at ``home`` with the demo's name and host (port 80), fill the footer."""
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        site = Site(is_default_site=True)
    wanted = {
        "site_name": data.site_name,
        "hostname": data.hostname,
        "port": 80,
        "root_page_id": home.pk,
    }
    changed = [name for name, value in wanted.items() if getattr(site, name) != value]
    for name in changed:
        setattr(site, name, wanted[name])
    if changed:
        site.save()
    report.record("site", created=bool(changed))
    _fill_branding(site, data, report)
    return site


def _fill_branding(site: Site, data: SiteData, report: Report) -> None:
    branding = apps.get_model("home", "SiteBranding").for_site(site)
    if branding.footer_text:
        report.record("site branding", created=False)
        return
    branding.site_name = data.site_name
    branding.footer_text = data.footer_text
    branding.save()
    report.record("site branding", created=True)


def assign_workflow(pages: list[Page], report: Report) -> None:
    """Send edits under the show and article indexes through the "Catalog review" workflow."""
    workflow = Workflow.objects.filter(name=WORKFLOW_NAME).first()
    if workflow is None:
        report.record("workflow missing", created=False)
        return
    for page in pages:
        _, created = WorkflowPage.objects.get_or_create(page=page, defaults={"workflow": workflow})
        report.record("workflow page", created)


def compose_home(home, *, catalog, data: HomeData, report: Report, hero_image=None) -> None:
    """Give the home page its hero and rails, once: an edited home page is left alone.

    ``hero_image`` is called for the hero's artwork; without it the show's backdrop is used.
    """
    if home.hero_page_id or home.body:
        report.record("home page", created=False)
        return
    hero = catalog.shows[data.hero_show]
    with transaction.atomic():
        home.hero_heading = hero.title
        home.hero_text = hero.synopsis
        home.hero_page = hero
        home.hero_image = hero_image() if hero_image else hero.backdrop
        home.hero_button_label = data.hero_button_label
        home.body = home_blocks(catalog, data)
        home.save_revision().publish()
    report.record("home page", created=True)


def home_blocks(catalog, data: HomeData) -> list[tuple[str, object]]:
    """The home page's rails, teasers and call to action, as (block type, value) pairs."""
    articles = {article.slug: article for article in catalog.articles}
    return [_home_block(block, catalog, articles) for block in data.blocks]


def _home_block(block, catalog, articles: dict) -> tuple[str, object]:
    if block.type == "rail":
        return _rail(
            block.title,
            block.source,
            items=_first_episodes(catalog, block.first_episodes or 0),
            genre=catalog.genres[block.genre] if block.genre else None,
            collection=catalog.collections[block.collection] if block.collection else None,
            limit=block.limit,
        )
    if block.type == "article_teaser":
        return ("article_teaser", {"article": articles[block.article]})
    if block.type == "call_to_action":
        value = {"heading": block.heading, "text": block.text, "button_label": block.button_label}
        return ("call_to_action", {**value, "page": getattr(catalog, block.page), "url": ""})
    return ("paragraph", RichText(block.html))


def _first_episodes(catalog, shows: int) -> list:
    """The first episode of each of the first ``shows`` shows (in data order) that has one."""
    episodes = [catalog.first_episodes.get(slug) for slug in catalog.shows]
    return [episode for episode in episodes if episode][:shows]


def _rail(title, source, *, items=(), genre=None, collection=None, limit=12):
    value = {
        "title": title,
        "source": source,
        "items": list(items),
        "genre": genre,
        "collection": collection,
        "limit": limit,
    }
    return ("rail", value)
