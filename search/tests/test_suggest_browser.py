"""The header search box in Chromium: type, choose a suggestion with the keyboard, land on the show."""

from catalog.tests import factories
from catalog.tests.browser import BrowserTestCase, needs_browser


@needs_browser
class HeaderSuggestBrowserTests(BrowserTestCase):
    def test_keyboard_choice_lands_on_the_show(self):
        show = factories.publish(factories.ShowPageFactory(title="Salt Marsh Stories"))
        factories.publish(factories.ShowPageFactory(title="Salt Roads"))
        with self.browser() as page:
            page.goto(f"{self.live_server_url}/")
            box = page.get_by_role("combobox", name="Search shows, episodes and articles")
            box.press_sequentially("salt m", delay=40)
            listbox = page.get_by_role("listbox", name="Suggestions")
            listbox.wait_for(state="visible", timeout=10_000)
            options = listbox.get_by_role("option")
            self.assertEqual(
                options.first.locator(".site-search__option-title").text_content(),
                "Salt Marsh Stories",
            )
            self.assertEqual(box.get_attribute("aria-expanded"), "true")
            box.press("ArrowDown")
            self.assertEqual(options.first.get_attribute("aria-selected"), "true")
            self.assertEqual(
                box.get_attribute("aria-activedescendant"), options.first.get_attribute("id")
            )
            with page.expect_navigation():
                box.press("Enter")
            self.assertTrue(page.url.endswith(show.url), page.url)
            page.go_back()
            box = page.get_by_role("combobox", name="Search shows, episodes and articles")
            box.fill("")
            box.press_sequentially("sa", delay=40)
            page.get_by_role("listbox", name="Suggestions").wait_for(state="visible")
            box.press("Escape")
            self.assertEqual(box.get_attribute("aria-expanded"), "false")
        self.assertEqual(self.page_errors, [])
