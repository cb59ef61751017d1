"""The profile pages (/account/profiles/…), the "Who's watching?" picker and its place
after sign-in."""

from django.test import Client, TestCase

from allauth.account.models import EmailAddress

from engagement.models import Profile
from engagement.services import profiles as services
from mediasite.tests.a11y import html_errors, missing_references, needs_vnu
from mediasite.tests.cache import clear_test_cache
from mediasite.tests.factories import UserFactory

PASSWORD = "correct horse battery"
PAGES = "/account/profiles/"


class PagesCase(TestCase):
    def setUp(self):
        clear_test_cache()
        self.user = UserFactory(email="family@example.com")
        self.main = Profile.objects.get(user=self.user, is_main=True)
        self.client.force_login(self.user)

    def active_id(self):
        return self.client.get("/api/v1/me").json()["profile"]["id"]


class AccountPagesTests(PagesCase):
    def test_list_shows_the_profiles_and_is_in_the_account_menu(self):
        services.profile_create(self.user, name="Sam", is_kids=True)
        response = self.client.get(PAGES)
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, f'href="{PAGES}"')  # menu entry
        self.assertContains(response, 'aria-current="page"')
        self.assertContains(response, "Sam")
        self.assertContains(response, "Kids")
        self.assertContains(response, "img/avatars/teal.svg")
        self.assertIn("no-store", response["Cache-Control"])

    def test_anonymous_is_sent_to_sign_in(self):
        for url in (PAGES, f"{PAGES}add/", f"{PAGES}pick/", f"{PAGES}{self.main.pk}/"):
            response = Client().get(url)
            self.assertEqual(response.status_code, 302, url)
            self.assertIn("/accounts/login/", response["Location"])

    def test_add_with_the_form(self):
        response = self.client.post(
            f"{PAGES}add/",
            {"name": "Alex", "avatar": "violet", "language": "es", "maturity_ceiling": ""},
        )
        self.assertRedirects(response, PAGES, fetch_redirect_response=False)
        alex = Profile.objects.get(user=self.user, name="Alex")
        self.assertEqual(
            (alex.avatar, alex.language, alex.maturity_ceiling), ("violet", "es", "TV-MA")
        )
        self.assertContains(self.client.get(PAGES), "Profile “Alex” added.")

    def test_form_errors_show_on_the_form(self):
        services.profile_create(self.user, name="Alex")
        response = self.client.post(
            f"{PAGES}add/", {"name": "alex", "avatar": "teal", "language": "en"}
        )
        self.assertEqual(response.status_code, 400)
        self.assertContains(response, "field--error", status_code=400)
        self.assertContains(response, "There is already a profile called", status_code=400)

        response = self.client.post(
            f"{PAGES}add/",
            {
                "name": "Kid",
                "avatar": "teal",
                "language": "en",
                "maturity_ceiling": "TV-MA",
                "is_kids": "on",
            },
        )
        self.assertContains(response, "TV-PG at most", status_code=400)
        self.assertFalse(Profile.objects.filter(name="Kid").exists())

    def test_the_sixth_profile_is_refused_on_the_form(self):
        for n in range(4):
            services.profile_create(self.user, name=f"P{n}")
        self.assertNotContains(self.client.get(PAGES), f'href="{PAGES}add/"')
        response = self.client.post(
            f"{PAGES}add/", {"name": "Six", "avatar": "teal", "language": "en"}
        )
        self.assertContains(response, "at most 5 profiles", status_code=400)

    def test_edit_and_the_pin_forms(self):
        sam = services.profile_create(self.user, name="Sam")
        edit = f"{PAGES}{sam.pk}/"
        self.assertContains(self.client.get(edit), "Set PIN")
        response = self.client.post(
            edit,
            {"name": "Samuel", "avatar": "lime", "language": "en", "maturity_ceiling": "TV-14"},
        )
        self.assertRedirects(response, PAGES, fetch_redirect_response=False)
        sam.refresh_from_db()
        self.assertEqual((sam.name, sam.avatar, sam.maturity_ceiling), ("Samuel", "lime", "TV-14"))

        response = self.client.post(f"{edit}pin/", {"pin": "12a4"})
        self.assertContains(response, "field--error", status_code=400)
        self.client.post(f"{edit}pin/", {"pin": "1234"})
        sam.refresh_from_db()
        self.assertTrue(sam.has_pin)
        self.assertContains(self.client.get(edit), "Remove PIN")
        self.client.post(f"{edit}pin/", {"remove": "1"})
        sam.refresh_from_db()
        self.assertFalse(sam.has_pin)

    def test_the_main_profile_has_no_kids_box_and_no_delete(self):
        page = self.client.get(f"{PAGES}{self.main.pk}/")
        self.assertNotContains(page, 'name="is_kids"')
        self.assertNotContains(page, "Delete this profile")
        response = self.client.post(f"{PAGES}{self.main.pk}/delete/")
        self.assertContains(response, "The main profile cannot be deleted.", status_code=403)
        self.assertTrue(Profile.objects.filter(pk=self.main.pk).exists())

    def test_delete_with_confirmation(self):
        sam = services.profile_create(self.user, name="Sam")
        self.assertContains(self.client.get(f"{PAGES}{sam.pk}/delete/"), "Delete Sam")
        response = self.client.post(f"{PAGES}{sam.pk}/delete/")
        self.assertRedirects(response, PAGES, fetch_redirect_response=False)
        self.assertFalse(Profile.objects.filter(pk=sam.pk).exists())

    def test_another_accounts_profile_pages_are_404(self):
        stranger = UserFactory(email="other@example.com")
        theirs = services.profile_create(stranger, name="Theirs")
        for url in (f"{PAGES}{theirs.pk}/", f"{PAGES}{theirs.pk}/delete/"):
            self.assertEqual(self.client.get(url).status_code, 404, url)
        self.assertEqual(
            self.client.post(f"{PAGES}{theirs.pk}/pin/", {"pin": "1234"}).status_code, 404
        )
        self.assertEqual(self.client.post(f"{PAGES}{theirs.pk}/delete/").status_code, 404)
        self.assertEqual(self.client.get(f"{PAGES}99999999999/").status_code, 404)
        self.assertTrue(Profile.objects.filter(pk=theirs.pk, pin_hash="").exists())

    def test_management_pages_ask_for_the_main_pin(self):
        sam = services.profile_create(self.user, name="Sam")
        services.pin_set(self.main, "8642")
        index = self.client.get(PAGES)
        self.assertContains(index, "needs the main profile's PIN")
        self.assertNotContains(index, f'href="{PAGES}add/"')
        for url in (f"{PAGES}add/", f"{PAGES}{sam.pk}/"):
            self.assertContains(self.client.get(url), "Enter the main profile", status_code=403)
        response = self.client.post(f"{PAGES}{sam.pk}/delete/")
        self.assertEqual(response.status_code, 403)
        self.assertTrue(Profile.objects.filter(pk=sam.pk).exists())

        wrong = self.client.post(f"{PAGES}unlock/", {"pin": "0000", "next": f"{PAGES}add/"})
        self.assertContains(wrong, "That PIN is not right.", status_code=400)
        right = self.client.post(f"{PAGES}unlock/", {"pin": "8642", "next": f"{PAGES}add/"})
        self.assertRedirects(right, f"{PAGES}add/", fetch_redirect_response=False)
        self.assertEqual(self.client.get(f"{PAGES}add/").status_code, 200)

    def test_unlock_keeps_next_on_this_site(self):
        services.pin_set(self.main, "8642")
        response = self.client.post(
            f"{PAGES}unlock/", {"pin": "8642", "next": "https://evil.example/"}
        )
        self.assertRedirects(response, PAGES, fetch_redirect_response=False)


