"""``manage.py load_demo_catalog``: the curated demo, its idempotency and the bulk path."""

import shutil
import tempfile
from collections import Counter
from io import StringIO

from django.contrib.auth import authenticate, get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db.models import Count
from django.test import TestCase, override_settings
from django.utils import timezone

from wagtail.images import get_image_model
from wagtail.models import Locale, Page, Revision, Site, WorkflowPage

from allauth.account.models import EmailAddress

from catalog import selectors
from catalog.choices import RailSource
from catalog.models import (
    ArticlePage,
    EpisodePage,
    Genre,
    Person,
    SeasonPage,
    ShowCollection,
    ShowCredit,
    ShowIndexPage,
    ShowPage,
)
from subscriptions.models import BillingEvent, Plan, Subscription

DEMO_PASSWORD = "mediasite-demo"
DEMO_EMAILS = [
    "admin@example.com",
    "editor@example.com",
    "moderator@example.com",
    "viewer@example.com",
    "basic@example.com",
    "premium@example.com",
]


def load_demo(*args: str) -> str:
    """Run the loader quietly and return what it printed."""
    out = StringIO()
    call_command("load_demo_catalog", "--no-progress", *args, stdout=out, stderr=StringIO())
    return out.getvalue()


def snapshot() -> dict:
    """Row counts that a second run of the loader must leave unchanged."""
    models = [Page, get_image_model(), Person, Genre, get_user_model(), Revision]
    models += [ShowCredit, ShowCollection, EmailAddress, WorkflowPage]
    models += [Plan, Subscription, BillingEvent]
    return {model.__name__: model.objects.count() for model in models}


class TemporaryMediaMixin:
    """Generated images go to a temporary MEDIA_ROOT, removed after the class."""

    @classmethod
    def setUpClass(cls):
        media_root = tempfile.mkdtemp(prefix="mediasite-demo-test-")
        cls.addClassCleanup(shutil.rmtree, media_root, ignore_errors=True)
        cls.enterClassContext(override_settings(MEDIA_ROOT=media_root))
        super().setUpClass()


