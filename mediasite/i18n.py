"""The language of a request comes from its URL, and from nothing else.

Public pages are cached at the edge for everybody (docs/caching.md), so the language
they are rendered in must be a function of the address alone: ``/fr/…`` is French,
``/es/…`` Spanish, an unprefixed address English (``i18n_patterns`` with
``prefix_default_language=False`` in mediasite/urls.py). Django's ``LocaleMiddleware``
already ignores the ``django_language`` cookie and ``Accept-Language`` for the language
it activates in that set-up, but it still reads both and adds ``Vary: Accept-Language``
to every unprefixed response, which would split the edge cache per browser language for
nothing. See docs/localisation.md ("Languages and addresses").
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.middleware.locale import LocaleMiddleware
from django.utils import translation
from django.utils.cache import patch_vary_headers

from subscriptions.languages import supported_language, user_language


class URLLocaleMiddleware(LocaleMiddleware):
    """Activate the language of the URL prefix (default: ``LANGUAGE_CODE``); never redirect.

    No ``Vary`` is added: the response does not depend on any request header or cookie.
    ``Content-Language`` names the language the response was rendered in.
    """

    def process_request(self, request):
        language = translation.get_language_from_path(request.path_info)
        translation.activate(language or settings.LANGUAGE_CODE)
        request.LANGUAGE_CODE = translation.get_language()

    def process_response(self, request, response):
        response.headers.setdefault("Content-Language", translation.get_language())
        return response


class AccountLanguageMiddleware:
    """On private, unprefixed pages (``/account/``, ``/accounts/``, ``/api/v1/``): the
    signed-in person's ``User.language``; for anybody else the language of the page they
    came from (``?next=/fr/…``), else the browser's (cookie, ``Accept-Language``).

    Only views wrapped by ``mediasite.cache.private`` are touched: those responses are
    ``private, no-store``, so reading the person or the headers splits no shared cache.
    Public pages keep the language of their URL. After AuthenticationMiddleware.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if getattr(request, "_language_from_visitor", False):
            patch_vary_headers(response, ["Accept-Language"])
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not getattr(view_func, "is_private", False):
            return None
        if translation.get_language_from_path(request.path_info):
            return None  # a prefixed private page keeps its prefix's language
        language = visitor_language(request)
        translation.activate(language)
        request.LANGUAGE_CODE = language
        request._language_from_visitor = True
        return None


FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


def visitor_language(request) -> str:
    """The language of a private page for this request (see AccountLanguageMiddleware)."""
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return user_language(user)
    # Forms post ``next`` back (sign-up, sign-in); other bodies are left for their views.
    form = request.method == "POST" and request.content_type in FORM_TYPES
    following = request.POST.get("next") if form else None
    following = following or request.GET.get("next") or ""
    from_next = translation.get_language_from_path(urlsplit(following).path or "/")
    return supported_language(from_next) or translation.get_language_from_request(
        request, check_path=False
    )
