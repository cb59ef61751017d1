"""The episode and season add/edit forms, as an editor meets them (issue 9, items 8, 10, 12)."""

from django.urls import reverse

from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import nested_form_data, streamfield

import wagtail_factories

from catalog.models import EpisodePage, SeasonPage, ShowPage, VideoAsset
from catalog.tests import factories


def add_url(model, parent) -> str:
    return reverse(
        "wagtailadmin_pages:add", args=[model._meta.app_label, model._meta.model_name, parent.pk]
    )


class EditorFormTestCase(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.show = factories.publish(factories.ShowPageFactory(title="Harbour Lights"))
        cls.season = factories.publish(factories.SeasonPageFactory(parent=cls.show, number=1))
        factories.publish(factories.EpisodePageFactory(parent=cls.season, number=1))

    def setUp(self):
        self.login()

    def episode_data(self, **overrides) -> dict:
        data = {
            "title": "The Crossing",
            "slug": "the-crossing",
            "number": 2,
            "synopsis": "The ferry does not come.",
            "access_level": "free",
            "body": streamfield([]),
        }
        return {**data, **overrides}

    def post_episode(self, **overrides):
        data = nested_form_data(self.episode_data(**overrides))
        return self.client.post(add_url(EpisodePage, self.season), data)

    def abandoned_draft(self, number: int, title: str) -> EpisodePage:
        """What an add form left behind: Wagtail autosaved it as a draft, never published."""
        draft = factories.EpisodePageFactory(
            parent=self.season, number=number, title=title, slug="the-crossing", live=False
        )
        draft.save_revision()
        return draft


class SeasonTitleTests(EditorFormTestCase):
    def test_a_season_without_a_title_is_named_after_its_number(self):
        response = self.client.post(
            add_url(SeasonPage, self.show),
            nested_form_data({"title": "", "number": 2, "synopsis": ""}),
        )
        self.assertEqual(response.status_code, 302, response.content[:3000])
        season = SeasonPage.objects.child_of(self.show).get(number=2)
        self.assertEqual((season.title, season.slug), ("Season 2", "season-2"))

    def test_a_given_title_is_kept(self):
        self.client.post(
            add_url(SeasonPage, self.show),
            nested_form_data({"title": "The Winter Tides", "number": 3, "synopsis": ""}),
        )
        season = SeasonPage.objects.child_of(self.show).get(number=3)
        self.assertEqual((season.title, season.slug), ("The Winter Tides", "season-3"))

    def test_the_season_form_has_no_title_to_slug_sync(self):
        """Seasons have no slug field: a w-sync on the title would target nothing (a JS error)."""
        response = self.client.get(reverse("wagtailadmin_pages:edit", args=[self.season.pk]))
        self.assertNotContains(response, 'data-w-sync-target-value=""')
        self.assertNotContains(response, "w-sync#apply")


class NextNumberTests(EditorFormTestCase):
    def test_a_new_episode_is_numbered_after_the_highest_including_drafts(self):
        self.abandoned_draft(4, "Left behind")
        response = self.client.get(add_url(EpisodePage, self.season))
        self.assertEqual(response.context["form"].initial["number"], 5)
        self.assertContains(response, 'name="number" value="5"')

    def test_a_first_season_is_number_one_and_the_next_follows(self):
        response = self.client.get(add_url(SeasonPage, self.show))
        self.assertEqual(response.context["form"].initial["number"], 2)
        new_show = factories.publish(factories.ShowPageFactory(title="Salt Roads"))
        response = self.client.get(add_url(SeasonPage, new_show))
        self.assertEqual(response.context["form"].initial["number"], 1)


class ClashLinksTests(EditorFormTestCase):
    def test_a_number_in_use_names_the_draft_and_links_to_it(self):
        draft = self.abandoned_draft(2, "Left behind")
        response = self.post_episode(number=2, slug="another-slug")
        self.assertEqual(response.status_code, 200)
        edit_url = reverse("wagtailadmin_pages:edit", args=[draft.pk])
        errors = response.context["form"].errors["number"]
        self.assertIn("Season 1 already has an episode 2", errors[0])
        self.assertIn("(a draft)", errors[0])
        self.assertContains(response, f'<a href="{edit_url}">Left behind</a>', html=False)

    def test_a_slug_in_use_names_the_draft_and_links_to_it(self):
        draft = self.abandoned_draft(2, "Left behind")
        response = self.post_episode(number=3)
        self.assertEqual(response.status_code, 200)
        edit_url = reverse("wagtailadmin_pages:edit", args=[draft.pk])
        errors = response.context["form"].errors["slug"]
        self.assertEqual(len(errors), 1, errors)
        self.assertIn("The slug “the-crossing” is in use", errors[0])
        self.assertContains(response, f'<a href="{edit_url}">Left behind</a>', html=False)

    def test_a_live_page_is_named_as_live(self):
        response = self.post_episode(number=1, slug="another-slug")
        self.assertIn("(live)", response.context["form"].errors["number"][0])


def ready_video(seconds: float, **fields) -> VideoAsset:
    """A processed video as the pipeline leaves it (no files: only its facts are read here)."""
    return VideoAsset.objects.create(
        title=fields.pop("title", "Clip"),
        source="sources/clip.mp4",
        status=VideoAsset.Status.READY,
        duration=seconds,
        hls_prefix="hls/clip/",
        **fields,
    )


class RuntimeFromVideoTests(EditorFormTestCase):
    def saved_runtime(self, response, number: int) -> int | None:
        self.assertEqual(response.status_code, 302)
        return EpisodePage.objects.get(season=self.season, number=number).runtime_minutes

    def test_an_empty_runtime_is_the_videos_length(self):
        video = ready_video(125.0)
        response = self.post_episode(number=2, video=video.pk, runtime_minutes="")
        self.assertEqual(self.saved_runtime(response, 2), 2)

    def test_a_runtime_far_from_the_video_is_refused(self):
        video = ready_video(5.0, title="Harbour clip")
        response = self.post_episode(number=2, video=video.pk, runtime_minutes=42)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(
            response.context["form"].errors["runtime_minutes"],
            [
                "The video “Harbour clip” is 0:05 long, not 42 min: correct the runtime, "
                "or leave it empty to use the video's length."
            ],
        )
        self.assertFalse(EpisodePage.objects.filter(season=self.season, number=2).exists())

    def test_a_runtime_near_the_video_is_kept(self):
        video = ready_video(42 * 60 + 30)
        response = self.post_episode(number=2, video=video.pk, runtime_minutes=45)
        self.assertEqual(self.saved_runtime(response, 2), 45)

    def test_without_a_processed_video_any_runtime_goes(self):
        video = VideoAsset.objects.create(title="Uploading", source="sources/new.mp4")
        response = self.post_episode(number=2, video=video.pk, runtime_minutes=42)
        self.assertEqual(self.saved_runtime(response, 2), 42)

    def test_the_edit_form_offers_the_videos_length(self):
        episode = factories.publish(
            factories.EpisodePageFactory(
                parent=self.season, number=2, runtime_minutes=None, video=ready_video(200.0)
            )
        )
        response = self.client.get(reverse("wagtailadmin_pages:edit", args=[episode.pk]))
        self.assertEqual(response.context["form"].initial["runtime_minutes"], 3)

    def test_a_video_processed_after_the_save_gives_the_runtime(self):
        video = VideoAsset.objects.create(title="Uploading", source="sources/new.mp4")
        episode = factories.publish(
            factories.EpisodePageFactory(
                parent=self.season, number=2, runtime_minutes=None, video=video
            )
        )
        self.assertEqual(episode.runtime_display, "")
        VideoAsset.objects.filter(pk=video.pk).update(
            status=VideoAsset.Status.READY, duration=3725.0, hls_prefix="hls/new/"
        )
        episode = EpisodePage.objects.get(pk=episode.pk)
        self.assertEqual(episode.effective_runtime_minutes, 62)
        self.assertEqual(episode.runtime_display, "1 h 2 min")
        self.assertContains(self.client.get(episode.url), "1 h 2 min")
        self.assertContains(self.client.get(self.season.url), "1 h 2 min")


class PosterImageTests(EditorFormTestCase):
    def episode(self, **fields) -> EpisodePage:
        number = EpisodePage.objects.filter(season=self.season).count() + 1
        page = factories.EpisodePageFactory(parent=self.season, number=number, **fields)
        return EpisodePage.objects.get(pk=factories.publish(page).pk)

    def test_still_then_video_poster_then_show_backdrop(self):
        still, poster, backdrop = (wagtail_factories.ImageFactory() for _ in range(3))
        video = ready_video(6.0, poster=poster)
        self.assertEqual(self.episode(still=still, video=video).poster_image, still)
        self.assertEqual(self.episode(video=video).poster_image, poster)
        self.assertIsNone(self.episode().poster_image)
        ShowPage.objects.filter(pk=self.show.pk).update(backdrop=backdrop)
        self.assertEqual(self.episode(video=ready_video(6.0)).poster_image, backdrop)

    def test_the_player_shows_the_videos_poster_when_there_is_no_still(self):
        poster = wagtail_factories.ImageFactory()
        episode = self.episode(video=ready_video(6.0, poster=poster))
        response = self.client.get(episode.url)
        rendition = poster.get_rendition("fill-1280x720")
        self.assertContains(response, f'data-poster="{rendition.url}"')
        self.assertNotContains(response, "player__poster--empty")
