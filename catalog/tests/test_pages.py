"""Page tree rules, admin creation and rendering of every catalog page type."""

from wagtail.fields import StreamField
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import (
    nested_form_data,
    querydict_from_html,
    rich_text,
    streamfield,
)

from catalog.models import (
    ArticleIndexPage,
    ArticlePage,
    EpisodePage,
    SeasonPage,
    ShowIndexPage,
    ShowPage,
)
from catalog.tests import factories
from home.models import HomePage
from mediasite.tests.factories import UserFactory
from subscriptions.models import Plan


class PageTreeTests(WagtailPageTestCase):
    def test_show_tree(self):
        self.assertAllowedParentPageTypes(ShowIndexPage, {HomePage})
        self.assertAllowedSubpageTypes(ShowIndexPage, {ShowPage})
        self.assertAllowedSubpageTypes(ShowPage, {SeasonPage})
        self.assertAllowedSubpageTypes(SeasonPage, {EpisodePage})
        self.assertAllowedSubpageTypes(EpisodePage, set())
        self.assertAllowedParentPageTypes(EpisodePage, {SeasonPage})
        self.assertAllowedParentPageTypes(SeasonPage, {ShowPage})

    def test_article_tree(self):
        self.assertAllowedParentPageTypes(ArticleIndexPage, {HomePage})
        self.assertAllowedSubpageTypes(ArticleIndexPage, {ArticlePage})
        self.assertAllowedSubpageTypes(ArticlePage, set())

    def test_episode_cannot_sit_under_a_show(self):
        self.assertCanNotCreateAt(ShowPage, EpisodePage)
        self.assertCanNotCreateAt(HomePage, ShowPage)


