"""Translating the catalog in the admin: submit, edit, sync, publish (docs/localisation.md).

Everything goes through the real admin views as an editor or a publisher would use them
(wagtail-localize's submit, translation editor, string API and sync views), with the
dummy machine translator; the subtree job goes through the Celery backend
(catalog/translation/jobs.py), eager here, and through a real worker in
test_translation_worker.py.
"""

import datetime
import sys
import time
from urllib.parse import urlencode

from django.contrib.auth.models import Group
from django.contrib.messages import get_messages
from django.test import TestCase, override_settings

from wagtail.images import get_image_model
from wagtail.models import Page

from wagtail_localize.models import (
    OverridableSegment,
    StringSegment,
    StringTranslation,
    Translation,
    TranslationSource,
)

from catalog.models import AccessLevel, EpisodePage, SeasonPage, ShowPage, VideoAsset
from catalog.tests import factories, translations
from catalog.tests.media_fixtures import tiny_image_file
from mediasite.tests.factories import UserFactory
from subscriptions.models import Plan


def staff(email: str, group: str):
    user = UserFactory(email=email, is_staff=True)
    user.groups.add(Group.objects.get(name=group))
    return user


def message_texts(response) -> list[str]:
    return [str(message).strip() for message in get_messages(response.wsgi_request)]


class TranslationAdminCase(TestCase):
    """A published show with seasons and episodes, its index and the home in French."""

    seasons = 2
    episodes = 2

    @classmethod
    def setUpTestData(cls):
        cls.fr = translations.locale("fr")
        cls.editor = staff("translator@example.com", "Editors")
        cls.publisher = staff("publisher@example.com", "Publishers")
        cls.index = factories.publish(factories.ShowIndexPageFactory())
        translations.translate_page(cls.index, "fr", title="Séries")
        cls.show = factories.publish(
            factories.ShowPageFactory(
                parent=cls.index,
                title="Harbour Lights",
                slug="harbour-lights",
                synopsis="A family of lighthouse keepers.",
                allowed_regions=["GB", "FR"],
                body=[("heading", {"text": "Behind the scenes", "level": "h2"})],
            )
        )
        for number in range(1, cls.seasons + 1):
            season = factories.publish(
                factories.SeasonPageFactory(
                    parent=cls.show, number=number, title=f"Season {number}"
                )
            )
            for episode in range(1, cls.episodes + 1):
                factories.publish(
                    factories.EpisodePageFactory(
                        parent=season,
                        number=episode,
                        title=f"Night {number}.{episode}",
                        access_level=AccessLevel.SUBSCRIBERS,
                        air_date=datetime.date(2024, number, episode),
                    )
                )

    def submit(self, page, *, user=None, subtree=True, execute=True):
        """POST wagtail-localize's "Translate this page" form; run the on-commit jobs."""
        self.client.force_login(user or self.editor)
        data = {"locales": [self.fr.pk]}
        if subtree:
            data["include_subtree"] = "on"
        with self.captureOnCommitCallbacks(execute=execute) as callbacks:
            response = self.client.post(f"/admin/localize/submit/page/{page.pk}/", data)
        self.assertEqual(response.status_code, 302, response.content[:500])
        return response, callbacks

    def fr_of(self, page):
        return page.specific_class.objects.get(translation_key=page.translation_key, locale=self.fr)

    def translation_of(self, page) -> Translation:
        return Translation.objects.get(
            source__object_id=page.translation_key, target_locale=self.fr, enabled=True
        )

    def put_string(self, translation, path, value, *, user=None):
        """wagtail-localize's string API (what its editor sends), url-encoded like a form."""
        segment = StringSegment.objects.get(source=translation.source, context__path=path)
        self.client.force_login(user or self.editor)
        return self.client.put(
            f"/admin/localize/translate/{translation.pk}/strings/{segment.pk}/edit/",
            urlencode({"value": value}),
            content_type="application/x-www-form-urlencoded",
        )

    def publish_translation(self, page, *, user=None):
        """The translation editor's Publish button: POST action=publish to the edit view.

        wagtail-localize publishes the new revision once the request commits."""
        self.client.force_login(user or self.publisher)
        with self.captureOnCommitCallbacks(execute=True):
            return self.client.post(
                f"/admin/pages/{self.fr_of(page).pk}/edit/", {"action": "publish"}
            )

    def sync(self, page, *, user=None, **data):
        """The source's "Sync translated pages" form."""
        source = TranslationSource.objects.get(object_id=page.translation_key, locale=page.locale)
        self.client.force_login(user or self.publisher)
        with self.captureOnCommitCallbacks(execute=True):
            return self.client.post(f"/admin/localize/update/{source.pk}/", data)


