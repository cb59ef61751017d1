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

from django.conf import settings
from django.middleware.locale import LocaleMiddleware
from django.utils import translation


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
