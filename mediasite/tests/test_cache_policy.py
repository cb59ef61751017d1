"""mediasite.cache.public_cache never shares a response that depends on the visitor."""

from django.contrib.sessions.middleware import SessionMiddleware
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.test import RequestFactory, SimpleTestCase, TestCase
from django.utils.cache import patch_vary_headers

from mediasite.cache import public_cache


def _request():
    request = RequestFactory().get("/somewhere/")
    SessionMiddleware(lambda r: HttpResponse()).process_request(request)
    return request


def plain(request):
    return HttpResponse("same for all")


def reads_the_session(request):
    return HttpResponse(f"hello {request.session.get('name', 'you')}")


def sets_a_cookie(request):
    response = HttpResponse("hi")
    response.set_cookie("seen", "1")
    return response


def varies_on_cookie(request):
    response = HttpResponse("hi")
    patch_vary_headers(response, ["Cookie"])
    return response


def uses_the_csrf_token(request):
    return HttpResponse(get_token(request))


def chose_public_itself(request):
    response = HttpResponse(request.session.get("name", ""))
    response["Cache-Control"] = "public, max-age=600"
    return response


class PublicCacheGuardTests(SimpleTestCase):
    def test_a_response_alike_for_everybody_is_public(self):
        response = public_cache(plain)(_request())
        self.assertIn("public", response["Cache-Control"])
        self.assertIn("s-maxage", response["Cache-Control"])

    def test_per_visitor_responses_are_never_public(self):
        for view in (reads_the_session, sets_a_cookie, varies_on_cookie, uses_the_csrf_token):
            with self.subTest(view=view.__name__):
                with self.assertLogs("mediasite.cache", "WARNING"):
                    response = public_cache(view)(_request())
                cache_control = response["Cache-Control"]
                self.assertNotIn("public", cache_control)
                self.assertIn("private", cache_control)
                self.assertIn("no-store", cache_control)

    def test_a_view_cannot_mark_a_per_visitor_response_public(self):
        with self.assertLogs("mediasite.cache", "WARNING"):
            response = public_cache(chose_public_itself)(_request())
        self.assertEqual(sorted(response["Cache-Control"].split(", ")), ["no-store", "private"])


class PasswordProtectedPageTests(TestCase):
    """A password-restricted page shows a form with a CSRF token: never shared."""

    def test_the_password_form_is_private(self):
        from wagtail.models import PageViewRestriction

        from catalog.tests import factories

        show = factories.publish(factories.ShowPageFactory(title="Secret"))
        PageViewRestriction.objects.create(
            page=show, restriction_type=PageViewRestriction.PASSWORD, password="x"
        )
        response = self.client.get(show.url)
        self.assertEqual(response.status_code, 200)
        self.assertNotIn("public", response["Cache-Control"])
        self.assertIn("private", response["Cache-Control"])