class EscapingTests(PagesCase):
    NAME = '<script>alert("x")</script>'

    def test_a_name_with_markup_is_escaped_on_every_page(self):
        # The services strip markup; a name that has it anyway (older data, the admin)
        # is still only text on the pages.
        evil = Profile.objects.create(user=self.user, name=self.NAME)
        for url in (PAGES, f"{PAGES}pick/", f"{PAGES}{evil.pk}/", f"{PAGES}{evil.pk}/delete/"):
            response = self.client.get(url)
            self.assertEqual(response.status_code, 200, url)
            self.assertNotContains(response, self.NAME)
            self.assertContains(response, "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;")

    def test_the_api_gives_it_as_json_text(self):
        evil = Profile.objects.create(user=self.user, name=self.NAME)
        names = [p["name"] for p in self.client.get("/api/v1/profiles").json()]
        self.assertIn(self.NAME, names)  # JSON text; user-state.js sets it as textContent
        self.assertEqual(
            self.client.post(
                f"/api/v1/profiles/{evil.pk}/switch", {}, content_type="application/json"
            ).json()["name"],
            self.NAME,
        )


class PickerTests(PagesCase):
    def test_picker_lists_profiles_as_buttons_with_pin_fields_where_needed(self):
        sam = services.profile_create(self.user, name="Sam", avatar="amber")
        kids = services.profile_create(self.user, name="Kids", is_kids=True)
        services.pin_set(sam, "1357")
        page = self.client.get(f"{PAGES}pick/?next=/shows/")
        self.assertContains(page, "Who's watching?")
        self.assertContains(page, 'class="profile-picker__button"', count=3)
        self.assertContains(page, "img/avatars/amber.svg")
        self.assertContains(page, 'name="pin"', count=1)  # Sam only
        self.assertContains(page, 'name="next" value="/shows/"', count=3)
        self.assertContains(page, f'data-profile-pick="{kids.pk}"')

    def test_picking_switches_and_continues_to_next(self):
        kids = services.profile_create(self.user, name="Kids", is_kids=True)
        response = self.client.post(f"{PAGES}pick/", {"profile": kids.pk, "next": "/shows/"})
        self.assertRedirects(response, "/shows/", fetch_redirect_response=False)
        self.assertEqual(self.active_id(), kids.pk)

    def test_a_wrong_pin_shows_on_the_picker(self):
        sam = services.profile_create(self.user, name="Sam")
        services.pin_set(sam, "1357")
        response = self.client.post(f"{PAGES}pick/", {"profile": sam.pk, "pin": "0000"})
        self.assertContains(response, "That PIN is not right.", status_code=400)
        self.assertEqual(self.active_id(), self.main.pk)
        response = self.client.post(f"{PAGES}pick/", {"profile": sam.pk, "pin": "1357"})
        self.assertRedirects(response, "/", fetch_redirect_response=False)
        self.assertEqual(self.active_id(), sam.pk)

    def test_leaving_kids_asks_for_the_main_pin_on_the_picker(self):
        kids = services.profile_create(self.user, name="Kids", is_kids=True)
        services.pin_set(self.main, "8642")
        self.client.post(f"{PAGES}pick/", {"profile": kids.pk})
        page = self.client.get(f"{PAGES}pick/")
        self.assertContains(page, 'name="pin"', count=1)  # the main profile's own field
        response = self.client.post(f"{PAGES}pick/", {"profile": self.main.pk})
        self.assertContains(response, "Enter the PIN", status_code=400)
        self.assertEqual(self.active_id(), kids.pk)

    def test_foreign_or_bad_profile_ids_are_404_and_next_stays_local(self):
        stranger = UserFactory(email="other@example.com")
        theirs = services.profile_create(stranger, name="Theirs")
        for value in (theirs.pk, "abc", "²", "99999999999"):
            self.assertEqual(
                self.client.post(f"{PAGES}pick/", {"profile": value}).status_code, 404, value
            )
        response = self.client.post(
            f"{PAGES}pick/", {"profile": self.main.pk, "next": "//evil.example/"}
        )
        self.assertRedirects(response, "/", fetch_redirect_response=False)


