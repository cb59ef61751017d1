"""Interface strings in French and Spanish (docs/localisation.md, "Interface strings").

The catalog tests extract every string the code marks (``makemessages`` into a
temporary directory, the same command as ``make messages``) and fail when one is
missing, empty or fuzzy in ``locale/fr`` or ``locale/es``, or when a committed ``.mo``
says something else than its ``.po``. The rendering tests read French pages, the
account area and e-mails in the recipient's language.
"""

import datetime
import tempfile
from pathlib import Path

from django.conf import settings
from django.core import mail
from django.core.management import call_command
from django.core.management.commands import makemessages
from django.test import Client, SimpleTestCase, TestCase
from django.utils import timezone

import polib

from catalog.tests import factories, translations
from mediasite.tests.factories import UserFactory
from subscriptions.models import Subscription
from subscriptions.notices import notice_send_once
from subscriptions.tests.utils import make_plan

LOCALE_DIR = Path(settings.BASE_DIR) / "locale"
LANGUAGES = ["fr", "es"]
DOMAINS = ["django", "djangojs"]
IGNORE = [".venv", "node_modules", "staticfiles", "media", "var", "htmlcov", "static/vendor"]


class ExtractInto(makemessages.Command):
    """``makemessages`` writing into ``out`` instead of ./locale (which it would pick for
    every file under the project root), so the test never touches the committed catalogs."""

    def __init__(self, out: str):
        super().__init__()
        self.out = out

    def find_files(self, root):
        files = super().find_files(root)
        self.locale_paths = [self.out]
        for translatable in files:
            translatable.locale_dir = self.out
        return files


def _key(entry) -> tuple:
    return (entry.msgctxt, entry.msgid, entry.msgid_plural)


def _translation(entry):
    return tuple(entry.msgstr_plural[i] for i in sorted(entry.msgstr_plural)) or entry.msgstr


