"""The machine translator behind its guard: failures are admin messages, nothing is saved.

No real translation service can be reached from the test machine, so the translators
here are fakes behind wagtail-localize's own interface (``BaseMachineTranslator``),
wrapped by the same ``GuardedTranslator`` the settings configure for DeepL, Google and
LibreTranslate.
"""

import threading

from django.test import SimpleTestCase, override_settings

import requests
from wagtail_localize.machine_translators.base import BaseMachineTranslator
from wagtail_localize.machine_translators.dummy import DummyTranslator
from wagtail_localize.models import StringTranslation

from catalog.tests.test_translation_admin import TranslationAdminCase, message_texts

RELEASE = threading.Event()


class HangingTranslator(BaseMachineTranslator):
    """Answers only once the test releases it (a service that stopped answering)."""

    display_name = "Hanging MT"

    def translate(self, source_locale, target_locale, strings):
        RELEASE.wait(timeout=5)
        return DummyTranslator({}).translate(source_locale, target_locale, strings)

    def can_translate(self, source_locale, target_locale):
        return True


class FailingTranslator(BaseMachineTranslator):
    """Answers HTTP 503, as requests reports it for DeepL and LibreTranslate."""

    display_name = "Failing MT"

    def translate(self, source_locale, target_locale, strings):
        response = requests.Response()
        response.status_code = 503
        raise requests.HTTPError("503 Server Error", response=response)

    def can_translate(self, source_locale, target_locale):
        return True


class HalfTranslator(DummyTranslator):
    """Translates only the first text it is given."""

    display_name = "Half MT"

    def translate(self, source_locale, target_locale, strings):
        strings = list(strings)
        return super().translate(source_locale, target_locale, strings[:1])


def guarded(name: str, timeout: float = 5) -> dict:
    return {
        "CLASS": "catalog.translation.machine.GuardedTranslator",
        "OPTIONS": {"TRANSLATOR": f"{__name__}.{name}", "TIMEOUT": timeout},
    }


class GuardedMachineTranslationTests(TranslationAdminCase):
    seasons = 0

    def setUp(self):
        self.submit(self.show, subtree=False)
        self.translation = self.translation_of(self.show)
        self.edit_url = f"/admin/pages/{self.fr_of(self.show).pk}/edit/"

    def machine_translate(self):
        self.client.force_login(self.editor)
        with self.captureOnCommitCallbacks(execute=True):
            return self.client.post(
                f"/admin/localize/translate/{self.translation.pk}/machine_translate/",
                {"next": self.edit_url},
            )

    def assert_nothing_changed(self):
        self.assertFalse(
            StringTranslation.objects.filter(
                context__object_id=self.show.translation_key, locale=self.fr
            ).exists()
        )
        self.assertFalse(self.fr_of(self.show).live)

    def assert_failed_with(self, response, reason):
        self.assertEqual(response.status_code, 302)
        self.assertEqual(response["Location"], self.edit_url)
        text = " ".join(message_texts(response))
        self.assertIn("could not translate this page", text)
        self.assertIn(reason, text)
        self.assertIn("Nothing was changed", text)
        self.assert_nothing_changed()

    @override_settings(WAGTAILLOCALIZE_MACHINE_TRANSLATOR=guarded("HangingTranslator", 0.2))
    def test_a_translator_that_does_not_answer_in_time(self):
        RELEASE.clear()
        self.addCleanup(RELEASE.set)
        response = self.machine_translate()
        self.assert_failed_with(response, "Hanging MT could not translate")
        self.assertIn("did not answer in time", " ".join(message_texts(response)))
        RELEASE.set()  # its late answer is thrown away
        self.assert_nothing_changed()

    @override_settings(WAGTAILLOCALIZE_MACHINE_TRANSLATOR=guarded("FailingTranslator"))
    def test_a_translator_that_answers_an_error(self):
        self.assert_failed_with(self.machine_translate(), "it answered an error (HTTP 503)")

    @override_settings(WAGTAILLOCALIZE_MACHINE_TRANSLATOR=guarded("HalfTranslator"))
    def test_a_partial_answer_saves_nothing(self):
        self.assert_failed_with(self.machine_translate(), "it left 3 of 4 texts untranslated")

    @override_settings(WAGTAILLOCALIZE_MACHINE_TRANSLATOR=guarded("FailingTranslator"))
    def test_a_sync_with_machine_translation_that_fails_publishes_nothing(self):
        self.show.synopsis = "A new synopsis."
        self.show.save_revision().publish()
        response = self.sync(self.show, use_machine_translation="on", publish_translations="on")
        self.assertEqual(response.status_code, 302)
        self.assertIn("it answered an error (HTTP 503)", " ".join(message_texts(response)))
        self.assert_nothing_changed()
        # The sync was rolled back with it: the source still holds the old text.
        self.translation.source.refresh_from_db()
        self.assertNotIn("A new synopsis.", self.translation.source.content_json)


