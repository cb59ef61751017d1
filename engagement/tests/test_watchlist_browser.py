"""In Chromium: the My List button on a show page, the home page's My List rail, and a kids
profile's blocked rows and locked player (static/js/engagement/state.js, player/boot.js)."""

from django.conf import settings
from django.test import Client

from catalog.tests import factories
from catalog.tests.browser import BrowserTestCase, needs_browser
from engagement.models import Profile, WatchlistItem
from engagement.profiles import SESSION_KEY, ensure_main_profile
from mediasite.tests.factories import UserFactory
from subscriptions.maturity import MaturityRating


def session_cookie(user, profile) -> str:
    client = Client()
    client.force_login(user)
    session = client.session
    session[SESSION_KEY] = profile.pk
    session.save()
    return client.cookies[settings.SESSION_COOKIE_NAME].value


@needs_browser
class WatchlistBrowserTests(BrowserTestCase):
    def test_add_to_my_list_then_kids_profile_sees_the_show_blocked(self):
        show = factories.publish(
            factories.ShowPageFactory(title="Night Harbour", maturity_rating=MaturityRating.TV_MA)
        )
        season = factories.publish(factories.SeasonPageFactory(parent=show, number=1))
        episode = factories.publish(factories.EpisodePageFactory(parent=season, number=1))
        user = UserFactory()
        main = ensure_main_profile(user)
        kids = Profile.objects.create(
            user=user, name="Kids", is_kids=True, maturity_ceiling=MaturityRating.TV_PG
        )
        cookies = {name: session_cookie(user, p) for name, p in (("main", main), ("kids", kids))}
        host = self.live_server_url.split("//")[1].split(":")[0]

        def use(page, name):
            page.context.clear_cookies()
            page.context.add_cookies(
                [{"name": settings.SESSION_COOKIE_NAME, "value": cookies[name], "domain": host,
                  "path": "/"}]
            )  # fmt: skip

        with self.browser() as page:
            use(page, "main")
            page.goto(f"{self.live_server_url}{show.url}")
            button = page.locator("[data-watchlist-main]")
            button.wait_for(state="visible")
            self.assertEqual(button.get_attribute("aria-pressed"), "false")
            button.click()
            page.wait_for_function(
                "() => document.querySelector('[data-watchlist-main]')"
                ".getAttribute('aria-pressed') === 'true'"
            )
            self.assertEqual(page.locator(".card--blocked").count(), 0)

            page.goto(f"{self.live_server_url}/")
            rail = page.locator("[data-watchlist-rail] .rail")
            rail.wait_for(state="visible")
            self.assertIn("Night Harbour", rail.text_content())

            use(page, "kids")
            page.goto(f"{self.live_server_url}{show.url}")
            row = page.locator(f'.episode-row[data-page-id="{episode.pk}"].card--blocked')
            row.wait_for()
            self.assertIn("Not for this profile", row.text_content())
            # The kids profile has its own (empty) list.
            self.assertEqual(
                page.locator("[data-watchlist-main]").get_attribute("aria-pressed"), "false"
            )

            page.goto(f"{self.live_server_url}{episode.url}")
            page.wait_for_selector("[data-player][data-locked]")
            self.assertTrue(page.locator(".player__play").is_disabled())
            self.assertIn(
                "Not for this profile", page.locator("[data-player-status]").first.text_content()
            )
        self.assertEqual(self.page_errors, [])
        self.assertTrue(WatchlistItem.objects.filter(profile=main, page=show).exists())
        self.assertFalse(WatchlistItem.objects.filter(profile=kids).exists())
