"""Factories for catalog pages, snippets and blocks (wagtail-factories + factory_boy)."""

import datetime

from wagtail.models import Page

import factory
import wagtail_factories
from factory.django import DjangoModelFactory

from catalog import blocks, models
from home.models import HomePage


class HomePageFactory(wagtail_factories.PageFactory):
    """The site's existing home page (created by a migration)."""

    title = "Home"

    class Meta:
        model = HomePage
        django_get_or_create = ["slug"]

    slug = "home"

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        existing = HomePage.objects.filter(depth=2).first()
        if existing:
            return existing
        kwargs.setdefault("parent", Page.get_first_root_node())
        return super()._create(model_class, *args, **kwargs)


class ShowIndexPageFactory(wagtail_factories.PageFactory):
    title = "Shows"
    slug = "shows"
    parent = factory.SubFactory(HomePageFactory)

    class Meta:
        model = models.ShowIndexPage
        django_get_or_create = ["slug", "parent"]


class ArticleIndexPageFactory(wagtail_factories.PageFactory):
    title = "Articles"
    slug = "articles"
    parent = factory.SubFactory(HomePageFactory)

    class Meta:
        model = models.ArticleIndexPage
        django_get_or_create = ["slug", "parent"]


class GenreFactory(DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Genre {n}")

    class Meta:
        model = models.Genre


class PersonFactory(DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Person {n}")

    class Meta:
        model = models.Person


class ShowPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Show {n}")
    synopsis = "A family of lighthouse keepers guards a secret older than the coast."
    first_air_year = 2021
    parent = factory.SubFactory(ShowIndexPageFactory)

    class Meta:
        model = models.ShowPage


class SeasonPageFactory(wagtail_factories.PageFactory):
    number = factory.Sequence(lambda n: n + 1)
    title = factory.LazyAttribute(lambda o: f"Season {o.number}")
    slug = factory.LazyAttribute(lambda o: f"season-{o.number}")
    parent = factory.SubFactory(ShowPageFactory)

    class Meta:
        model = models.SeasonPage


class EpisodePageFactory(wagtail_factories.PageFactory):
    number = factory.Sequence(lambda n: n + 1)
    title = factory.LazyAttribute(lambda o: f"Episode {o.number}")
    synopsis = "The storm arrives a day early."
    runtime_minutes = 48
    air_date = datetime.date(2024, 3, 1)
    access_level = models.AccessLevel.FREE
    parent = factory.SubFactory(SeasonPageFactory)

    class Meta:
        model = models.EpisodePage


class ArticlePageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Article {n}")
    summary = "What we learned on set."
    date = datetime.date(2024, 5, 1)
    parent = factory.SubFactory(ArticleIndexPageFactory)

    class Meta:
        model = models.ArticlePage


class ShowCreditFactory(DjangoModelFactory):
    show = factory.SubFactory(ShowPageFactory)
    person = factory.SubFactory(PersonFactory)
    role = models.ShowCredit.Role.CAST
    character = factory.Sequence(lambda n: f"Character {n}")

    class Meta:
        model = models.ShowCredit


class HeadingBlockFactory(wagtail_factories.StructBlockFactory):
    text = "Behind the scenes"
    level = "h2"

    class Meta:
        model = blocks.HeadingBlock


class QuoteBlockFactory(wagtail_factories.StructBlockFactory):
    quote = "The best thing on television this year."
    attribution = "A critic"

    class Meta:
        model = blocks.QuoteBlock


class CallToActionBlockFactory(wagtail_factories.StructBlockFactory):
    heading = "Start watching"
    text = "Free episodes every week."
    button_label = "Browse"
    url = "https://example.com/shows/"

    class Meta:
        model = blocks.CallToActionBlock


def publish(page):
    """Publish a factory-made page so it is live with a revision, as editors do."""
    page.save_revision().publish()
    page.refresh_from_db()
    return page
