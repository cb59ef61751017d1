"""Staff must use two-factor authentication where ``MFA_REQUIRED_FOR_STAFF`` is on.

A signed-in staff member without an authenticator is redirected to the TOTP setup
page for every request except the MFA pages themselves, sign-out and static files.
Production turns the setting on (mediasite/settings/production.py).
"""

from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse

from allauth.mfa.utils import is_mfa_enabled

EXEMPT_PREFIXES = ("/accounts/", "/static/", "/media/", "/healthz")


class StaffMFARequiredMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if getattr(settings, "MFA_REQUIRED_FOR_STAFF", False) and self._must_set_up(request):
            return redirect(reverse("mfa_activate_totp"))
        return self.get_response(request)

    @staticmethod
    def _must_set_up(request) -> bool:
        # Public pages never touch request.user (no session read, so no Vary: Cookie):
        # only the admin and the account area are checked. The JSON API keeps its
        # own 401/403 answers instead of a redirect.
        path = request.path_info
        if path.startswith(EXEMPT_PREFIXES) or not path.startswith(("/admin/", "/account/")):
            return False
        user = getattr(request, "user", None)
        return bool(user and user.is_authenticated and user.is_staff and not is_mfa_enabled(user))
