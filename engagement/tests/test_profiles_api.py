"""Household profiles through /api/v1/profiles: limits, PINs, switching and management rules,
who may touch which profile. Real PostgreSQL and Redis (allauth's rate-limit counters)."""

import threading

from django.contrib.auth.hashers import check_password
from django.db import connection, connections
from django.test import Client, TestCase

from engagement.models import Profile, Rating, RatingSummary, WatchlistItem
from engagement.models.profiles import MAX_PROFILES
from engagement.services import profiles as services
from mediasite.tests.cache import clear_test_cache
from mediasite.tests.factories import UserFactory
from mediasite.tests.threads import ThreadsTestCase

API = "/api/v1/profiles"


class ProfileApiCase(TestCase):
    def setUp(self):
        clear_test_cache()  # allauth's PIN rate-limit counters
        self.user = UserFactory(email="home@example.com")
        self.main = Profile.objects.get(user=self.user, is_main=True)
        self.client.force_login(self.user)

    def post(self, url, data=None, client=None):
        return (client or self.client).post(url, data or {}, content_type="application/json")

    def patch(self, url, data):
        return self.client.patch(url, data, content_type="application/json")

    def put(self, url, data):
        return self.client.put(url, data, content_type="application/json")

    def add(self, name, **fields):
        return services.profile_create(self.user, name=name, **fields)

    def active_id(self):
        return self.client.get("/api/v1/me").json()["profile"]["id"]


class CreateTests(ProfileApiCase):
    def test_a_new_account_has_its_main_profile_named_after_it(self):
        body = self.client.get(API).json()
        self.assertEqual([p["name"] for p in body], ["home"])
        self.assertTrue(body[0]["is_main"])
        self.assertTrue(body[0]["active"])
        self.assertTrue(body[0]["avatar_url"].endswith("img/avatars/teal.svg"))

    def test_create_then_list(self):
        response = self.post(API, {"name": "Sam", "avatar": "coral", "language": "fr"})
        self.assertEqual(response.status_code, 201, response.content)
        created = response.json()
        self.assertEqual(
            (created["name"], created["avatar"], created["language"], created["is_main"]),
            ("Sam", "coral", "fr", False),
        )
        self.assertEqual(created["maturity_ceiling"], "TV-MA")
        self.assertEqual([p["name"] for p in self.client.get(API).json()], ["home", "Sam"])

    def test_at_most_five_profiles(self):
        for n in range(MAX_PROFILES - 1):
            self.assertEqual(self.post(API, {"name": f"P{n}"}).status_code, 201)
        response = self.post(API, {"name": "One too many"})
        self.assertEqual(response.status_code, 422)
        self.assertEqual(response.json()["detail"], "An account has at most 5 profiles.")
        self.assertEqual(Profile.objects.filter(user=self.user).count(), MAX_PROFILES)

    def test_duplicate_name_is_a_clear_422_whatever_the_case(self):
        self.post(API, {"name": "Sam"})
        for name in ("Sam", "  sam ", "HOME"):
            response = self.post(API, {"name": name})
            self.assertEqual(response.status_code, 422, name)
            self.assertIn("already a profile called", response.json()["detail"])

    def test_bad_input_is_422_with_a_message(self):
        cases = [
            ({"name": ""}, "Give the profile a name."),
            ({"name": "<b></b>  "}, "Give the profile a name."),
            ({"name": "x" * 41}, "at most 40 characters"),
            ({"name": "A", "avatar": "gold"}, "Choose an avatar"),
            ({"name": "A", "language": "de"}, "Choose a language"),
            ({"name": "A", "maturity_ceiling": "R"}, "Choose a maturity rating"),
        ]
        for data, message in cases:
            response = self.post(API, data)
            self.assertEqual(response.status_code, 422, data)
            self.assertIn(message, response.json()["detail"])

    def test_markup_in_a_name_is_stripped(self):
        created = self.post(API, {"name": "<script>alert(1)</script>Max <b>B</b>"}).json()
        self.assertEqual(created["name"], "Max B")

    def test_kids_profile_defaults_to_tv_pg_and_is_capped_there(self):
        kids = self.post(API, {"name": "Kids", "is_kids": True}).json()
        self.assertEqual(kids["maturity_ceiling"], "TV-PG")
        self.assertEqual(
            self.post(API, {"name": "Tots", "is_kids": True, "maturity_ceiling": "TV-Y"}).json()[
                "maturity_ceiling"
            ],
            "TV-Y",
        )
        response = self.post(API, {"name": "Teen", "is_kids": True, "maturity_ceiling": "TV-14"})
        self.assertEqual(response.status_code, 422)
        self.assertIn("TV-PG at most", response.json()["detail"])


