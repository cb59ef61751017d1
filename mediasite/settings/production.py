"""Production: secure flags on. Everything else comes from the environment."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import SECRET_KEY, env, env_bool, env_int, env_list

if not SECRET_KEY or len(SECRET_KEY) < 50 or SECRET_KEY.startswith("dev-"):
    raise ImproperlyConfigured(
        "SECRET_KEY must be set to a long random value in production "
        "(python -c 'import secrets; print(secrets.token_urlsafe(64))')."
    )

DEBUG = False
DEMO_ACCOUNTS_ENABLED = False

# Host names only: no wildcard, and a Host header may name no port but those listed in
# ALLOWED_HOST_PORTS (e.g. "8080" for a stack served on :8080; default none).
if not ALLOWED_HOSTS or any("*" in host or host.startswith(".") for host in ALLOWED_HOSTS):  # noqa: F405
    raise ImproperlyConfigured(
        "ALLOWED_HOSTS must list the site's host names, without wildcards ('*', '.example.com')."
    )
ALLOWED_HOST_PORTS = env_list("ALLOWED_HOST_PORTS")

# The scheme comes from gunicorn (wsgi.url_scheme), which believes X-Forwarded-Proto only
# from the proxies in FORWARDED_ALLOW_IPS (deploy/gunicorn.conf.py). Django's
# SECURE_PROXY_SSL_HEADER would believe the header from anybody who reaches the app.
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