class CatalogTests(SimpleTestCase):
    """Every marked string has a French and a Spanish translation, compiled."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.extracted = {}
        with tempfile.TemporaryDirectory() as out:
            for domain in DOMAINS:
                call_command(
                    ExtractInto(out),
                    locale=["fr"],
                    domain=domain,
                    ignore_patterns=[*IGNORE, "*/tests/*"],
                    no_obsolete=True,
                    verbosity=0,
                )
                po = polib.pofile(str(Path(out) / "fr" / "LC_MESSAGES" / f"{domain}.po"))
                cls.extracted[domain] = {_key(entry) for entry in po}

    def test_the_code_marks_strings_in_both_domains(self):
        # Guards the extraction itself: an empty list would make the next test pass vacuously.
        self.assertIn((None, "Skip to content", ""), self.extracted["django"])
        self.assertIn((None, "Play", ""), self.extracted["djangojs"])
        self.assertGreater(len(self.extracted["django"]), 500)

    def test_every_marked_string_is_translated(self):
        for language in LANGUAGES:
            for domain in DOMAINS:
                with self.subTest(language=language, domain=domain):
                    po = polib.pofile(str(LOCALE_DIR / language / "LC_MESSAGES" / f"{domain}.po"))
                    translated = {
                        _key(entry)
                        for entry in po
                        if entry.translated() and not entry.obsolete and "fuzzy" not in entry.flags
                    }
                    missing = sorted(
                        self.extracted[domain] - translated, key=lambda k: (k[0] or "", k[1])
                    )
                    self.assertEqual(
                        missing, [], f"untranslated in locale/{language}: run make messages"
                    )

    def test_catalogs_have_no_fuzzy_or_empty_entries_and_the_right_header(self):
        for language in LANGUAGES:
            for domain in DOMAINS:
                with self.subTest(language=language, domain=domain):
                    po = polib.pofile(str(LOCALE_DIR / language / "LC_MESSAGES" / f"{domain}.po"))
                    self.assertFalse(po.metadata_is_fuzzy)
                    self.assertEqual(po.metadata["Language"], language)
                    self.assertIn("nplurals=", po.metadata["Plural-Forms"])
                    self.assertEqual(po.fuzzy_entries(), [])
                    self.assertEqual([e.msgid for e in po.untranslated_entries()], [])

    def test_committed_mo_files_match_their_po(self):
        for language in LANGUAGES:
            for domain in DOMAINS:
                with self.subTest(language=language, domain=domain):
                    base = LOCALE_DIR / language / "LC_MESSAGES" / domain
                    po = polib.pofile(f"{base}.po")
                    mo = polib.mofile(f"{base}.mo")
                    expected = {_key(e): _translation(e) for e in po.translated_entries()}
                    compiled = {_key(e): _translation(e) for e in mo if e.msgid}
                    self.assertEqual(
                        compiled, expected, f"{base}.mo is stale: run make compilemessages"
                    )


class FrenchPagesTests(TestCase):
    """Public pages in the language of their address, the same for everybody."""

    @classmethod
    def setUpTestData(cls):
        cls.show = factories.publish(
            factories.ShowPageFactory(title="Harbour Lights", slug="harbour-lights")
        )
        cls.season = factories.publish(factories.SeasonPageFactory(parent=cls.show, number=1))
        translations.translate_home("fr", title="Accueil")
        translations.translate_home("es", title="Inicio")
        translations.translate_page(cls.show, "fr", title="Les Feux du port")
        cls.french_user = UserFactory(language="fr")

    def test_french_home_speaks_french(self):
        response = self.client.get("/fr/")
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, '<html lang="fr">')
        self.assertContains(response, "Aller au contenu")
        self.assertContains(response, ">Séries</a>")
        self.assertNotContains(response, "Skip to content")
        self.assertEqual(response["Content-Language"], "fr")

    def test_spanish_home_speaks_spanish(self):
        response = self.client.get("/es/")
        self.assertContains(response, "Saltar al contenido")
        self.assertContains(response, "Iniciar sesión")

    def test_english_home_is_unchanged(self):
        response = self.client.get("/")
        self.assertContains(response, "Skip to content")
        self.assertContains(response, ">Shows</a>")

    def test_french_show_page(self):
        response = self.client.get("/fr/shows/harbour-lights/")
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Les Feux du port")
        self.assertContains(response, "Écrire une critique")
        self.assertContains(response, "1 étoile<")  # plurals: "2 étoiles"
        self.assertContains(response, "2 étoiles<")
        self.assertNotContains(response, "Write a review")

    def test_french_search(self):
        response = self.client.get("/fr/search/", {"q": "x"})
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Résultats pour «\u00a0x\u00a0»")
        self.assertContains(response, "Aucun résultat")

    def test_a_signed_in_persons_language_never_changes_a_public_page(self):
        self.client.force_login(self.french_user)
        response = self.client.get("/", headers={"accept-language": "fr"})
        self.assertContains(response, "Skip to content")
        self.assertNotIn("Accept-Language", response.get("Vary", ""))

    def test_script_catalog_is_per_language_and_public(self):
        page = self.client.get("/fr/")
        self.assertContains(page, '<script src="/fr/jsi18n/" defer></script>')
        self.assertLess(page.content.index(b"/fr/jsi18n/"), page.content.index(b"js/user-state"))
        french = self.client.get("/fr/jsi18n/")
        self.assertEqual(french.status_code, 200)
        self.assertIn("public", french["Cache-Control"])
        self.assertContains(french, "Passer le g\\u00e9n\\u00e9rique")
        english = self.client.get("/jsi18n/")
        self.assertNotContains(english, "Passer le g")


class AccountLanguageTests(TestCase):
    """Private pages and e-mails follow ``User.language``."""

    def setUp(self):
        self.user = UserFactory(email="marie@example.com", language="fr")

    def test_account_area_in_the_users_language(self):
        self.client.force_login(self.user)
        response = self.client.get("/account/")
        self.assertContains(response, '<html lang="fr">')
        self.assertContains(response, "Votre compte")
        self.assertContains(response, "Connecté en tant que <strong>marie@example.com</strong>")
        self.assertEqual(response["Content-Language"], "fr")

    def test_an_english_user_gets_english(self):
        self.user.language = "en"
        self.user.save()
        self.client.force_login(self.user)
        response = self.client.get("/account/", headers={"accept-language": "fr"})
        self.assertContains(response, "Signed in as <strong>marie@example.com</strong>")

    def test_allauth_login_in_the_language_of_the_page_one_came_from(self):
        response = self.client.get("/accounts/login/", {"next": "/fr/shows/"})
        self.assertContains(response, '<html lang="fr">')
        self.assertContains(response, "Connexion")
        self.assertIn("Accept-Language", response["Vary"])

    def test_allauth_login_for_anonymous_visitors_follows_accept_language(self):
        response = self.client.get("/accounts/login/", headers={"accept-language": "es"})
        self.assertContains(response, "Iniciar sesión")
        english = self.client.get("/accounts/login/")
        self.assertContains(english, '<html lang="en">')

    def test_sign_up_from_a_french_page_stores_french(self):
        response = self.client.post(
            "/accounts/signup/",
            {
                "email": "luc@example.com",
                "password1": "un cheval correct 42",
                "password2": "un cheval correct 42",
                "next": "/fr/",
            },
        )
        self.assertEqual(response.status_code, 302)
        user = type(self.user).objects.get(email="luc@example.com")
        self.assertEqual(user.language, "fr")

    def test_language_is_set_from_the_account_settings_form(self):
        self.client.force_login(self.user)
        self.client.post("/account/", {"display_name": "Marie", "language": "es"})
        self.user.refresh_from_db()
        self.assertEqual(self.user.language, "es")
        response = self.client.get("/account/")
        self.assertContains(response, "Tu cuenta")

    def test_put_language(self):
        self.client.force_login(self.user)
        answer = self.client.put(
            "/api/v1/me/language", {"language": "es"}, content_type="application/json"
        )
        self.assertEqual(answer.status_code, 200)
        self.assertEqual(answer.json(), {"language": "es"})
        self.user.refresh_from_db()
        self.assertEqual(self.user.language, "es")

    def test_put_unknown_language_is_422_with_a_reason_in_the_users_language(self):
        self.client.force_login(self.user)
        for value in ["de", "", None, 3, "FR-xx"]:
            with self.subTest(value=value):
                answer = self.client.put(
                    "/api/v1/me/language", {"language": value}, content_type="application/json"
                )
                self.assertEqual(answer.status_code, 422)
                self.assertIn("Langue inconnue", answer.json()["detail"])
        self.user.refresh_from_db()
        self.assertEqual(self.user.language, "fr")

    def test_put_language_needs_sign_in(self):
        answer = self.client.put(
            "/api/v1/me/language", {"language": "fr"}, content_type="application/json"
        )
        self.assertEqual(answer.status_code, 401)

    def test_subscription_notice_in_the_recipients_language(self):
        plan = make_plan(name="Premium", trial_days=7)
        subscription = Subscription.objects.create(
            user=self.user,
            plan=plan,
            status=Subscription.Status.TRIALING,
            trial_ends_at=timezone.now() + datetime.timedelta(days=2),
            current_period_end=timezone.now() + datetime.timedelta(days=2),
        )
        notice_send_once(kind="trial_ending", subscription=subscription, key="t1")
        self.assertEqual(len(mail.outbox), 1)
        self.assertTrue(mail.outbox[0].subject.startswith("Votre essai Premium se termine le"))
        self.assertIn("Bonjour", mail.outbox[0].body)

    def test_allauth_mail_in_the_recipients_language(self):
        Client().post("/accounts/password/reset/", {"email": "marie@example.com"})
        self.assertEqual(len(mail.outbox), 1)
        self.assertIn("réinitialisation", mail.outbox[0].subject)

    def test_saving_the_profile_without_a_language_keeps_it(self):
        self.client.force_login(self.user)
        response = self.client.post("/account/", {"display_name": "Marie"})
        self.assertEqual(response.status_code, 302)
        self.user.refresh_from_db()
        self.assertEqual((self.user.display_name, self.user.language), ("Marie", "fr"))
