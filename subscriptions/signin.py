"""One sign-in for everyone: Wagtail's own auth routes hand over to django-allauth.

Wagtail ships a password-only login at ``/admin/login/`` and ``/_util/login/`` and its own
password reset at ``/admin/password_reset/``; none of them knows allauth's MFA step or its
rate limits. mediasite/urls.py mounts these patterns ahead of Wagtail's, so the old paths
lead to allauth's views: login (with ``next``), password reset, and logout. Settings point
Wagtail's redirects at allauth too (``WAGTAILADMIN_LOGIN_URL``, ``WAGTAIL_FRONTEND_LOGIN_URL``).
"""

from urllib.parse import urlencode

from django.urls import path, re_path, reverse
from django.views.generic import RedirectView

from allauth.account.views import LogoutView


class LoginHandoverView(RedirectView):
    """Redirects (GET or POST, the password is never read) to allauth's login with ``next``."""

    permanent = False
    # Where the replaced login led when it was given no ``next``.
    default_next_name = None

    def get_redirect_url(self, *args, **kwargs):
        url = reverse("account_login")
        next_url = self.request.GET.get("next") or (
            reverse(self.default_next_name) if self.default_next_name else ""
        )
        # allauth checks that ``next`` is on this site before following it.
        return f"{url}?{urlencode({'next': next_url})}" if next_url else url


handover_urlpatterns = [
    path(
        "admin/login/",
        LoginHandoverView.as_view(default_next_name="wagtailadmin_home"),
        name="signin_admin_login",
    ),
    # Signing out of the admin ends the session through allauth (its signal, its message).
    path("admin/logout/", LogoutView.as_view(), name="signin_admin_logout"),
    re_path(
        r"^admin/password_reset/",
        RedirectView.as_view(pattern_name="account_reset_password", permanent=False),
        name="signin_admin_password_reset",
    ),
    # Wagtail's login for pages restricted to signed-in users.
    path("_util/login/", LoginHandoverView.as_view(), name="signin_frontend_login"),
]