class SubmitTests(TranslationAdminCase):
    def test_the_show_is_translated_in_the_request_and_its_subtree_by_the_job(self):
        response, callbacks = self.submit(self.show, execute=False)
        # The request translated the show itself and left the subtree to the job, sent
        # on commit (the editor's request does not wait for ten seasons of episodes).
        fr_show = self.fr_of(self.show)
        self.assertFalse(SeasonPage.objects.filter(locale=self.fr).exists())
        self.assertEqual(len(callbacks), 1)
        callbacks[0]()  # the commit: eager Celery runs the job here
        self.assertEqual(SeasonPage.objects.filter(locale=self.fr).count(), self.seasons)
        self.assertEqual(
            EpisodePage.objects.filter(locale=self.fr).count(), self.seasons * self.episodes
        )
        fr_episode = EpisodePage.objects.filter(locale=self.fr).first()
        self.assertEqual(fr_episode.get_parent().specific.locale, self.fr)
        self.assertEqual(fr_episode.season.locale, self.fr)
        # Drafts: the French address answers 404 until the translation is published.
        self.assertFalse(fr_show.live)
        self.assertEqual(self.client.get("/fr/shows/harbour-lights/").status_code, 404)
        self.assertEqual(response["Location"], f"/admin/pages/{fr_show.pk}/edit/")

    def test_an_editor_opens_the_translation_editor(self):
        self.submit(self.show)
        response = self.client.get(f"/admin/pages/{self.fr_of(self.show).pk}/edit/")
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, 'class="js-translation-editor"', html=False)

    def test_a_rolled_back_submission_sends_no_job(self):
        self.client.force_login(self.editor)
        with self.captureOnCommitCallbacks(execute=False) as callbacks:
            response = self.client.post(
                f"/admin/localize/submit/page/{self.show.pk}/",
                {"locales": [], "include_subtree": "on"},
            )
        self.assertEqual(response.status_code, 200)  # the form, with its error
        self.assertEqual(callbacks, [])
        self.assertFalse(ShowPage.objects.filter(locale=self.fr).exists())


class EditAndPublishTests(TranslationAdminCase):
    def test_edit_segments_publish_and_the_french_page_is_served(self):
        self.submit(self.show)
        translation = self.translation_of(self.show)
        response = self.put_string(translation, "title", "Les Feux du port")
        self.assertEqual(response.status_code, 201, response.content)
        response = self.put_string(translation, "synopsis", "Une famille de gardiens & phare")
        self.assertEqual(response.status_code, 201, response.content)

        # An editor may not publish (Wagtail sends them back with a message); a publisher does.
        response = self.publish_translation(self.show, user=self.editor)
        self.assertIn("you do not have permission", " ".join(message_texts(response)))
        self.assertFalse(self.fr_of(self.show).live)
        response = self.publish_translation(self.show)
        self.assertEqual(response.status_code, 302)
        fr_show = self.fr_of(self.show)
        self.assertTrue(fr_show.live)
        self.assertEqual(fr_show.title, "Les Feux du port")
        self.assertEqual(fr_show.synopsis, "Une famille de gardiens & phare")

        page = self.client.get("/fr/shows/harbour-lights/")
        self.assertEqual(page.status_code, 200)
        self.assertContains(page, "Les Feux du port")
        self.assertContains(page, "Une famille de gardiens &amp; phare")
        self.assertEqual(self.client.get("/shows/harbour-lights/").status_code, 200)

    def test_machine_translation_fills_the_segments(self):
        self.submit(self.show, subtree=False)
        translation = self.translation_of(self.show)
        self.client.force_login(self.editor)
        response = self.client.post(
            f"/admin/localize/translate/{translation.pk}/machine_translate/",
            {"next": f"/admin/pages/{self.fr_of(self.show).pk}/edit/"},
        )
        self.assertEqual(response.status_code, 302)
        self.assertIn("Successfully translated with Dummy translator.", message_texts(response))
        self.assertFalse(self.fr_of(self.show).live)  # machine text is not published by itself
        synopsis = StringTranslation.objects.get(
            locale=self.fr, context__path="synopsis", context__object_id=self.show.translation_key
        )
        self.assertEqual(synopsis.data, "keepers. lighthouse of family A")