class MachineTranslatorSettingTests(SimpleTestCase):
    """MACHINE_TRANSLATOR picks the backend wagtail-localize ships, always guarded."""

    def settings_for(self, **env):
        import os
        import subprocess
        import sys

        from django.conf import settings

        code = (
            "import json, django; django.setup(); from django.conf import settings; "
            "print(json.dumps(settings.WAGTAILLOCALIZE_MACHINE_TRANSLATOR))"
        )
        clean = {k: v for k, v in os.environ.items() if not k.startswith("MACHINE_TRANSLATOR")}
        result = subprocess.run(  # noqa: S603 - our interpreter, fixed code
            [sys.executable, "-c", code],
            env={**clean, "DJANGO_SETTINGS_MODULE": "mediasite.settings.dev", **env},
            cwd=settings.BASE_DIR,
            capture_output=True,
            text=True,
            check=False,
        )
        return result

    def test_each_choice_and_its_settings(self):
        import json

        default = json.loads(self.settings_for().stdout)
        self.assertEqual(default["CLASS"], "catalog.translation.machine.GuardedTranslator")
        self.assertTrue(default["OPTIONS"]["TRANSLATOR"].endswith("dummy.DummyTranslator"))

        deepl = json.loads(
            self.settings_for(MACHINE_TRANSLATOR="deepl", DEEPL_AUTH_KEY="k:fx").stdout
        )["OPTIONS"]
        self.assertTrue(deepl["TRANSLATOR"].endswith("deepl.DeepLTranslator"))
        self.assertEqual(deepl["AUTH_KEY"], "k:fx")

        libre = json.loads(
            self.settings_for(
                MACHINE_TRANSLATOR="libretranslate",
                LIBRETRANSLATE_URL="https://lt.example.com/",
                LIBRETRANSLATE_API_KEY="secret",
                MACHINE_TRANSLATOR_TIMEOUT="7",
            ).stdout
        )["OPTIONS"]
        self.assertEqual(libre["LIBRETRANSLATE_URL"], "https://lt.example.com")
        self.assertEqual((libre["API_KEY"], libre["TIMEOUT"]), ("secret", 7))

        self.assertEqual(self.settings_for(MACHINE_TRANSLATOR="none").stdout.strip(), "null")

    def test_a_missing_key_or_unknown_name_stops_the_start(self):
        for env, needed in (
            ({"MACHINE_TRANSLATOR": "deepl"}, "needs DEEPL_AUTH_KEY"),
            ({"MACHINE_TRANSLATOR": "libretranslate"}, "needs LIBRETRANSLATE_URL"),
            ({"MACHINE_TRANSLATOR": "babel"}, "MACHINE_TRANSLATOR must be one of"),
        ):
            result = self.settings_for(**env)
            self.assertNotEqual(result.returncode, 0)
            self.assertIn(needed, result.stderr)
