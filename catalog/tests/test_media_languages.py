"""Media per language: subtitle and audio language codes, the episode page's language line,
the play API's audio language, and video assets shared by every translation of an episode."""

from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase
from django.urls import reverse

from wagtail.models import TranslatableMixin
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from wagtail_localize.models import TranslationSource

from catalog.media.errors import InvalidMedia
from catalog.media.subtitles import SubtitleSource, webvtt_text
from catalog.media_languages import media_language_choices, own_name, validate_media_language
from catalog.models import AccessLevel, SubtitleTrack, VideoAsset
from catalog.tests import factories, translations
from mediasite.tests.factories import UserFactory

VTT = b"WEBVTT\n\n00:00:00.500 --> 00:00:02.000\nHello.\n"


def asset_with_tracks(*languages: str, audio: str = "en") -> VideoAsset:
    asset = VideoAsset.objects.create(
        title="Harbour pilot", audio_language=audio, status="ready", hls_prefix="hls/0/pilot/"
    )
    for order, code in enumerate(languages):
        SubtitleTrack.objects.create(
            asset=asset, language=code, file=f"subtitles/{code}.vtt", sort_order=order
        )
    return asset


class LanguageCodeTests(TestCase):
    def test_codes_beyond_the_sites_three_are_accepted(self):
        for code in ["en", "fr", "es", "de", "ja", "pt-br", "zh-hans"]:
            validate_media_language(code)

    def test_unknown_codes_are_refused_with_a_reason(self):
        for code in ["", "xx", "klingon", "fr_FR", "EN", "en-", "../en"]:
            with self.assertRaises(ValidationError) as raised:
                validate_media_language(code)
            self.assertIn("is not a language code we know", raised.exception.messages[0])

    def test_a_track_with_a_bad_code_does_not_validate(self):
        asset = asset_with_tracks()
        track = SubtitleTrack(asset=asset, language="xx", file="subtitles/xx.vtt")
        with self.assertRaises(ValidationError) as raised:
            track.full_clean()
        self.assertIn("language", raised.exception.message_dict)
        asset.audio_language = "zz"
        with self.assertRaises(ValidationError) as raised:
            asset.full_clean(exclude=["source"])
        self.assertIn("audio_language", raised.exception.message_dict)

    def test_a_track_without_a_label_is_labelled_in_its_own_language(self):
        asset = asset_with_tracks("en", "fr", "es", "pt-br")
        labels = dict(asset.subtitles.values_list("language", "label"))
        self.assertEqual(
            labels,
            {"en": "English", "fr": "Français", "es": "Español", "pt-br": "Português Brasileiro"},
        )

    def test_choices_name_each_language_in_itself(self):
        choices = dict(media_language_choices("Not known"))
        self.assertEqual(choices[""], "Not known")
        self.assertEqual(choices["fr"], "Français (fr)")
        self.assertEqual(own_name("de"), "Deutsch")

    def test_the_pipeline_refuses_a_code_that_got_past_the_forms(self):
        track = SubtitleSource("klingon", "Klingon", False, VTT)
        with self.assertRaisesMessage(InvalidMedia, "“klingon” is not a language code"):
            webvtt_text(track)
        self.assertTrue(webvtt_text(SubtitleSource("pt-br", "Português", False, VTT)))


class SubtitleAdminTests(TestCase):
    """The Videos admin answers a bad subtitle language with a form error, not a 500."""

    @classmethod
    def setUpTestData(cls):
        cls.editor = UserFactory(email="subtitle-editor@example.com", is_staff=True)
        cls.editor.groups.add(Group.objects.get(name="Editors"))
        cls.asset = asset_with_tracks()

    def post(self, language: str):
        self.client.force_login(self.editor)
        track = {"language": language, "label": "", "is_default": False}
        data = nested_form_data(
            {
                "title": "Harbour pilot",
                "audio_language": "en",
                "subtitles": inline_formset([track]),
                "chapters": inline_formset([]),
            }
        )
        data["subtitles-0-file"] = SimpleUploadedFile("fr.vtt", VTT, content_type="text/vtt")
        url = reverse("wagtailsnippets_catalog_videoasset:edit", args=[self.asset.pk])
        return self.client.post(url, data)

    def test_unknown_subtitle_language_is_a_form_error(self):
        response = self.post("xx")
        self.assertEqual(response.status_code, 200)
        errors = response.context["form"].formsets["subtitles"].errors
        self.assertIn("is not a language code we know", str(errors))
        self.assertFalse(self.asset.subtitles.exists())


class EpisodeLanguageLineTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        video = asset_with_tracks("en", "fr", "es")
        cls.episode = factories.publish(
            factories.EpisodePageFactory(access_level=AccessLevel.FREE, video=video)
        )
        translations.translate_home("fr", title="Accueil")
        cls.fr_episode = translations.translate_page(cls.episode, "fr", title="Le pilote")

    def language_line(self, url: str) -> str:
        response = self.client.get(url)
        self.assertEqual(response.status_code, 200)
        html = response.content.decode()
        start = html.index("data-video-languages")
        return " ".join(html[start : html.index("</p>", start)].split())

    def test_english_page_names_the_languages_in_english(self):
        line = self.language_line(self.episode.url)
        self.assertIn("<span>Audio: English</span>", line)
        self.assertIn("<span>Subtitles: English, French, Spanish</span>", line)

    def test_french_page_names_the_languages_in_french(self):
        self.assertTrue(self.fr_episode.url.startswith("/fr/"), self.fr_episode.url)
        line = self.language_line(self.fr_episode.url)
        # The names are Django's own French translations (its catalog capitalises them).
        self.assertIn("Anglais</span>", line)
        self.assertIn("Anglais, Français, Espagnol</span>", line)

    def test_no_line_without_languages(self):
        bare = factories.publish(
            factories.EpisodePageFactory(
                parent=self.episode.get_parent(), number=2, video=asset_with_tracks(audio="")
            )
        )
        self.assertNotContains(self.client.get(bare.url), "data-video-languages")


class SharedAssetTests(TestCase):
    """Videos and images are not translated: a translation points at the source's asset,
    and wagtail-localize's sync carries a changed video over (a synchronised field)."""

    def test_video_assets_are_not_translatable(self):
        self.assertFalse(issubclass(VideoAsset, TranslatableMixin))

    def test_translation_shares_the_video_and_follows_a_changed_one(self):
        first, second = asset_with_tracks("en"), asset_with_tracks("fr")
        episode = factories.publish(factories.EpisodePageFactory(video=first))
        translations.translate_home("fr")
        translations.translate_page(episode.get_parent(), "fr")
        source, _ = TranslationSource.get_or_create_from_instance(episode)
        fr_episode, _ = source.create_or_update_translation(
            translations.locale("fr"), fallback=True
        )
        self.assertEqual(fr_episode.video_id, first.pk)

        episode.video = second
        episode.save_revision().publish()
        source.update_from_db()
        source.create_or_update_translation(translations.locale("fr"), fallback=True)
        fr_episode.refresh_from_db()
        self.assertEqual(fr_episode.video_id, second.pk)
        self.assertEqual(fr_episode.translation_key, episode.translation_key)