class SyncTests(TranslationAdminCase):
    def publish_source(self, **fields):
        show = ShowPage.objects.get(pk=self.show.pk)
        for name, value in fields.items():
            setattr(show, name, value)
        show.save_revision().publish()
        return show

    def test_a_sync_carries_synchronised_fields_and_new_text(self):
        self.submit(self.show)
        self.put_string(self.translation_of(self.show), "title", "Les Feux du port")
        self.publish_translation(self.show)
        noir = factories.GenreFactory(name="Noir")
        self.publish_source(
            synopsis="Keepers of a secret.", allowed_regions=["DE"], status="ended", genres=[noir]
        )

        response = self.sync(self.show, publish_translations="on")
        self.assertEqual(response.status_code, 302)
        fr_show = self.fr_of(self.show)
        self.assertEqual(fr_show.region_codes, ["DE"])
        self.assertEqual(fr_show.status, "ended")
        self.assertEqual(list(fr_show.genres.all()), [noir])
        self.assertEqual(fr_show.title, "Les Feux du port")  # the translated text stays
        self.assertEqual(fr_show.synopsis, "Keepers of a secret.")  # new text: untranslated yet

    def test_a_sync_after_the_streamfield_changed_shape(self):
        self.submit(self.show, subtree=False)
        translation = self.translation_of(self.show)
        heading_path = StringSegment.objects.get(
            source=translation.source, context__path__startswith="body."
        ).context.path
        self.put_string(translation, heading_path, "Les coulisses")
        self.publish_translation(self.show)
        self.assertEqual(self.fr_of(self.show).body[0].value["text"], "Les coulisses")

        # The heading is replaced by a quote and a paragraph: other blocks, other ids.
        self.publish_source(
            body=[
                ("quote", {"quote": "A storm of a show.", "attribution": "A critic"}),
                ("paragraph", "<p>Filmed on the coast.</p>"),
            ]
        )
        response = self.sync(self.show, publish_translations="on")
        self.assertEqual(response.status_code, 302)
        body = self.fr_of(self.show).body
        self.assertEqual([block.block_type for block in body], ["quote", "paragraph"])
        self.assertEqual(body[0].value["quote"], "A storm of a show.")
        # The editor translates the new segments and publishes again.
        translation.refresh_from_db()
        quote_path = StringSegment.objects.get(
            source=translation.source, context__path__endswith=".quote"
        ).context.path
        self.assertEqual(self.put_string(translation, quote_path, "Une tempête.").status_code, 201)
        self.publish_translation(self.show)
        self.assertEqual(self.fr_of(self.show).body[0].value["quote"], "Une tempête.")
        self.assertEqual(self.client.get("/fr/shows/harbour-lights/").status_code, 200)


class SynchronisedFieldTests(TranslationAdminCase):
    seasons = 1
    episodes = 1

    def test_rights_access_video_and_dates_are_not_offered_for_override(self):
        # wagtail-localize offers an override for a synchronised link that has a value.
        image = get_image_model().objects.create(
            title="Poster", file=tiny_image_file("poster.png"), width=4, height=4
        )
        self.addCleanup(image.file.delete, save=False)
        video = VideoAsset.objects.create(title="Pilot", status="ready", hls_prefix="hls/0/p/")
        plan = Plan.objects.create(name="Premium", slug="premium", tier=2, price=10)
        ShowPage.objects.filter(pk=self.show.pk).update(poster=image, backdrop=image, trailer=video)
        episode = EpisodePage.objects.get(locale=self.show.locale)
        EpisodePage.objects.filter(pk=episode.pk).update(
            still=image, video=video, trailer=video, minimum_plan=plan
        )
        self.submit(self.show)
        overridable = {
            segment.context.path
            for source in TranslationSource.objects.filter(
                object_id__in=[self.show.translation_key, episode.translation_key]
            )
            for segment in OverridableSegment.objects.filter(source=source)
        }
        self.assertTrue(TranslationSource.objects.filter(object_id=episode.translation_key))
        for field in (
            "allowed_regions",
            "maturity_rating",
            "poster",
            "backdrop",
            "trailer",
            "access_level",
            "minimum_plan",
            "video",
            "air_date",
            "available_from",
            "available_until",
            "still",
        ):
            self.assertNotIn(field, overridable)

    def test_a_changed_source_value_reaches_french_and_french_cannot_keep_its_own(self):
        self.submit(self.show)
        self.publish_translation(self.show)
        episode = EpisodePage.objects.get(locale=self.show.locale)
        fr_episode = self.fr_of(episode)
        self.assertEqual(fr_episode.access_level, AccessLevel.SUBSCRIBERS)
        # Somebody changes the French episode's access behind the editor's back...
        EpisodePage.objects.filter(pk=fr_episode.pk).update(access_level=AccessLevel.FREE)
        # ...and the source moves its air date: the sync puts both back in step.
        episode.air_date = datetime.date(2025, 6, 1)
        episode.save_revision().publish()
        self.sync(episode, publish_translations="on")
        fr_episode.refresh_from_db()
        self.assertEqual(fr_episode.air_date, datetime.date(2025, 6, 1))
        self.assertEqual(fr_episode.access_level, AccessLevel.SUBSCRIBERS)