class CreateRaceTests(ThreadsTestCase):
    def test_creates_at_once_never_pass_five(self):
        self.assertEqual(connection.vendor, "postgresql")
        user = UserFactory(email="race@example.com")
        for n in range(3):
            services.profile_create(user, name=f"P{n}")  # 4 with the main one
        barrier = threading.Barrier(4)
        outcomes = []

        def create(n):
            try:
                barrier.wait(timeout=10)
                services.profile_create(user, name=f"Racer {n}")
                outcomes.append("created")
            except services.ProfileError as error:
                outcomes.append(error.message)
            finally:
                connections.close_all()

        threads = [threading.Thread(target=create, args=(n,)) for n in range(4)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=30)
        self.assertEqual(outcomes.count("created"), 1, outcomes)
        self.assertEqual(outcomes.count("An account has at most 5 profiles."), 3, outcomes)
        self.assertEqual(Profile.objects.filter(user=user).count(), 5)

    def test_same_name_at_once_is_one_profile_and_a_422(self):
        user = UserFactory(email="race2@example.com")
        barrier = threading.Barrier(2)
        outcomes = []

        def create():
            try:
                barrier.wait(timeout=10)
                services.profile_create(user, name="Twin")
                outcomes.append("created")
            except services.ProfileError as error:
                outcomes.append(error.status)
            finally:
                connections.close_all()

        threads = [threading.Thread(target=create) for _ in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=30)
        self.assertEqual(sorted(outcomes, key=str), [422, "created"])
        self.assertEqual(Profile.objects.filter(user=user, name="Twin").count(), 1)


class EditDeleteTests(ProfileApiCase):
    def test_edit_fields(self):
        sam = self.add("Sam")
        response = self.patch(
            f"{API}/{sam.pk}",
            {"name": "Samuel", "avatar": "sky", "language": "es", "maturity_ceiling": "TV-14"},
        )
        self.assertEqual(response.status_code, 200, response.content)
        sam.refresh_from_db()
        self.assertEqual(
            (sam.name, sam.avatar, sam.language, sam.maturity_ceiling),
            ("Samuel", "sky", "es", "TV-14"),
        )

    def test_turning_a_profile_into_kids_brings_its_ceiling_down(self):
        sam = self.add("Sam")
        body = self.patch(f"{API}/{sam.pk}", {"is_kids": True}).json()
        self.assertEqual((body["is_kids"], body["maturity_ceiling"]), (True, "TV-PG"))
        response = self.patch(f"{API}/{sam.pk}", {"maturity_ceiling": "TV-MA"})
        self.assertEqual(response.status_code, 422)

    def test_main_profile_is_never_kids_nor_deleted(self):
        response = self.patch(f"{API}/{self.main.pk}", {"is_kids": True})
        self.assertEqual(response.status_code, 422)
        response = self.client.delete(f"{API}/{self.main.pk}")
        self.assertEqual(response.status_code, 403)
        self.assertEqual(response.json()["detail"], "The main profile cannot be deleted.")
        self.assertTrue(Profile.objects.filter(pk=self.main.pk).exists())

    def test_rename_to_a_taken_name_is_422(self):
        sam = self.add("Sam")
        response = self.patch(f"{API}/{sam.pk}", {"name": "home"})
        self.assertEqual(response.status_code, 422)

    def test_delete_takes_its_viewing_state_and_its_ratings_out_of_the_summary(self):
        from catalog.tests import factories

        show = factories.publish(factories.ShowPageFactory())
        sam = self.add("Sam")
        WatchlistItem.objects.create(profile=sam, page=show)
        Rating.objects.create(profile=sam, page=show, score=2)
        Rating.objects.create(profile=self.main, page=show, score=5)
        RatingSummary.objects.create(page=show, rating_count=2, rating_sum=7)
        self.set_active(sam)

        self.assertEqual(self.client.delete(f"{API}/{sam.pk}").status_code, 204)
        self.assertFalse(Profile.objects.filter(pk=sam.pk).exists())
        self.assertFalse(WatchlistItem.objects.filter(profile_id=sam.pk).exists())
        self.assertFalse(Rating.objects.filter(profile_id=sam.pk).exists())
        summary = RatingSummary.objects.get(page=show)
        self.assertEqual((summary.rating_count, summary.rating_sum), (1, 5))
        # The session falls back to the main profile.
        self.assertEqual(self.active_id(), self.main.pk)

    def set_active(self, profile):
        session = self.client.session
        session["engagement.profile_id"] = profile.pk
        session.save()


