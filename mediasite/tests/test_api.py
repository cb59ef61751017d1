from django.test import TestCase

from mediasite.tests.factories import UserFactory


class MeEndpointTests(TestCase):
    def test_anonymous(self):
        response = self.client.get("/api/v1/me")
        self.assertEqual(response.status_code, 200)
        body = response.json()
        self.assertFalse(body["authenticated"])
        self.assertIsNone(body["username"])
        self.assertFalse(body["is_staff"])
        self.assertTrue(body["csrf_token"])

    def test_signed_in_viewer_is_not_an_editor(self):
        self.client.force_login(UserFactory(email="ada@example.com", display_name="Ada"))
        body = self.client.get("/api/v1/me").json()
        self.assertEqual(body["username"], "Ada")
        self.assertTrue(body["authenticated"])
        self.assertFalse(body["is_staff"])
        self.assertIsNone(body["admin_url"])

    def test_editor_gets_the_admin_link(self):
        self.client.force_login(UserFactory(is_staff=True, is_superuser=True))
        body = self.client.get("/api/v1/me").json()
        self.assertTrue(body["is_staff"])
        self.assertEqual(body["admin_url"], "/admin/")

    def test_openapi_schema_is_published(self):
        response = self.client.get("/api/v1/openapi.json")
        self.assertEqual(response.status_code, 200)
        self.assertIn("/api/v1/me", response.json()["paths"])


class MePlanTests(TestCase):
    def test_me_reports_the_plan_slug(self):
        from subscriptions.models import Plan, Subscription

        user = UserFactory(email="sub@example.com")
        plan = Plan.objects.create(name="Basic", slug="basic", tier=1, price="5.00", currency="EUR")
        Subscription.objects.create(user=user, plan=plan, status="active", provider="dev")
        self.client.force_login(user)
        self.assertEqual(self.client.get("/api/v1/me").json()["plan"], "basic")

    def test_me_reports_no_plan_once_it_has_ended(self):
        from subscriptions.models import Plan, Subscription

        user = UserFactory(email="lapsed@example.com")
        plan = Plan.objects.create(name="Basic", slug="basic", tier=1, price="5.00", currency="EUR")
        Subscription.objects.create(user=user, plan=plan, status="expired", provider="dev")
        self.client.force_login(user)
        self.assertIsNone(self.client.get("/api/v1/me").json()["plan"])


class ValidationMessageTests(TestCase):
    """Input that does not fit an endpoint's schema is a 422 with one readable sentence."""

    def test_a_body_of_the_wrong_shape_is_a_422_sentence_naming_the_field(self):
        self.client.force_login(UserFactory())
        response = self.client.post(
            "/api/v1/watchlist", {"page_id": "abc"}, content_type="application/json"
        )
        self.assertEqual(response.status_code, 422)
        detail = response.json()["detail"]
        self.assertIsInstance(detail, str)
        self.assertIn("page_id", detail)

    def test_a_missing_body_is_a_422_sentence(self):
        self.client.force_login(UserFactory())
        response = self.client.post("/api/v1/watchlist", content_type="application/json")
        self.assertEqual(response.status_code, 422)
        self.assertIsInstance(response.json()["detail"], str)