class BadInputTests(TranslationAdminCase):
    seasons = 1
    episodes = 1

    def test_translation_of_a_deleted_source_is_detached_with_a_message(self):
        self.submit(self.show, subtree=False)
        fr_show = self.fr_of(self.show)
        source = TranslationSource.objects.get(object_id=self.show.translation_key)
        Page.objects.get(pk=self.show.pk).delete()

        self.client.force_login(self.editor)
        response = self.client.get(f"/admin/pages/{fr_show.pk}/edit/")
        self.assertEqual(response.status_code, 200)
        self.assertIn("“Harbour Lights”, the English original", " ".join(message_texts(response)))
        # An ordinary page now: Wagtail's own editor, not wagtail-localize's.
        self.assertNotContains(response, 'class="js-translation-editor"', html=False)
        self.assertContains(response, 'name="synopsis"', html=False)
        self.assertFalse(Translation.objects.filter(source=source, enabled=True).exists())

        for url, data in (
            (f"/admin/localize/update/{source.pk}/", {}),
            (f"/admin/pages/{fr_show.pk}/edit/", {"localize-restart-translation": "1"}),
        ):
            response = self.client.post(url, data)
            self.assertEqual(response.status_code, 302, url)
            self.assertIn("was deleted", " ".join(message_texts(response)), url)
        self.assertFalse(Translation.objects.filter(source=source, enabled=True).exists())
        self.assertFalse(ShowPage.objects.get(pk=fr_show.pk).live)

    def test_a_translation_of_an_unpublished_source_is_not_published(self):
        self.submit(self.show, subtree=False)
        Page.objects.get(pk=self.show.pk).specific.unpublish()

        response = self.publish_translation(self.show)
        self.assertEqual(response.status_code, 302)
        self.assertIn("is not published", " ".join(message_texts(response)))
        self.assertFalse(self.fr_of(self.show).live)
        response = self.sync(self.show, publish_translations="on")
        self.assertIn("is not published", " ".join(message_texts(response)))
        self.assertFalse(self.fr_of(self.show).live)
        self.assertEqual(self.client.get("/fr/shows/harbour-lights/").status_code, 404)


class Timing(TranslationAdminCase):
    """The editor's request for a show with ten seasons does not translate the seasons."""

    seasons = 10
    episodes = 2

    def test_submitting_ten_seasons_returns_before_the_subtree_is_translated(self):
        started = time.perf_counter()
        _response, callbacks = self.submit(self.show, execute=False)
        request_seconds = time.perf_counter() - started
        self.assertFalse(SeasonPage.objects.filter(locale=self.fr).exists())
        started = time.perf_counter()
        callbacks[0]()
        job_seconds = time.perf_counter() - started
        self.assertEqual(SeasonPage.objects.filter(locale=self.fr).count(), 10)
        self.assertEqual(EpisodePage.objects.filter(locale=self.fr).count(), 20)
        # The job does the bulk of the work, the request only the show.
        self.assertLess(request_seconds, job_seconds)
        sys.stderr.write(f"\nsubmit request {request_seconds:.3f} s, job {job_seconds:.3f} s\n")


@override_settings(CELERY_TASK_ALWAYS_EAGER=True)
class JobArgumentTests(TestCase):
    def test_instances_travel_as_references_and_come_back(self):
        from catalog.translation.tasks import decode, encode

        fr = translations.locale("fr")
        user = UserFactory(email="jobs@example.com")
        payload = encode([3, [fr], None, user])
        self.assertEqual(payload[1], [{"__model__": "wagtailcore.locale", "pk": fr.pk}])
        import json

        self.assertEqual(decode(json.loads(json.dumps(payload))), [3, [fr], None, user])

    def test_a_job_whose_page_was_deleted_is_skipped(self):
        from catalog.translation.tasks import run_localize_job

        result = run_localize_job.delay(
            "wagtail_localize.operations.translate_page_subtree", [999999, [], None, None], {}
        ).get()
        self.assertTrue(result.startswith("skipped"), result)

    def test_only_wagtail_localize_functions_run(self):
        from catalog.translation.tasks import JobArgumentError, run_localize_job

        with self.assertRaises(JobArgumentError):
            run_localize_job.delay("os.system", ["true"], {}).get()