class PinTests(ProfileApiCase):
    def test_pin_is_stored_hashed(self):
        sam = self.add("Sam")
        response = self.put(f"{API}/{sam.pk}/pin", {"pin": "4321"})
        self.assertEqual(response.status_code, 200)
        self.assertTrue(response.json()["has_pin"])
        sam.refresh_from_db()
        self.assertNotIn("4321", sam.pin_hash)
        self.assertTrue(sam.pin_hash.startswith(("pbkdf2_", "argon2", "bcrypt", "scrypt", "md5")))
        self.assertTrue(check_password("4321", sam.pin_hash))
        self.assertNotIn("pin_hash", response.content.decode())

    def test_pin_must_be_four_digits(self):
        sam = self.add("Sam")
        for pin in ("123", "12345", "abcd", "١٢٣٤", ""):
            response = self.put(f"{API}/{sam.pk}/pin", {"pin": pin})
            self.assertEqual(response.status_code, 422, pin)
            self.assertEqual(response.json()["detail"], "A PIN is exactly 4 digits.")

    def test_clear_pin(self):
        sam = self.add("Sam")
        services.pin_set(sam, "1111")
        self.assertFalse(self.client.delete(f"{API}/{sam.pk}/pin").json()["has_pin"])

    def test_wrong_pins_are_rate_limited_with_429(self):
        sam = self.add("Sam")
        services.pin_set(sam, "2468")
        for _ in range(5):
            response = self.post(f"{API}/{sam.pk}/switch", {"pin": "0000"})
            self.assertEqual(response.status_code, 403)
            self.assertEqual(response.json()["reason"], "pin_wrong")
        # Even the right PIN waits now.
        response = self.post(f"{API}/{sam.pk}/switch", {"pin": "2468"})
        self.assertEqual(response.status_code, 429)
        self.assertIn("Too many wrong PINs", response.json()["detail"])
        self.assertEqual(self.active_id(), self.main.pk)

    def test_right_pins_do_not_count_towards_the_limit(self):
        sam = self.add("Sam")
        services.pin_set(sam, "2468")
        for _ in range(8):
            self.assertEqual(self.post(f"{API}/{sam.pk}/switch", {"pin": "2468"}).status_code, 200)
            self.assertEqual(self.post(f"{API}/{self.main.pk}/switch").status_code, 200)


