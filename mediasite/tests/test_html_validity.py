"""The Nu HTML Checker (vnu-jar) on the HTML of every public page type and of allauth's
login and sign-up forms (with and without errors): no error, and no attribute naming an id
that is not in the page (``aria-describedby`` and alike)."""

from django.conf import settings
from django.test import TestCase, override_settings

from mediasite.tests.a11y import (
    delete_image_files,
    html_errors,
    missing_references,
    needs_vnu,
    public_catalog,
)
from mediasite.tests.factories import UserFactory

LOCAL_RENDITIONS = {
    **settings.CACHES,
    "renditions": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
}


@needs_vnu
@override_settings(CACHES=LOCAL_RENDITIONS)
class HTMLValidityTests(TestCase):
    def get(self, path: str, expected: int = 200) -> str:
        response = self.client.get(path)
        self.assertEqual(response.status_code, expected, path)
        return response.content.decode()

    def test_every_page_type_is_valid_html(self):
        self.addCleanup(delete_image_files)
        documents = {name: self.get(path) for name, path in public_catalog().items()}
        documents["not found"] = self.get("/no-such-page/", 404)
        documents["log in"] = self.get("/accounts/login/")
        documents["sign up"] = self.get("/accounts/signup/")
        documents["sign up, refused"] = self.client.post(
            "/accounts/signup/", {"email": "nope", "password1": "a", "password2": "b"}
        ).content.decode()
        self.client.force_login(UserFactory(email="viewer@example.com"))
        documents["account"] = self.get("/account/")
        documents["plans"] = self.get("/account/plans/")

        errors = html_errors(documents)
        for name, html in documents.items():
            errors[name] += missing_references(html)
        problems = [f"{name}: {error}" for name, found in errors.items() for error in found]
        self.assertEqual(problems, [], "\n".join(problems))
