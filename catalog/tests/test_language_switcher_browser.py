"""The language switcher in Debian's Chromium (Playwright, catalog/tests/browser.py): a show
page switches to French and back, and a search from the French page stays in French."""

from catalog.tests import factories, translations
from catalog.tests.browser import BrowserTestCase, needs_browser


@needs_browser
class LanguageSwitcherBrowserTests(BrowserTestCase):
    def setUp(self):
        super().setUp()
        self.show = factories.publish(
            factories.ShowPageFactory(title="Harbour Lights", slug="harbour-lights")
        )
        translations.translate_home("fr", title="Accueil")
        translations.translate_page(self.show, "fr", title="Les Feux du port")

    def test_show_page_to_french_and_back(self):
        with self.browser() as page:
            page.set_default_timeout(15_000)
            page.goto(self.url("/shows/harbour-lights/"))
            switcher = page.locator("nav.language-switcher")
            self.assertEqual(switcher.locator("[aria-current=page]").get_attribute("lang"), "en")

            with page.expect_navigation():
                switcher.locator("a[hreflang=fr]").click()
            self.assertEqual(page.url, self.url("/fr/shows/harbour-lights/"))
            self.assertEqual(page.locator("html").get_attribute("lang"), "fr")
            self.assertIn("Les Feux du port", page.locator("h1").first.inner_text())
            self.assertEqual(switcher.locator("[aria-current=page]").get_attribute("lang"), "fr")

            page.locator("#site-search-q").fill("feux")
            with page.expect_navigation():
                page.locator("#site-search-q").press("Enter")
            self.assertTrue(page.url.startswith(self.url("/fr/search/?q=feux")), page.url)

            page.go_back()
            with page.expect_navigation():
                page.locator("nav.language-switcher a[hreflang=en]").click()
            self.assertEqual(page.url, self.url("/shows/harbour-lights/"))
            self.assertEqual(page.locator("html").get_attribute("lang"), "en")
        self.assertEqual(self.page_errors, [])
