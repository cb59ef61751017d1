"""The home page (hero + rails) and site-wide settings (branding, footer)."""

from django.db import models

from wagtail.admin.panels import FieldPanel, MultiFieldPanel, PageChooserPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page

from catalog.blocks import HomeStreamBlock
from catalog.models.fields import optional_image
from catalog.models.mixins import CatalogPageMixin
from catalog.selectors import hero_feature


def hero_watch_url(hero, request) -> str:
    """Where the hero's button goes: an episode, or a show's first episode with a video,
    opened to play (``#play``, which the player honours); any other page itself."""
    from catalog.models import EpisodePage, ShowPage
    from catalog.selectors import show_first_episode

    target = hero
    if isinstance(hero, ShowPage):
        target = show_first_episode(show=hero) or hero
    url = target.get_url(request)
    return f"{url}#play" if isinstance(target, EpisodePage) and url else url


class HomePage(CatalogPageMixin, Page):
    """The front page: one hero feature, then editable rails of shows and episodes."""

    # Its rails' surrogate key (catalog/surrogate_keys.py): purged when a show or episode changes.
    surrogate_listing = "home"

    hero_heading = models.CharField(max_length=120, blank=True)
    hero_text = models.TextField(max_length=400, blank=True)
    hero_image = optional_image(
        "Wide artwork (16:9 or wider). Defaults to the featured page's backdrop."
    )
    hero_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The show, episode or article the hero features.",
    )
    hero_button_label = models.CharField(max_length=40, default="Watch now")
    body = StreamField(HomeStreamBlock(), blank=True)

    social_image_field = "hero_image"
    description_field = "hero_text"

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [
                FieldPanel("hero_heading"),
                FieldPanel("hero_text"),
                FieldPanel("hero_image"),
                PageChooserPanel(
                    "hero_page",
                    ["catalog.ShowPage", "catalog.EpisodePage", "catalog.ArticlePage"],
                ),
                FieldPanel("hero_button_label"),
            ],
            heading="Hero",
        ),
        FieldPanel("body"),
    ]
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["catalog.ShowIndexPage", "catalog.ArticleIndexPage"]
    max_count_per_parent = 1

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        hero = hero_feature(self.hero_page) if self.hero_page_id else None
        context["hero"] = hero
        context["hero_url"] = hero_watch_url(hero, request) if hero else None
        context["hero_backdrop"] = self.hero_image or getattr(hero, "backdrop", None)
        context["json_ld"] = {
            "@context": "https://schema.org",
            "@type": "WebSite",
            "name": request.site.site_name if getattr(request, "site", None) else self.title,
            "url": self.get_full_url(request),
        }
        return context


@register_setting(icon="site")
class SiteBranding(BaseSiteSetting):
    """The site's name, tagline and footer, edited under Settings."""

    site_name = models.CharField(max_length=60, default="mediasite")
    tagline = models.CharField(max_length=160, blank=True, default="Stories worth watching")
    footer_text = RichTextField(blank=True, features=["bold", "italic", "link"])
    twitter_handle = models.CharField(max_length=30, blank=True, help_text="Without the @.")

    panels = [
        FieldPanel("site_name"),
        FieldPanel("tagline"),
        FieldPanel("footer_text"),
        FieldPanel("twitter_handle"),
    ]

    class Meta:
        verbose_name = "branding and footer"
