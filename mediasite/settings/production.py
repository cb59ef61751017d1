"""Production: secure flags on. Everything else comes from the environment."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import SECRET_KEY, env, env_bool, env_int

if not SECRET_KEY or len(SECRET_KEY) < 50 or SECRET_KEY.startswith("dev-"):
    raise ImproperlyConfigured(
        "SECRET_KEY must be set to a long random value in production "
        "(python -c 'import secrets; print(secrets.token_urlsafe(64))')."
    )

DEBUG = False
DEMO_ACCOUNTS_ENABLED = False
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
# Secure cookies; switch off only to try the production stack over plain http locally.
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", True)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", True)
ACCOUNT_EMAIL_VERIFICATION = env.get("ACCOUNT_EMAIL_VERIFICATION", "mandatory")
# Staff must set up two-factor authentication before using the admin (subscriptions/middleware.py).
MFA_REQUIRED_FOR_STAFF = env_bool("MFA_REQUIRED_FOR_STAFF", True)
# Region-restricted videos need the viewer's country from the CDN; without it they are refused.
REQUIRE_VIEWER_COUNTRY = env_bool("REQUIRE_VIEWER_COUNTRY", True)

# Wagtail's preview panel shows the page in a same-origin iframe, so frames stay
# SAMEORIGIN (base.py) instead of DENY.
SILENCED_SYSTEM_CHECKS = ["security.W019"]

# The development billing provider gives plans away; a live site must opt in explicitly.
BILLING_PROVIDER = env.get("BILLING_PROVIDER", "stripe")
if BILLING_PROVIDER == "dev" and not env_bool("ALLOW_DEV_BILLING", False):
    raise ImproperlyConfigured(
        "BILLING_PROVIDER=dev never charges; set ALLOW_DEV_BILLING=true to use it in production."
    )