class SwitchTests(ProfileApiCase):
    def switch(self, profile, pin=None):
        return self.post(f"{API}/{profile.pk}/switch", {"pin": pin} if pin else {})

    def test_switch_without_pins(self):
        sam = self.add("Sam")
        response = self.switch(sam)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(self.active_id(), sam.pk)
        listed = {p["id"]: p["active"] for p in self.client.get(API).json()}
        self.assertEqual(listed, {self.main.pk: False, sam.pk: True})

    def test_a_profile_with_a_pin_needs_it_to_switch_in(self):
        sam = self.add("Sam")
        services.pin_set(sam, "1357")
        self.assertTrue(
            next(p for p in self.client.get(API).json() if p["id"] == sam.pk)["switch_needs_pin"]
        )
        response = self.switch(sam)
        self.assertEqual(response.status_code, 403)
        self.assertEqual(response.json()["reason"], "pin_required")
        self.assertEqual(self.switch(sam, "9999").status_code, 403)
        self.assertEqual(self.active_id(), self.main.pk)
        self.assertEqual(self.switch(sam, "1357").status_code, 200)
        self.assertEqual(self.active_id(), sam.pk)

    def test_leaving_kids_for_an_adult_profile_needs_the_main_pin(self):
        kids = self.add("Kids", is_kids=True)
        sam = self.add("Sam")
        services.pin_set(self.main, "8642")
        self.main.refresh_from_db()
        self.assertEqual(self.switch(kids).status_code, 200)  # into kids: no PIN

        for target in (sam, self.main):
            response = self.switch(target)
            self.assertEqual(response.status_code, 403, target)
            self.assertEqual(response.json()["reason"], "pin_required")
            self.assertEqual(self.active_id(), kids.pk)
        self.assertIn("main profile's PIN", self.switch(sam).json()["detail"])
        self.assertEqual(self.switch(sam, "0000").status_code, 403)
        self.assertEqual(self.switch(sam, "8642").status_code, 200)
        self.assertEqual(self.active_id(), sam.pk)

    def test_kids_to_kids_needs_no_main_pin(self):
        kids, tots = self.add("Kids", is_kids=True), self.add("Tots", is_kids=True)
        services.pin_set(self.main, "8642")
        self.switch(kids)
        self.assertEqual(self.switch(tots).status_code, 200)

    def test_without_a_main_pin_kids_leave_freely(self):
        kids = self.add("Kids", is_kids=True)
        self.switch(kids)
        self.assertEqual(self.switch(self.main).status_code, 200)


class ManagementLockTests(ProfileApiCase):
    def setUp(self):
        super().setUp()
        self.sam = self.add("Sam")
        services.pin_set(self.main, "8642")

    def test_every_management_write_is_locked_without_the_main_pin(self):
        attempts = [
            lambda: self.post(API, {"name": "New"}),
            lambda: self.patch(f"{API}/{self.sam.pk}", {"name": "Renamed"}),
            lambda: self.client.delete(f"{API}/{self.sam.pk}"),
            lambda: self.put(f"{API}/{self.sam.pk}/pin", {"pin": "1111"}),
            lambda: self.client.delete(f"{API}/{self.main.pk}/pin"),
        ]
        for attempt in attempts:
            response = attempt()
            self.assertEqual(response.status_code, 403, response.content)
            self.assertEqual(response.json()["reason"], "manage_locked")
        self.sam.refresh_from_db()
        self.main.refresh_from_db()
        self.assertEqual((self.sam.name, self.sam.has_pin, self.main.has_pin), ("Sam", False, True))
        self.assertEqual(Profile.objects.filter(user=self.user).count(), 2)

    def test_a_correct_main_pin_unlocks_for_the_session(self):
        self.assertEqual(self.post(f"{API}/unlock", {"pin": "0000"}).status_code, 403)
        self.assertEqual(self.post(f"{API}/unlock", {"pin": "8642"}).status_code, 204)
        self.assertEqual(self.post(API, {"name": "New"}).status_code, 201)
        self.assertEqual(self.patch(f"{API}/{self.sam.pk}", {"name": "Renamed"}).status_code, 200)
        # Another browser of the same account is still locked.
        other = Client()
        other.force_login(self.user)
        self.assertEqual(self.post(API, {"name": "Other"}, client=other).status_code, 403)

    def test_the_unlock_expires(self):
        self.post(f"{API}/unlock", {"pin": "8642"})
        session = self.client.session
        session[services.MANAGE_SESSION_KEY] = 0
        session.save()
        self.assertEqual(self.post(API, {"name": "New"}).status_code, 403)

    def test_main_pin_in_the_body_unlocks_too(self):
        response = self.post(API, {"name": "New", "main_pin": "8642"})
        self.assertEqual(response.status_code, 201)
        response = self.post(API, {"name": "Newer", "main_pin": "1111"})  # unlocked already
        self.assertEqual(response.status_code, 201)

    def test_switching_profile_locks_management_again(self):
        self.post(f"{API}/unlock", {"pin": "8642"})
        self.post(f"{API}/{self.sam.pk}/switch")
        self.assertEqual(self.post(API, {"name": "New"}).status_code, 403)