class LoginRedirectTests(TestCase):
    def setUp(self):
        clear_test_cache()
        self.user = UserFactory(email="signin@example.com")
        EmailAddress.objects.create(
            user=self.user, email=self.user.email, verified=True, primary=True
        )

    def login(self, next_url=None):
        url = "/accounts/login/" + (f"?next={next_url}" if next_url else "")
        return self.client.post(url, {"login": self.user.email, "password": PASSWORD})

    def test_one_profile_goes_straight_on(self):
        response = self.login()
        self.assertRedirects(response, "/", fetch_redirect_response=False)
        response = Client().post(
            "/accounts/login/?next=/shows/", {"login": self.user.email, "password": PASSWORD}
        )
        self.assertRedirects(response, "/shows/", fetch_redirect_response=False)

    def test_more_profiles_pick_first_then_continue(self):
        services.profile_create(self.user, name="Kids", is_kids=True)
        response = self.login()
        self.assertRedirects(
            response, "/account/profiles/pick/?next=%2F", fetch_redirect_response=False
        )
        response = Client().post(
            "/accounts/login/?next=/shows/some-show/",
            {"login": self.user.email, "password": PASSWORD},
        )
        self.assertRedirects(
            response,
            "/account/profiles/pick/?next=%2Fshows%2Fsome-show%2F",
            fetch_redirect_response=False,
        )

    def test_the_next_from_the_login_form_is_kept(self):
        services.profile_create(self.user, name="Kids")
        response = self.client.post(
            "/accounts/login/",
            {"login": self.user.email, "password": PASSWORD, "next": "/account/plans/"},
        )
        self.assertEqual(response["Location"], "/account/profiles/pick/?next=%2Faccount%2Fplans%2F")
        page = self.client.get(response["Location"])
        self.assertContains(page, 'name="next" value="/account/plans/"')


