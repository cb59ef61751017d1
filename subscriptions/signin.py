"""One sign-in for everyone: Wagtail's own auth routes hand over to django-allauth.

Wagtail ships a password-only login at ``/admin/login/`` and ``/_util/login/`` and its own
password reset at ``/admin/password_reset/``; none of them knows allauth's MFA step or its
rate limits. mediasite/urls.py mounts these patterns ahead of Wagtail's, so the old paths
lead to allauth's views: login (with ``next``), password reset, and logout. Settings point
Wagtail's redirects at allauth too (``WAGTAILADMIN_LOGIN_URL``, ``WAGTAIL_FRONTEND_LOGIN_URL``).
The shared passwords of restricted pages and document collections stay Wagtail's, under
allauth's rate limit (``ACCOUNT_RATE_LIMITS["view_restriction_password"]``).
"""

from functools import wraps
from urllib.parse import urlencode

from django.urls import path, re_path, reverse
from django.views.generic import RedirectView

from wagtail import views as wagtail_views
from wagtail.documents.views import serve as document_views

from allauth.account.views import LogoutView
from allauth.core import ratelimit

RESTRICTION_RATE_LIMIT_ACTION = "view_restriction_password"


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


def password_rate_limited(view, restriction_kwarg):
    """Wraps a Wagtail view-restriction password view: failed tries count, over the limit is 429."""

    @wraps(view)
    def limited(request, *args, **kwargs):
        if request.method != "POST":
            return view(request, *args, **kwargs)
        key = f"{view.__module__}:{kwargs[restriction_kwarg]}"
        refused = ratelimit.consume_or_429(
            request, action=RESTRICTION_RATE_LIMIT_ACTION, key=key, dry_run=True
        )
        if refused:
            return refused
        response = view(request, *args, **kwargs)
        if response.status_code != 302:  # a wrong password renders the form again
            ratelimit.consume(request, action=RESTRICTION_RATE_LIMIT_ACTION, key=key)
        return response

    return limited


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
    path(
        "_util/authenticate_with_password/<int:page_view_restriction_id>/<int:page_id>/",
        password_rate_limited(wagtail_views.authenticate_with_password, "page_view_restriction_id"),
        name="signin_page_password",
    ),
    path(
        "documents/authenticate_with_password/<int:restriction_id>/",
        password_rate_limited(document_views.authenticate_with_password, "restriction_id"),
        name="signin_document_password",
    ),
]