class PermissionTests(ProfileApiCase):
    def test_anonymous_is_401_everywhere(self):
        anonymous = Client()
        sam = self.add("Sam")
        calls = [
            anonymous.get(API),
            anonymous.post(API, {"name": "X"}, content_type="application/json"),
            anonymous.patch(f"{API}/{sam.pk}", {"name": "X"}, content_type="application/json"),
            anonymous.delete(f"{API}/{sam.pk}"),
            anonymous.put(f"{API}/{sam.pk}/pin", {"pin": "1234"}, content_type="application/json"),
            anonymous.post(f"{API}/{sam.pk}/switch", {}, content_type="application/json"),
            anonymous.post(f"{API}/unlock", {"pin": "1234"}, content_type="application/json"),
        ]
        for response in calls:
            self.assertEqual(response.status_code, 401, response.request)
            self.assertEqual(response.json()["detail"], "Sign in first.")
        self.assertIsNone(anonymous.get("/api/v1/me").json()["profile"])

    def test_another_accounts_profile_is_404(self):
        stranger = UserFactory(email="stranger@example.com")
        theirs = services.profile_create(stranger, name="Theirs")
        their_main = Profile.objects.get(user=stranger, is_main=True)
        for profile in (theirs, their_main):
            calls = [
                self.patch(f"{API}/{profile.pk}", {"name": "Mine"}),
                self.client.delete(f"{API}/{profile.pk}"),
                self.put(f"{API}/{profile.pk}/pin", {"pin": "1234"}),
                self.client.delete(f"{API}/{profile.pk}/pin"),
                self.post(f"{API}/{profile.pk}/switch"),
            ]
            for response in calls:
                self.assertEqual(response.status_code, 404, response.content)
                self.assertEqual(response.json()["detail"], "No such profile.")
        theirs.refresh_from_db()
        self.assertEqual((theirs.name, theirs.has_pin), ("Theirs", False))
        self.assertEqual(self.active_id(), self.main.pk)

    def test_out_of_range_ids_are_404(self):
        for profile_id in (0, -1, 2**31, 2**63):
            response = self.post(f"{API}/{profile_id}/switch")
            self.assertEqual(response.status_code, 404, profile_id)

    def test_writes_check_csrf(self):
        strict = Client(enforce_csrf_checks=True)
        strict.force_login(self.user)
        response = strict.post(API, {"name": "X"}, content_type="application/json")
        self.assertEqual(response.status_code, 403)
        self.assertIn("reload", response.json()["detail"])
        token = strict.get("/api/v1/me").json()["csrf_token"]
        response = strict.post(
            API, {"name": "X"}, content_type="application/json", headers={"X-CSRFToken": token}
        )
        self.assertEqual(response.status_code, 201)
        # Anonymous writes are 401 before any CSRF talk.
        anonymous = Client(enforce_csrf_checks=True)
        self.assertEqual(
            anonymous.post(API, {"name": "X"}, content_type="application/json").status_code, 401
        )

    def test_the_schema_documents_the_endpoints(self):
        paths = self.client.get("/api/v1/openapi.json").json()["paths"]
        for path in (
            "/api/v1/profiles",
            "/api/v1/profiles/{profile_id}",
            "/api/v1/profiles/{profile_id}/switch",
            "/api/v1/profiles/{profile_id}/pin",
            "/api/v1/profiles/unlock",
        ):
            self.assertIn(path, paths)


class ExportTests(ProfileApiCase):
    def test_the_data_export_never_carries_a_pin_hash(self):
        from mediasite.registry import registry
        from subscriptions.account_services import account_export

        services.pin_set(self.main, "8642")
        with registry.override():
            registry.add_exported_app("engagement")
            rows = account_export(self.user)["related"]["engagement.profile"]
        self.assertEqual([row["name"] for row in rows], ["home"])
        self.assertNotIn("pin_hash", rows[0])


class EdgeTests(ProfileApiCase):
    def test_switch_without_a_body(self):
        sam = self.add("Sam")
        response = self.client.post(f"{API}/{sam.pk}/switch", "", content_type="application/json")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(self.active_id(), sam.pk)

    def test_setting_the_main_pin_keeps_its_setter_unlocked(self):
        self.assertEqual(self.put(f"{API}/{self.main.pk}/pin", {"pin": "8642"}).status_code, 200)
        self.assertEqual(self.post(API, {"name": "Right after"}).status_code, 201)
        other = Client()
        other.force_login(self.user)
        self.assertEqual(self.post(API, {"name": "Elsewhere"}, client=other).status_code, 403)
