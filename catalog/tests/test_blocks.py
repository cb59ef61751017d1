"""Every block renders, validates what editors get wrong, and lists live content only."""

from django.core.exceptions import ValidationError
from django.test import TestCase

from wagtail.blocks import StructBlockValidationError

from catalog import blocks
from catalog.models import VideoAsset
from catalog.tests import factories


class TextBlockTests(TestCase):
    def test_heading_quote_and_cta_render(self):
        heading = blocks.HeadingBlock()
        html = heading.render(heading.to_python({"text": "Behind the scenes", "level": "h2"}))
        self.assertIn("Behind the scenes", html)
        quote = blocks.QuoteBlock()
        html = quote.render(quote.to_python({"quote": "Unmissable.", "attribution": "Us"}))
        self.assertIn("Unmissable.", html)
        self.assertIn("Us", html)
        cta = blocks.CallToActionBlock()
        value = cta.to_python(
            {"heading": "Start", "text": "", "button_label": "Go", "url": "https://e.x/"}
        )
        html = cta.render(value)
        self.assertIn('href="https://e.x/"', html)

    def test_cta_needs_a_page_or_url(self):
        cta = blocks.CallToActionBlock()
        value = cta.to_python({"heading": "Start", "button_label": "Go", "page": None, "url": ""})
        with self.assertRaises(StructBlockValidationError):
            cta.clean(value)

    def test_paragraph_renders_rich_text(self):
        block = blocks.ParagraphBlock()
        self.assertIn("<b>bold</b>", block.render(block.to_python("<p><b>bold</b></p>")))


class CatalogBlockTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.genre = factories.GenreFactory(name="Drama")
        cls.show = factories.ShowPageFactory(title="Harbour Lights")
        cls.show.genres.add(cls.genre)
        factories.publish(cls.show)
        cls.hidden = factories.ShowPageFactory(title="Unreleased", live=False)
        cls.hidden.genres.add(cls.genre)
        cls.hidden.save()
        cls.season = factories.publish(factories.SeasonPageFactory(parent=cls.show, number=1))
        # Rails offer only episodes that can play: this one has HLS output.
        video = VideoAsset.objects.create(title="Pilot", status="ready", hls_prefix="hls/0/pilot/")
        cls.episode = factories.publish(
            factories.EpisodePageFactory(parent=cls.season, number=1, title="Pilot", video=video)
        )
        cls.person = factories.PersonFactory(name="Ada Brook")
        factories.ShowCreditFactory(show=cls.show, person=cls.person, character="Keeper")
        cls.article = factories.publish(factories.ArticlePageFactory(title="On set", body=[]))

    def render(self, block, data):
        return block.render(block.to_python(data))

    def test_rail_by_genre_lists_live_shows_only(self):
        html = self.render(
            blocks.RailBlock(),
            {"title": "Drama", "source": "genre", "genre": self.genre.pk, "items": [], "limit": 12},
        )
        self.assertIn("Harbour Lights", html)
        self.assertNotIn("Unreleased", html)

    def test_handpicked_rail_keeps_the_editors_order(self):
        other = factories.publish(factories.ShowPageFactory(title="Zebra Coast"))
        html = self.render(
            blocks.RailBlock(),
            {
                "title": "Picks",
                "source": "handpicked",
                "items": [other.pk, self.episode.pk, self.show.pk],
                "limit": 12,
            },
        )
        self.assertLess(html.index("Zebra Coast"), html.index("Pilot"))
        self.assertLess(html.index("Pilot"), html.index("Harbour Lights"))

    def test_newest_episodes_rail(self):
        html = self.render(
            blocks.RailBlock(), {"title": "New", "source": "newest_episodes", "limit": 5}
        )
        self.assertIn("Pilot", html)

    def test_rail_validation_names_the_missing_field(self):
        block = blocks.RailBlock()
        for source, field in [
            ("handpicked", "items"),
            ("genre", "genre"),
            ("collection", "collection"),
        ]:
            with self.subTest(source=source):
                value = block.to_python({"title": "X", "source": source, "items": [], "limit": 5})
                with self.assertRaises(StructBlockValidationError) as caught:
                    block.clean(value)
                self.assertIn(field, caught.exception.block_errors)

    def test_cast_list_and_episode_list(self):
        html = self.render(
            blocks.CastListBlock(),
            {"show": self.show.pk, "heading": "Cast", "include_crew": False, "limit": 5},
        )
        self.assertIn("Ada Brook", html)
        self.assertIn("Keeper", html)
        html = self.render(blocks.EpisodeListBlock(), {"season": self.season.pk, "heading": ""})
        self.assertIn("Pilot", html)

    def test_related_shows_and_article_teaser(self):
        html = self.render(blocks.RelatedShowsBlock(), {"heading": "More", "shows": [self.show.pk]})
        self.assertIn("Harbour Lights", html)
        html = self.render(blocks.ArticleTeaserBlock(), {"article": self.article.pk})
        self.assertIn("On set", html)

    def test_related_shows_requires_a_show(self):
        block = blocks.RelatedShowsBlock()
        with self.assertRaises((StructBlockValidationError, ValidationError)):
            block.clean(block.to_python({"heading": "More", "shows": []}))
