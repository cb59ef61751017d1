from unittest import mock

from django.db.utils import OperationalError
from django.test import TestCase


class HealthzTests(TestCase):
    def test_reports_each_dependency(self):
        response = self.client.get("/healthz")
        self.assertEqual(response.status_code, 200)
        body = response.json()
        self.assertEqual(body["status"], "ok")
        self.assertEqual(body["checks"]["database"]["status"], "ok")
        self.assertEqual(body["checks"]["cache"]["status"], "ok")
        self.assertIn("broker", body["checks"])
        self.assertIn("no-cache", response["Cache-Control"])

    def test_database_failure_is_a_503_with_the_reason(self):
        with mock.patch(
            "mediasite.health._database", side_effect=OperationalError("connection refused")
        ):
            response = self.client.get("/healthz")
        self.assertEqual(response.status_code, 503)
        self.assertEqual(response.json()["checks"]["database"]["detail"], "connection refused")
