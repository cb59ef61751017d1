"""Publishing a page pre-generates the image renditions its templates use."""

from django.conf import settings
from django.test import TestCase, override_settings

from wagtail.images import get_image_model

from catalog.image_renditions import STANDARD_RENDITIONS
from catalog.tasks import generate_standard_renditions
from catalog.tests import factories

from .media_fixtures import tiny_image_file


def make_image(test_case, title):
    image = get_image_model().objects.create(
        title=title, file=tiny_image_file(f"{title}.png"), width=4, height=4
    )
    test_case.addCleanup(_delete_files, image)
    return image


def _delete_files(image):
    for rendition in image.renditions.all():
        rendition.file.delete(save=False)
    image.file.delete(save=False)


# Renditions are cached by image id; the shared Redis outlives the test database (whose ids
# restart), so use a private cache or a previous run's entries stand in for real renditions.
@override_settings(
    CACHES={
        **settings.CACHES,
        "renditions": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    }
)
class StandardRenditionTests(TestCase):
    def test_publishing_a_show_renders_its_poster_and_backdrop(self):
        poster, backdrop = make_image(self, "poster"), make_image(self, "backdrop")
        show = factories.ShowPageFactory(poster=poster, backdrop=backdrop)
        with self.captureOnCommitCallbacks(execute=True):
            factories.publish(show)
        specs = set(poster.renditions.values_list("filter_spec", flat=True))
        self.assertEqual(specs, set(STANDARD_RENDITIONS["poster"]))
        specs = set(backdrop.renditions.values_list("filter_spec", flat=True))
        self.assertEqual(specs, set(STANDARD_RENDITIONS["backdrop"]))

    def test_task_is_idempotent_and_ignores_missing_pages(self):
        hero = make_image(self, "hero")
        article = factories.ArticlePageFactory(hero_image=hero)
        expected = len(STANDARD_RENDITIONS["hero_image"])
        self.assertEqual(generate_standard_renditions(article.pk), expected)
        self.assertEqual(generate_standard_renditions(article.pk), expected)
        self.assertEqual(hero.renditions.count(), expected)
        self.assertEqual(generate_standard_renditions(10**9), 0)

    def test_specs_match_the_templates(self):
        self.assertIn("fill-300x450", STANDARD_RENDITIONS["poster"])
        self.assertIn("fill-1920x800", STANDARD_RENDITIONS["backdrop"])
        self.assertIn("fill-240x135", STANDARD_RENDITIONS["still"])
        self.assertIn("fill-2048x1152", STANDARD_RENDITIONS["hero_image"])
