"""``{% srcset_image %}`` (catalog/templatetags/responsive_images.py) names each width once."""

import re

from django.conf import settings
from django.template import Context, Template
from django.test import TestCase, override_settings

from mediasite.tests.a11y import delete_image_files, small_image

TAG = "{% load wagtailimages_tags responsive_images %}"
WIDTHS = re.compile(r" (\d+)w")


@override_settings(
    CACHES={
        **settings.CACHES,
        "renditions": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    }
)
class SrcsetImageTests(TestCase):
    def setUp(self):
        self.addCleanup(delete_image_files)

    def render(self, source: str, image) -> str:
        return Template(TAG + source).render(Context({"image": image}))

    def srcset(self, html: str) -> list[int]:
        return [int(width) for width in WIDTHS.findall(re.search(r'srcset="([^"]*)"', html)[1])]

    def test_a_small_original_names_its_one_width_once(self):
        html = self.render(
            '{% srcset_image image fill-{300x450,600x900} sizes="50vw" %}',
            small_image("p", (300, 450)),
        )
        self.assertEqual(self.srcset(html), [300])
        self.assertIn('sizes="50vw"', html)  # valid: the one candidate keeps its descriptor
        self.assertIn('width="300"', html)

    def test_a_large_original_names_every_width(self):
        html = self.render(
            "{% srcset_image image width-{400,800,1600} %}", small_image("w", (1600, 900))
        )
        self.assertEqual(self.srcset(html), [400, 800, 1600])

    def test_widths_collapse_only_where_they_meet(self):
        image = small_image("m", (1000, 500))
        html = self.render(
            "{% srcset_image image width-{400,800,1600,2000} as img %}{{ img.srcset }}", image
        )
        self.assertEqual([int(w) for w in WIDTHS.findall(html)], [400, 800, 1000])
