"""Rating and reviewing a show in Debian's Chromium (Playwright, catalog/tests/browser.py):
the widget rates and redraws the summary, the review form posts (markup stripped), others'
spoilers stay collapsed until asked, and user text shows as text, never as markup."""

from catalog.tests.browser import BrowserTestCase, needs_browser
from engagement.models import Rating, Review, ReviewStatus
from engagement.tests.rating_fixtures import make_catalog
from subscriptions.tests.utils import verified_user

PASSWORD = "Tangerine-lighthouse-42"
EMAIL = "critic@example.com"
# Chromium logs 4xx answers as console errors; /me/state may not exist in this branch.
EXPECTED = ("status of 404",)


@needs_browser
class ReviewsBrowserTests(BrowserTestCase):
    def setUp(self):
        super().setUp()
        self.console_errors: list[str] = []
        self.show, _season, _episode = make_catalog()
        self.user = verified_user(email=EMAIL, password=PASSWORD)
        other = verified_user(email="spoiler@example.com", password=PASSWORD)
        other.display_name = '<img src=x onerror="window.pwned=1">'
        other.save()
        Review.objects.create(
            user=other, page=self.show, score=2, body="The <b>captain</b> did it.",
            spoiler=True, status=ReviewStatus.PUBLISHED,
        )  # fmt: skip

    def watch(self, page) -> None:
        super().watch(page)
        page.set_default_timeout(15_000)
        page.on(
            "console",
            lambda message: (
                message.type == "error"
                and not any(text in message.text for text in EXPECTED)
                and self.console_errors.append(message.text)
            ),
        )

    def test_rate_review_and_read_a_spoiler(self):
        with self.browser() as page:
            page.goto(self.url("/accounts/login/"))
            form = page.locator("form:has(input[name=password])")
            form.locator("input[name=login]").fill(EMAIL)
            form.locator("input[name=password]").fill(PASSWORD)
            with page.expect_navigation():
                form.locator("button[type=submit]").click()
            page.goto(self.url(self.show.url))

            widget = page.locator("[data-rating-widget]")
            widget.wait_for()
            widget.locator("label[for$='-4']").click()
            page.locator("[data-rating-status]", has_text="You rated it 4 stars").wait_for()
            summary = page.locator("[data-rating-text]").inner_text()
            self.assertIn("4.0", summary)
            self.assertIn("(1 rating)", summary)

            reviews = page.locator("[data-reviews]")
            item = reviews.locator(".review").first
            item.wait_for()
            # Another's spoiler: collapsed behind a button; the name is text, not an image.
            self.assertFalse(item.locator(".review__body").is_visible())
            self.assertEqual(
                item.locator(".review__author").inner_text(), '<img src=x onerror="window.pwned=1">'
            )
            item.get_by_role("button", name="Show spoiler").click()
            self.assertEqual(
                item.locator(".review__body").inner_text(), "The <b>captain</b> did it."
            )
            self.assertEqual(item.locator("img").count(), 0)

            review_form = page.locator("[data-review-form]")
            review_form.locator("input[name=score][value='5']").check()
            review_form.locator("textarea").fill("<i>Gripping</i>\nfrom start to end")
            review_form.get_by_role("button", name="Post review").click()
            page.locator("[data-review-status]", has_text="Your review is posted").wait_for()
            mine = reviews.locator(".review", has_text="Gripping")
            self.assertEqual(
                mine.locator(".review__body").inner_text(), "Gripping\nfrom start to end"
            )
            review_form.get_by_role("button", name="Save changes").wait_for()
            self.assertIsNone(page.evaluate("window.pwned"))
        self.assertEqual(self.page_errors, [])
        self.assertEqual(self.console_errors, [])
        self.assertEqual(Rating.objects.get(profile__user=self.user, page=self.show).score, 5)
        self.assertEqual(Review.objects.get(user=self.user).body, "Gripping\nfrom start to end")
