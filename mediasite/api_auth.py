"""Session auth with CSRF for the API's writes (django-ninja's cookie auth, our messages).

django-ninja checks CSRF only for cookie-based auth, so write endpoints name
``auth=session_write``: an anonymous visitor gets 401 ("Sign in first.") before any CSRF
talk, a signed-in one without the ``X-CSRFToken`` header (``csrf_token`` of
``/api/v1/me``) gets 403. Django's test client skips the CSRF check unless asked.
"""

from __future__ import annotations

from django.conf import settings
from django.utils.translation import gettext as _

from ninja.errors import HttpError
from ninja.security import APIKeyCookie
from ninja.utils import check_csrf


class SessionWrite(APIKeyCookie):
    param_name = settings.SESSION_COOKIE_NAME

    def _get_key(self, request):
        return request.COOKIES.get(self.param_name)

    def authenticate(self, request, key):
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            raise HttpError(401, _("Sign in first."))
        if not getattr(request, "_ninja_csrf_exempt", False) and check_csrf(request):
            raise HttpError(
                403, _("The security token is missing or stale: reload the page and try again.")
            )
        return user


session_write = SessionWrite(csrf=False)  # the check is in authenticate, after sign-in