@override_settings(DEMO_ACCOUNTS_ENABLED=True, DEMO_PASSWORD=DEMO_PASSWORD)
class DemoCatalogTests(TemporaryMediaMixin, TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.output = load_demo()

    def curated_shows(self):
        """The English shows (test_demo_translations.py covers the translations)."""
        return ShowPage.objects.filter(locale=Locale.get_default()).exclude(
            slug__startswith="synthetic-show-"
        )

    def test_shows_span_genres_with_two_to_four_seasons(self):
        self.assertGreaterEqual(self.curated_shows().count(), 12)
        self.assertGreaterEqual(Genre.objects.count(), 6)
        used = Genre.objects.annotate(n=Count("shows")).filter(n__gt=0)
        self.assertGreaterEqual(used.count(), 6)
        for show in self.curated_shows().annotate(n=Count("season_pages")):
            with self.subTest(show=show.slug):
                self.assertTrue(2 <= show.n <= 4)
                self.assertTrue(show.live)
                self.assertTrue(show.synopsis)

    def test_seasons_have_six_to_ten_numbered_episodes(self):
        for season in SeasonPage.objects.all():
            numbers = list(season.episode_pages.order_by("number").values_list("number", flat=True))
            with self.subTest(season=season.url_path):
                self.assertTrue(6 <= len(numbers) <= 10)
                self.assertEqual(numbers, list(range(1, len(numbers) + 1)))
                self.assertEqual(season.slug, f"season-{season.number}")
                self.assertEqual(season.get_parent().pk, season.show_id)

    def test_access_levels_and_windows(self):
        first_seasons = EpisodePage.objects.filter(season__number=1)
        self.assertFalse(first_seasons.filter(number__lte=2).exclude(access_level="free").exists())
        self.assertFalse(EpisodePage.objects.filter(access_level="free", number__gt=2).exists())
        self.assertFalse(
            EpisodePage.objects.filter(access_level="free", season__number__gt=1).exists()
        )
        now = timezone.now()
        self.assertGreaterEqual(EpisodePage.objects.filter(available_from__gt=now).count(), 2)
        self.assertGreaterEqual(EpisodePage.objects.filter(available_until__lt=now).count(), 2)
        self.assertFalse(EpisodePage.objects.filter(runtime_minutes__isnull=True).exists())
        self.assertFalse(EpisodePage.objects.filter(air_date__isnull=True).exists())

    def test_credits_list_cast_in_order_and_crew(self):
        for show in self.curated_shows():
            credits = list(show.credits.order_by("sort_order"))
            with self.subTest(show=show.slug):
                self.assertEqual(credits[0].role, ShowCredit.Role.CAST)
                self.assertTrue(credits[0].character)
                roles = {credit.role for credit in credits}
                self.assertTrue(roles & {"creator", "director", "writer"})

    def test_episode_titles_are_unique_across_the_demo(self):
        english = EpisodePage.objects.filter(locale=Locale.get_default())
        titles = list(english.values_list("title", flat=True))
        self.assertGreater(len(titles), 200)
        repeated = [title for title, n in Counter(titles).items() if n > 1]
        self.assertEqual(repeated, [])

    def test_a_person_appears_once_in_a_crew_list(self):
        for show in self.curated_shows():
            crew = selectors.show_detail(show=show)["crew"]
            with self.subTest(show=show.slug):
                people = [credit.person.pk for credit in crew]
                self.assertEqual(len(people), len(set(people)))
        # A creator who also writes is listed once, with both jobs.
        response = self.client.get(ShowPage.objects.get(slug="the-long-harbour").url)
        crew_html = response.content.decode().split('id="crew-title"')[1].split("</section>")[0]
        self.assertEqual(crew_html.count("Malin Ekdahl"), 1)
        self.assertIn("Creator, Writer", crew_html)

    def test_articles(self):
        articles = ArticlePage.objects.live()
        self.assertEqual(articles.count(), 10)
        self.assertEqual(
            set(articles.values_list("kind", flat=True)), {"news", "review", "feature"}
        )
        self.assertFalse(articles.filter(author__isnull=True).exists())
        self.assertGreaterEqual(articles.filter(related_shows__isnull=False).distinct().count(), 5)
        block_types = {block.block_type for article in articles for block in article.body}
        self.assertTrue({"paragraph", "heading", "quote"} <= block_types)

    def test_artwork(self):
        for show in self.curated_shows().select_related("poster", "backdrop"):
            with self.subTest(show=show.slug):
                self.assertEqual((show.poster.width, show.poster.height), (600, 900))
                self.assertEqual((show.backdrop.width, show.backdrop.height), (1280, 720))
                self.assertIsNotNone(show.poster.focal_point_x)
                self.assertIsNotNone(show.poster.focal_point_width)
        self.assertFalse(Person.objects.filter(photo__isnull=True).exists())

    def test_backdrops_carry_no_lettering_for_page_titles_to_clash_with(self):
        # The home hero's key art is the textless drawing of its show's backdrop.
        from home.models import HomePage

        home = HomePage.objects.select_related("hero_image").get(
            depth=2, locale=Locale.get_default()
        )
        show = ShowPage.objects.select_related("backdrop").get(pk=home.hero_page_id)
        with home.hero_image.open_file() as art, show.backdrop.open_file() as backdrop:
            self.assertEqual(art.read(), backdrop.read())

    def test_home_page_site_and_workflow(self):
        site = Site.objects.get(is_default_site=True)
        self.assertEqual((site.site_name, site.hostname), ("mediasite", "localhost"))
        home = site.root_page.specific
        self.assertIsNotNone(home.hero_page_id)
        self.assertIsNotNone(home.hero_image_id)
        rails = [block for block in home.body if block.block_type == "rail"]
        self.assertGreaterEqual(len(rails), 4)
        for rail in rails:
            cards = rail.block.get_context(rail.value)["cards"]
            with self.subTest(rail=rail.value["title"]):
                # Tests make no demo videos (DEMO_MEDIA): no episode can play, none is offered.
                self.assertEqual([card for card in cards if card.kind == "episode"], [])
                if rail.value["source"] not in (RailSource.HANDPICKED, RailSource.NEWEST_EPISODES):
                    self.assertTrue(cards)
        workflow_pages = WorkflowPage.objects.filter(workflow__name="Catalog review")
        self.assertEqual(
            {wp.page.slug for wp in workflow_pages.select_related("page")}, {"shows", "articles"}
        )

    def test_public_pages_render(self):
        show = self.curated_shows().first()
        season = SeasonPage.objects.child_of(show).first()
        episode = EpisodePage.objects.child_of(season).first()
        article = ArticlePage.objects.first()
        for page in (
            Site.objects.get(is_default_site=True).root_page,
            show,
            season,
            episode,
            article,
        ):
            with self.subTest(url=page.url):
                self.assertEqual(self.client.get(page.url).status_code, 200)

    def test_demo_accounts(self):
        user_model = get_user_model()
        for email in DEMO_EMAILS:
            with self.subTest(email=email):
                user = authenticate(email=email, password=DEMO_PASSWORD)
                self.assertIsNotNone(user)
                self.assertTrue(
                    EmailAddress.objects.filter(user=user, verified=True, primary=True).exists()
                )
        self.assertTrue(user_model.objects.get(email="admin@example.com").is_superuser)
        editor = user_model.objects.get(email="editor@example.com")
        self.assertTrue(editor.is_staff)
        self.assertTrue(editor.groups.filter(name="Editors").exists())
        moderator = user_model.objects.get(email="moderator@example.com")
        self.assertIn(Group.objects.get(name="Moderators"), moderator.groups.all())
        self.assertFalse(user_model.objects.get(email="viewer@example.com").is_staff)
        self.assertIn(DEMO_PASSWORD, self.output)

    def test_early_releases_need_the_plan_the_subscriptions_demo_seeds(self):
        gated = EpisodePage.objects.filter(minimum_plan__isnull=False)
        self.assertEqual(set(gated.values_list("minimum_plan__slug", flat=True)), {"premium"})
        signal_lost = ShowPage.objects.get(slug="signal-lost", locale=Locale.get_default())
        latest = EpisodePage.objects.filter(season__show=signal_lost, season__number=2)
        self.assertEqual(gated.filter(season__show=signal_lost).count(), latest.count())
        self.assertEqual(Plan.objects.get(slug="premium").tier, 2)

    def test_second_run_changes_nothing(self):
        before = snapshot()
        output = load_demo()
        self.assertEqual(snapshot(), before)
        self.assertIn("Found everything", output)

    def test_synthetic_shows_follow_the_curated_ones(self):
        curated = self.curated_shows().count()
        load_demo("--shows", "3")
        index = ShowIndexPage.objects.get(locale=Locale.get_default())
        self.assertEqual(index.numchild, curated + 3)
        self.assertEqual(Page.find_problems(), ([], [], [], [], []))
        response = self.client.get("/shows/synthetic-show-00003/season-2/episode-5/")
        self.assertEqual(response.status_code, 200)


@override_settings(DEMO_ACCOUNTS_ENABLED=True)
class WithoutAccountsTests(TemporaryMediaMixin, TestCase):
    """``--no-accounts``: the subscriptions demo is seeded separately (``make run`` does so)."""

    def test_the_plans_must_be_there_first(self):
        with self.assertRaisesMessage(CommandError, "run `manage.py load_demo_accounts` first"):
            load_demo("--no-accounts")
        self.assertFalse(ShowPage.objects.exists())

    def test_the_catalog_seeds_no_accounts_or_plans(self):
        load_demo("--no-accounts", "--synthetic-only")
        self.assertTrue(ShowIndexPage.objects.exists())
        self.assertFalse(get_user_model().objects.exists())
        self.assertFalse(Plan.objects.exists())


@override_settings(DEMO_ACCOUNTS_ENABLED=False)
class SyntheticCatalogTests(TemporaryMediaMixin, TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.output = load_demo("--shows", "30", "--synthetic-only")

    def synthetic_shows(self):
        return ShowPage.objects.filter(slug__startswith="synthetic-show-")

    def test_builds_a_valid_tree(self):
        self.assertEqual(self.synthetic_shows().count(), 30)
        self.assertEqual(SeasonPage.objects.filter(show__in=self.synthetic_shows()).count(), 60)
        self.assertEqual(
            EpisodePage.objects.filter(season__show__in=self.synthetic_shows()).count(), 300
        )
        self.assertEqual(Page.find_problems(), ([], [], [], [], []))
        self.assertEqual(ShowIndexPage.objects.get().numchild, 30)
        self.assertFalse(ShowPage.objects.filter(genres__isnull=True).exists())

    def test_parent_links_match_the_tree(self):
        episode = EpisodePage.objects.get(
            url_path__endswith="/synthetic-show-00007/season-2/episode-4/"
        )
        self.assertEqual(episode.get_parent().pk, episode.season_id)
        self.assertEqual(episode.season.get_parent().pk, episode.season.show_id)
        self.assertEqual(episode.get_parent().get_parent().slug, "synthetic-show-00007")

    def test_synthetic_episode_is_served(self):
        response = self.client.get("/shows/synthetic-show-00001/season-1/episode-1/")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(self.client.get("/shows/synthetic-show-00030/").status_code, 200)

    def test_rerun_only_adds_missing_shows(self):
        before = snapshot()
        load_demo("--shows", "30", "--synthetic-only")
        self.assertEqual(snapshot(), before)
        load_demo("--shows", "32", "--synthetic-only")
        self.assertEqual(self.synthetic_shows().count(), 32)
        self.assertEqual(Page.find_problems(), ([], [], [], [], []))
        self.assertNotIn("Demo accounts (password", self.output)
        self.assertFalse(get_user_model().objects.filter(email__endswith="@example.com").exists())