@needs_vnu
class ProfilePagesHTMLTests(PagesCase):
    """The Nu HTML Checker on every profile page, with and without errors."""

    def test_profile_pages_are_valid_html(self):
        sam = services.profile_create(self.user, name="Sam")
        services.pin_set(sam, "1357")
        kids = services.profile_create(self.user, name="Kids", is_kids=True)
        get = self.client.get
        documents = {
            "list": get(PAGES),
            "add": get(f"{PAGES}add/"),
            "add, refused": self.client.post(f"{PAGES}add/", {"name": "", "avatar": "x"}),
            "edit": get(f"{PAGES}{sam.pk}/"),
            "pin, refused": self.client.post(f"{PAGES}{sam.pk}/pin/", {"pin": "1"}),
            "delete": get(f"{PAGES}{kids.pk}/delete/"),
            "pick": get(f"{PAGES}pick/"),
            "pick, wrong PIN": self.client.post(f"{PAGES}pick/", {"profile": sam.pk, "pin": "0"}),
        }
        services.pin_set(self.main, "8642")
        documents["list, locked"] = get(PAGES)
        documents["unlock"] = get(f"{PAGES}add/")
        documents = {name: response.content.decode() for name, response in documents.items()}
        errors = html_errors(documents)
        for name, html in documents.items():
            errors[name] += missing_references(html)
        problems = [f"{name}: {error}" for name, found in errors.items() for error in found]
        self.assertEqual(problems, [], "\n".join(problems))


class PickerPinLabelTests(PagesCase):
    def test_the_label_names_the_main_profile_only_when_its_pin_is_asked(self):
        kids = services.profile_create(self.user, name="Kids", is_kids=True)
        sam = services.profile_create(self.user, name="Sam")
        services.pin_set(sam, "1357")
        self.client.post(f"{PAGES}pick/", {"profile": kids.pk})
        page = self.client.get(f"{PAGES}pick/").content.decode()
        self.assertNotIn("PIN of the main profile", page)  # the main profile has no PIN
        services.pin_set(self.main, "8642")
        page = self.client.get(f"{PAGES}pick/").content.decode()
        self.assertEqual(page.count("PIN of the main profile"), 1)  # Sam
        self.assertEqual(page.count('name="pin"'), 2)  # Sam and the main profile
