"""Profiles in a real browser: sign in, "Who's watching?", a PIN, and the user menu that
shows the active profile and leads back to the picker (Chromium via Playwright)."""

from catalog.tests.browser import BrowserTestCase, needs_browser
from engagement.models import Profile
from engagement.services import profiles as services
from mediasite.tests.cache import clear_test_cache
from subscriptions.tests.utils import verified_user

EMAIL = "household@example.com"
PASSWORD = "Tangerine-lighthouse-42"


@needs_browser
class ProfilePickerBrowserTests(BrowserTestCase):
    def setUp(self):
        super().setUp()
        clear_test_cache()
        self.user = verified_user(email=EMAIL, password=PASSWORD)
        sam = services.profile_create(self.user, name="Sam", avatar="coral")
        services.pin_set(sam, "1357")
        # Markup in a name (the services strip it; older data or the admin might not).
        Profile.objects.filter(pk=sam.pk).update(name="Sam <b>")
        services.profile_create(self.user, name="Kids", is_kids=True)

    def test_sign_in_pick_a_profile_with_its_pin_and_see_it_in_the_menu(self):
        with self.browser() as page:
            page.set_default_timeout(15_000)
            page.goto(self.url("/accounts/login/?next=/shows/"))
            form = page.locator("form:has(input[name=password])")
            form.locator("input[name=login]").fill(EMAIL)
            form.locator("input[name=password]").fill(PASSWORD)
            with page.expect_navigation():
                form.locator("button[type=submit]").click()
            self.assertIn("/account/profiles/pick/", page.url)
            self.assertEqual(page.locator("h1").inner_text(), "Who's watching?")

            sam = page.locator("form.profile-picker__form", has_text="Sam")
            sam.locator("input[name=pin]").fill("0000")
            with page.expect_navigation():
                sam.locator("button[type=submit]").click()
            page.get_by_text("That PIN is not right.").wait_for()

            sam = page.locator("form.profile-picker__form", has_text="Sam")
            sam.locator("input[name=pin]").fill("1357")
            with page.expect_navigation():
                sam.locator("input[name=pin]").press("Enter")
            self.assertTrue(page.url.endswith("/shows/"), page.url)

            menu = page.locator("[data-user-menu].is-signed-in")
            menu.wait_for()
            # The name is text, never markup; the avatar is the profile's.
            self.assertEqual(menu.locator(".user-menu__name").inner_text(), "Sam <b>")
            self.assertEqual(menu.locator("b").count(), 0)
            self.assertIn(
                "img/avatars/coral.svg",
                menu.locator("img.user-menu__avatar").get_attribute("src"),
            )
            with page.expect_navigation():
                menu.locator("[data-switch-profile]").click()
            self.assertIn("/account/profiles/pick/?next=%2Fshows%2F", page.url)
            self.assertEqual(
                page.locator("button[aria-current=true]").inner_text().strip(), "Sam <b>"
            )
        self.assertEqual(self.page_errors, [])