class AdminCreationTests(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.index = factories.ShowIndexPageFactory()
        cls.show = factories.ShowPageFactory(parent=cls.index, title="Harbour Lights")
        cls.season = factories.SeasonPageFactory(parent=cls.show, number=1)
        factories.EpisodePageFactory(parent=cls.season, number=1)

    def setUp(self):
        self.login()

    def test_editor_can_create_a_show(self):
        self.assertCanCreate(
            self.index,
            ShowPage,
            nested_form_data(
                {
                    "title": "Salt Roads",
                    "slug": "salt-roads",
                    "synopsis": "Smugglers and saints on the old coast road.",
                    "maturity_rating": "TV-14",
                    "original_language": "en",
                    "first_air_year": 2023,
                    "status": "returning",
                    "credits-TOTAL_FORMS": 0,
                    "credits-INITIAL_FORMS": 0,
                    "credits-MIN_NUM_FORMS": 0,
                    "credits-MAX_NUM_FORMS": 1000,
                    "body": streamfield([("paragraph", rich_text("<p>Filmed on location.</p>"))]),
                }
            ),
        )

    def test_season_slug_follows_its_number(self):
        self.assertCanCreate(
            self.show,
            SeasonPage,
            nested_form_data({"title": "Season 2", "number": 2, "synopsis": ""}),
        )
        self.assertTrue(
            SeasonPage.objects.child_of(self.show).filter(slug="season-2", number=2).exists()
        )

    def test_duplicate_season_number_is_a_field_error(self):
        response = self._post_create(
            self.show, SeasonPage, {"title": "Again", "number": 1, "synopsis": ""}
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn("number", response.context["form"].errors)
        self.assertIn("already has a season 1", str(response.context["form"].errors["number"]))

    def test_duplicate_episode_number_is_a_field_error(self):
        response = self._post_create(self.season, EpisodePage, self._episode_data(number=1))
        self.assertEqual(response.status_code, 200)
        self.assertIn("already has an episode 1", str(response.context["form"].errors["number"]))

    def test_window_ending_before_it_starts_is_a_field_error(self):
        data = self._episode_data(
            number=5,
            available_from="2025-06-01 10:00",
            available_until="2025-05-01 10:00",
        )
        response = self._post_create(self.season, EpisodePage, data)
        self.assertEqual(response.status_code, 200)
        self.assertIn(
            "must end after it starts", str(response.context["form"].errors["available_until"])
        )

    def test_reserved_show_slug_is_refused(self):
        data = {
            "title": "Genres",
            "slug": "genres",
            "synopsis": "x",
            "maturity_rating": "TV-14",
            "original_language": "en",
            "status": "returning",
            "credits-TOTAL_FORMS": 0,
            "credits-INITIAL_FORMS": 0,
            "body": streamfield([]),
        }
        response = self._post_create(self.index, ShowPage, data)
        self.assertEqual(response.status_code, 200)
        self.assertIn("reserved", str(response.context["form"].errors["slug"]))

    def test_show_regions_are_chosen_from_real_countries(self):
        data = {
            "title": "Salt Roads",
            "slug": "salt-roads",
            "synopsis": "x",
            "maturity_rating": "TV-14",
            "original_language": "en",
            "status": "returning",
            "credits-TOTAL_FORMS": 0,
            "credits-INITIAL_FORMS": 0,
            "body": streamfield([]),
        }
        url = f"/admin/pages/add/catalog/showpage/{self.index.pk}/"
        # A multiple select posts the key once per choice (nested_form_data would index it).
        response = self.client.post(url, {**nested_form_data(data), "allowed_regions": ["XX"]})
        self.assertEqual(response.status_code, 200)
        self.assertIn("allowed_regions", response.context["form"].errors)
        response = self.client.post(
            url, {**nested_form_data(data), "allowed_regions": ["FR", "BE"]}
        )
        self.assertEqual(response.status_code, 302)
        show = ShowPage.objects.get(slug="salt-roads")
        self.assertEqual(sorted(show.region_codes), ["BE", "FR"])

    def test_a_free_episode_cannot_require_a_plan(self):
        plan = Plan.objects.create(name="Premium", slug="premium", tier=2, price=10)
        data = self._episode_data(number=6, access_level="free", minimum_plan=plan.pk)
        response = self._post_create(self.season, EpisodePage, data)
        self.assertEqual(response.status_code, 200)
        self.assertIn("need no plan", str(response.context["form"].errors["minimum_plan"]))
        data["access_level"] = "subscribers"
        self.assertEqual(self._post_create(self.season, EpisodePage, data).status_code, 302)
        episode = EpisodePage.objects.get(season=self.season, number=6)
        self.assertEqual(episode.required_tier, 2)

    def _episode_data(self, **overrides):
        data = {
            "title": "The Crossing",
            "slug": "the-crossing",
            "number": 2,
            "synopsis": "The ferry does not come.",
            "access_level": "free",
            "body": streamfield([]),
        }
        data.update(overrides)
        return data

    def _post_create(self, parent, model, data):
        url = f"/admin/pages/add/{model._meta.app_label}/{model._meta.model_name}/{parent.pk}/"
        return self.client.post(url, nested_form_data(data))


class RenderTests(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.superuser = UserFactory(email="root@example.com", is_superuser=True, is_staff=True)
        cls.show = factories.publish(factories.ShowPageFactory(title="Harbour Lights"))
        cls.season = factories.publish(factories.SeasonPageFactory(parent=cls.show, number=1))
        cls.episode = factories.publish(
            factories.EpisodePageFactory(parent=cls.season, number=1, title="Pilot")
        )
        cls.article = factories.publish(
            factories.ArticlePageFactory(
                body=[
                    ("heading", {"text": "On set", "level": "h2"}),
                    ("paragraph", rich_text("<p>Cold mornings.</p>")),
                    ("quote", {"quote": "Unmissable.", "attribution": "Us"}),
                ]
            )
        )

    def test_every_page_type_is_routable_renderable_and_previewable(self):
        for page in [
            HomePage.objects.get(depth=2),
            self.show.get_parent().specific,
            self.show,
            self.season,
            self.episode,
            self.article.get_parent().specific,
            self.article,
        ]:
            with self.subTest(page=type(page).__name__):
                self.assertPageIsRoutable(page)
                self.assertPageIsRenderable(page)
                self.assertPageIsPreviewable(
                    page, post_data=self._preview_data(page), user=self.superuser
                )

    def _preview_data(self, page):
        """The edit form's data; StreamFields are drawn client-side, so send them empty."""
        self.client.force_login(self.superuser)
        html = self.client.get(f"/admin/pages/{page.pk}/edit/").content.decode()
        data = querydict_from_html(html, form_id="page-edit-form").copy()
        for field in page.specific._meta.get_fields():
            if isinstance(field, StreamField):
                data[f"{field.name}-count"] = "0"
        self.client.logout()
        return data

    def test_main_carries_page_id_and_type(self):
        response = self.client.get(self.episode.url)
        self.assertContains(
            response, f'data-page-id="{self.episode.pk}" data-page-type="catalog.episodepage"'
        )

    def test_unknown_slug_is_404(self):
        response = self.client.get(self.show.url + "season-99/")
        self.assertEqual(response.status_code, 404)
        self.assertEqual(self.client.get("/shows/nope/").status_code, 404)

    def test_malformed_query_strings_do_not_break_listings(self):
        for query in ["?page=abc", "?page=99999", "?genre=%E2%80", "?year=nineteen", "?page=-1"]:
            with self.subTest(query=query):
                response = self.client.get("/shows/" + query)
                self.assertEqual(response.status_code, 200)
                self.assertEqual(self.client.get("/articles/" + query).status_code, 200)


class BadInputTests(WagtailPageTestCase):
    def test_nul_bytes_are_a_400_not_a_500(self):
        factories.ShowIndexPageFactory()
        for url in ["/shows/?genre=%00", "/search/?q=a%00b", "/shows/genres/?x=1&y=%00"]:
            with self.subTest(url=url):
                response = self.client.get(url)
                self.assertEqual(response.status_code, 400)
                self.assertIn(b"NUL character", response.content)
