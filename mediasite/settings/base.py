"""Settings shared by every environment.

Everything that differs between the embedded default (``make run``), the test
suite and production is read from environment variables here, with defaults
that need no service at all. See README.md ("Configuration") for the list.
"""

import os
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

import dj_database_url
from celery.schedules import crontab

env = os.environ.copy()

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent


def env_bool(name: str, default: bool = False) -> bool:
    value = env.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in env.get(name, default).split(",") if item.strip()]


def env_log_level(name: str, default: str = "INFO") -> str:
    """A logging level name in any case (gunicorn takes ``warning``, Python wants ``WARNING``)."""
    value = (env.get(name) or default).strip().upper()
    if value not in {"CRITICAL", "ERROR", "WARNING", "INFO", "DEBUG"}:
        raise ImproperlyConfigured(
            f"{name} must be one of debug, info, warning, error, critical (any case), "
            f"not {env.get(name)!r}"
        )
    return value


def env_int(name: str, default: int) -> int:
    try:
        return int(env.get(name, default))
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} must be a whole number") from exc


DEBUG = env_bool("DEBUG", False)
SECRET_KEY = env.get("SECRET_KEY", "")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
# Ports a Host header may name (mediasite/middleware.py); None accepts any, which only
# the embedded default and the tests do: production reads ALLOWED_HOST_PORTS.
ALLOWED_HOST_PORTS = None

# Public base URL, used for canonical links, sitemaps and e-mails.
BASE_URL = env.get("BASE_URL", "http://127.0.0.1:8000").rstrip("/")
WAGTAILADMIN_BASE_URL = BASE_URL

INSTALLED_APPS = [
    "home",
    "catalog",
    "engagement",
    "subscriptions",
    "search",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.frontend_cache",
    "wagtail.contrib.search_promotions",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail.api.v2",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django_countries",
    "rest_framework",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.socialaccount",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    # PostgreSQL search lookups and the pg_trgm/unaccent operations (search/migrations).
    "django.contrib.postgres",
    "csp",
    # django-ninja's own copies of the Swagger UI assets (served as static files)
    # instead of its CDN template.
    "ninja",
]

MIDDLEWARE = [
    "mediasite.middleware.HostPortMiddleware",
    # Sends the surrogate keys of what a public response shows (catalog/surrogate_keys.py).
    "catalog.surrogate_keys.SurrogateKeyMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "mediasite.middleware.RejectNulBytesMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # The language comes from the URL prefix (i18n_patterns) only; unprefixed is English.
    "mediasite.i18n.URLLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Private, unprefixed pages (account, sign-in, API) speak the person's language.
    "mediasite.i18n.AccountLanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "subscriptions.middleware.StaffMFARequiredMiddleware",
    # Admin areas and their choosers follow their listings' permissions (mediasite/admin_access.py).
    "mediasite.admin_access.AdminAreaPermissionMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "mediasite.urls"
WSGI_APPLICATION = "mediasite.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            # Public templates must not read the user, the session or CSRF: the
            # "auth" and "messages" context processors are lazy, so they only
            # touch the session where a private template uses them.
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "mediasite.context_processors.site_meta",
            ],
        },
    },
]

# Database: SQLite file by default, PostgreSQL (or anything else) by DATABASE_URL.
# https://docs.djangoproject.com/en/5.2/ref/settings/#databases
DATABASES = {
    "default": dj_database_url.parse(
        env.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=env_int("DB_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "subscriptions.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# django-allauth: e-mail is the login; no username.
# https://docs.allauth.org/en/latest/account/configuration.html
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = env.get("ACCOUNT_EMAIL_VERIFICATION", "optional")
ACCOUNT_PREVENT_ENUMERATION = True
# Links and the site name in allauth's e-mails come from BASE_URL and SITE_NAME, never
# from the request's Host; sign-up and added addresses refuse look-alike (mixed-script)
# and address-literal e-mails (subscriptions/adapter.py).
ACCOUNT_ADAPTER = "subscriptions.adapter.AccountAdapter"
ACCOUNT_LOGIN_BY_CODE_ENABLED = True
# allauth's defaults for the other actions (signup, password reset, confirm e-mail…)
# stay on; failed logins are limited per IP and per e-mail address, and every other form
# that takes the password of a signed-in user (reauthentication, password change, account
# deletion) refuses the 6th try within 5 minutes.
ACCOUNT_RATE_LIMITS = {
    "login_failed": "10/m/ip,5/5m/key",
    "reauthenticate": "5/5m/user",
    "change_password": "5/5m/user",
    # Shared passwords of restricted pages and document collections (subscriptions/signin.py).
    "view_restriction_password": "10/m/ip,5/5m/key",
    # Wrong household-profile PINs (engagement/services/profiles.py): per profile, per account.
    "profile_pin": "5/5m/key,10/5m/user",
    # Writing and editing reviews (engagement/api/reviews.py), per account.
    "review_write": "10/10m/user,30/d/user",
    # Reports (POST /api/v1/reports, engagement/services/moderation/reports.py).
    "moderation_report": "20/h/user",
}
# How long a correct main-profile PIN unlocks profile management in a session.
PROFILE_MANAGE_UNLOCK_SECONDS = 5 * 60
LOGIN_REDIRECT_URL = "/"
ACCOUNT_LOGOUT_REDIRECT_URL = "/"

# Two-factor authentication: TOTP apps and recovery codes.
# https://docs.allauth.org/en/latest/mfa/configuration.html
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = env.get("SITE_NAME", "mediasite")
# Staff without MFA are sent to set it up (subscriptions/middleware.py); on in production.
MFA_REQUIRED_FOR_STAFF = env_bool("MFA_REQUIRED_FOR_STAFF", False)

# Social sign-in: none by default. SOCIAL_PROVIDERS="google,github" adds
# allauth.socialaccount.providers.<name> for each; their client ids and secrets are
# configured as SocialApp rows in the admin (or SOCIALACCOUNT_PROVIDERS in local settings).
SOCIAL_PROVIDERS = env_list("SOCIAL_PROVIDERS")
for _provider in SOCIAL_PROVIDERS:
    if not _provider.isidentifier():
        raise ImproperlyConfigured(f"SOCIAL_PROVIDERS: {_provider!r} is not a provider name")
INSTALLED_APPS += [f"allauth.socialaccount.providers.{name}" for name in SOCIAL_PROVIDERS]
SOCIALACCOUNT_EMAIL_AUTHENTICATION = False
LOGIN_URL = "/accounts/login/"
# One sign-in for everyone (subscriptions/signin.py): Wagtail's admin and its login-restricted
# pages send people to allauth's login (MFA step, rate limits); passwords and e-mail
# addresses are managed in /accounts/, not in Wagtail's account settings.
# https://docs.wagtail.org/en/stable/reference/settings.html#wagtailadmin-login-url
WAGTAILADMIN_LOGIN_URL = LOGIN_URL
WAGTAIL_FRONTEND_LOGIN_URL = LOGIN_URL
WAGTAIL_PASSWORD_MANAGEMENT_ENABLED = False
WAGTAIL_PASSWORD_RESET_ENABLED = False
WAGTAIL_EMAIL_MANAGEMENT_ENABLED = False

# Internationalisation (docs/localisation.md): English (the default, unprefixed URLs),
# French and Spanish, for content (Wagtail locales) and the interface (gettext catalogs in
# locale/). MEDIASITE_LANGUAGES narrows the list, e.g. "en,fr"; the default stays first.
_LANGUAGE_NAMES = {"en": "English", "fr": "Français", "es": "Español"}
LANGUAGE_CODE = "en"
LANGUAGES = [
    (code, _LANGUAGE_NAMES[code])
    for code in env_list("MEDIASITE_LANGUAGES", "en,fr,es")
    if code in _LANGUAGE_NAMES
]
if not LANGUAGES or LANGUAGES[0][0] != LANGUAGE_CODE:
    raise ImproperlyConfigured("MEDIASITE_LANGUAGES must start with 'en' (the default language)")
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = env.get("TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

# Static and media files.
STATIC_URL = "/static/"
STATIC_ROOT = Path(env.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
MEDIA_URL = env.get("MEDIA_URL", "/media/")
MEDIA_ROOT = Path(env.get("MEDIA_ROOT", BASE_DIR / "media"))

# Object storage: local files unless an S3 bucket is configured.
# https://django-storages.readthedocs.io/en/latest/backends/amazon-S3.html
AWS_STORAGE_BUCKET_NAME = env.get("AWS_STORAGE_BUCKET_NAME", "")
AWS_S3_ENDPOINT_URL = env.get("AWS_S3_ENDPOINT_URL") or None
AWS_S3_REGION_NAME = env.get("AWS_S3_REGION_NAME", "us-east-1")
AWS_ACCESS_KEY_ID = env.get("AWS_ACCESS_KEY_ID", "")
AWS_SECRET_ACCESS_KEY = env.get("AWS_SECRET_ACCESS_KEY", "")
AWS_S3_CUSTOM_DOMAIN = env.get("AWS_S3_CUSTOM_DOMAIN") or None
AWS_S3_ADDRESSING_STYLE = "path"
AWS_S3_FILE_OVERWRITE = False
AWS_DEFAULT_ACL = None
AWS_QUERYSTRING_AUTH = env_bool("AWS_QUERYSTRING_AUTH", False)

if AWS_STORAGE_BUCKET_NAME:
    DEFAULT_STORAGE = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {"location": "public"},
    }
else:
    DEFAULT_STORAGE = {"BACKEND": "django.core.files.storage.FileSystemStorage"}

# Private media (video sources, HLS, subtitles): never under MEDIA_URL, never public.
MEDIA_PRIVATE_BUCKET = env.get("MEDIA_PRIVATE_BUCKET", "")
PRIVATE_MEDIA_ROOT = Path(env.get("PRIVATE_MEDIA_ROOT", BASE_DIR / "var" / "private-media"))
if MEDIA_PRIVATE_BUCKET:
    PRIVATE_STORAGE = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": MEDIA_PRIVATE_BUCKET,
            "querystring_auth": True,
            "querystring_expire": env_int("PLAYBACK_URL_TTL", 600),
            "default_acl": "private",
            "custom_domain": None,
            "file_overwrite": True,
        },
    }
else:
    PRIVATE_STORAGE = {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": PRIVATE_MEDIA_ROOT, "base_url": None},
    }

STORAGES = {
    "default": DEFAULT_STORAGE,
    "private": PRIVATE_STORAGE,
    "staticfiles": {
        "BACKEND": "mediasite.storage.StaticFilesStorage",
    },
}

# Cache: local memory by default, Redis when REDIS_URL is set. A Redis outage
# degrades to cache misses (IGNORE_EXCEPTIONS), never to errors.
REDIS_URL = env.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env.get("CACHE_KEY_PREFIX", "mediasite"),
            "TIMEOUT": 600,
            "OPTIONS": {
                "IGNORE_EXCEPTIONS": True,
                "SOCKET_CONNECT_TIMEOUT": 1,
                "SOCKET_TIMEOUT": 1,
            },
        }
    }
    DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "mediasite",
        }
    }

SESSION_ENGINE = "django.contrib.sessions.backends.db"

# Celery: eager (in-process) unless a broker is configured.
# https://docs.celeryq.dev/en/stable/userguide/configuration.html
CELERY_BROKER_URL = env.get("CELERY_BROKER_URL", REDIS_URL or "memory://")
CELERY_RESULT_BACKEND = None
CELERY_TASK_ALWAYS_EAGER = env_bool("CELERY_TASK_ALWAYS_EAGER", not REDIS_URL)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
# With acks_late, Redis re-delivers a task not acknowledged within the visibility timeout
# (default 1 h) to another worker: it must outlast the longest transcode.
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": env_int("VIDEO_TASK_TIME_LIMIT", 3 * 3600) + 900,
}
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULE = {
    "publish-scheduled": {
        "task": "catalog.tasks.publish_scheduled",
        "schedule": 60.0,
    },
    # Video processing whose worker died (heartbeat older than VIDEO_STUCK_AFTER_SECONDS).
    "recover-stuck-video-assets": {
        "task": "catalog.tasks.recover_stuck_video_assets",
        "schedule": 300.0,
    },
    # Subscriptions past their period (and grace) expire; development ones renew.
    "expire-subscriptions": {
        "task": "subscriptions.tasks.expire_subscriptions",
        "schedule": 600.0,
    },
    # Trial-ending, payment-failed and ended e-mails (each sent once).
    "send-subscription-notices": {
        "task": "subscriptions.tasks.send_subscription_notices",
        "schedule": 900.0,
    },
    # New-episode alerts for episodes whose available_from (or publication) just passed,
    # looking back EPISODE_ALERT_LOOKBACK_HOURS (docs/engagement.md).
    "send-due-episode-alerts": {
        "task": "engagement.tasks.send_due_episode_alerts",
        "schedule": 600.0,
    },
    # The daily digest of new-episode alerts (07:00 in TIME_ZONE).
    "send-alert-digests": {
        "task": "engagement.tasks.send_alert_digests",
        "schedule": crontab(hour=7, minute=0),
    },
    # The search terms report keeps 30 days of daily hits (search/tasks.py).
    "search-clean-old-hits": {
        "task": "search.tasks.clean_old_search_hits",
        "schedule": 24 * 3600.0,
    },
}

# Wagtail's own background tasks (django-tasks: search and reference index updates): handed
# to the Celery workers after the transaction commits; in-process where Celery is eager
# (search/task_backend.py, docs/search.md).
TASKS = {"default": {"BACKEND": "search.task_backend.CeleryTaskBackend"}}

# Translating in the admin (docs/localisation.md, "Translating in the admin").
# wagtail-localize's jobs (subtree submissions, locale syncs) go to Celery after the commit.
WAGTAILLOCALIZE_JOBS = {"BACKEND": "catalog.translation.jobs.CeleryJobBackend"}
# A submitted page's translation starts as a draft (the source's words until translated),
# published from the translation editor; wagtail-localize would publish it at once.
WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False
# Deleting a source page stops its translations (they stay, edited by hand) instead of
# erasing the record, so the admin can say why (catalog/translation/views.py).
WAGTAILLOCALIZE_DISABLE_ON_DELETE = True
# The machine translator: MACHINE_TRANSLATOR=dummy (default: reverses words, for dev and
# tests), deepl, google, libretranslate, or none; always behind the guard in
# catalog/translation/machine.py (MACHINE_TRANSLATOR_TIMEOUT seconds, readable failures).
_MACHINE_TRANSLATORS = {
    "dummy": ("wagtail_localize.machine_translators.dummy.DummyTranslator", {}),
    "deepl": (
        "wagtail_localize.machine_translators.deepl.DeepLTranslator",
        {"AUTH_KEY": env.get("DEEPL_AUTH_KEY", ""), "FORMALITY": env.get("DEEPL_FORMALITY")},
    ),
    "google": (
        "wagtail_localize.machine_translators.google.GoogleCloudTranslator",
        {
            "PROJECT_ID": env.get("GOOGLE_CLOUD_PROJECT", ""),
            "LOCATION": env.get("GOOGLE_CLOUD_LOCATION", "global"),
            "CREDENTIALS_PATH": env.get("GOOGLE_APPLICATION_CREDENTIALS"),
        },
    ),
    "libretranslate": (
        "wagtail_localize.machine_translators.libretranslate.LibreTranslator",
        {
            "LIBRETRANSLATE_URL": env.get("LIBRETRANSLATE_URL", "").rstrip("/"),
            "API_KEY": env.get("LIBRETRANSLATE_API_KEY", ""),
        },
    ),
}
MACHINE_TRANSLATOR = env.get("MACHINE_TRANSLATOR", "dummy").strip().lower()
if MACHINE_TRANSLATOR not in (*_MACHINE_TRANSLATORS, "none"):
    raise ImproperlyConfigured(
        f"MACHINE_TRANSLATOR must be one of {', '.join(_MACHINE_TRANSLATORS)} or none"
    )
_MACHINE_TRANSLATOR_NEEDS = {
    "deepl": "DEEPL_AUTH_KEY",
    "google": "GOOGLE_CLOUD_PROJECT",
    "libretranslate": "LIBRETRANSLATE_URL",
}
if MACHINE_TRANSLATOR in _MACHINE_TRANSLATOR_NEEDS and not env.get(
    _MACHINE_TRANSLATOR_NEEDS[MACHINE_TRANSLATOR]
):
    raise ImproperlyConfigured(
        f"MACHINE_TRANSLATOR={MACHINE_TRANSLATOR} needs "
        f"{_MACHINE_TRANSLATOR_NEEDS[MACHINE_TRANSLATOR]}"
    )
if MACHINE_TRANSLATOR == "none":
    WAGTAILLOCALIZE_MACHINE_TRANSLATOR = None
else:
    _translator, _options = _MACHINE_TRANSLATORS[MACHINE_TRANSLATOR]
    _timeout = env_int("MACHINE_TRANSLATOR_TIMEOUT", 20)
    WAGTAILLOCALIZE_MACHINE_TRANSLATOR = {
        "CLASS": "catalog.translation.machine.GuardedTranslator",
        "OPTIONS": {
            "TRANSLATOR": _translator,
            # The backend's own HTTP timeout, and the guard's bound on the whole call.
            "TIMEOUT": _timeout,
            **{key: value for key, value in _options.items() if value is not None},
        },
    }

# E-mail: console by default, SMTP when EMAIL_HOST is set.
EMAIL_HOST = env.get("EMAIL_HOST", "")
if EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_PORT = env_int("EMAIL_PORT", 587)
    EMAIL_HOST_USER = env.get("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = env.get("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = env.get("DEFAULT_FROM_EMAIL", "mediasite <noreply@example.com>")

# Wagtail.
WAGTAIL_SITE_NAME = env.get("SITE_NAME", "mediasite")
# Search (docs/search.md): on PostgreSQL, Wagtail's database backend with one text search
# configuration per language (search/backend.py); SQLite's FTS5 backend in the embedded
# default. Elasticsearch/OpenSearch stay possible by configuration (see docs/search.md).
if DATABASES["default"]["ENGINE"].endswith("postgresql"):
    WAGTAILSEARCH_BACKENDS = {
        "default": {
            "BACKEND": "search.backend",
            "SEARCH_CONFIG": "english",
            "FUZZY_SIMILARITY_THRESHOLD": 0.3,
        }
    }
else:
    WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILIMAGES_IMAGE_MODEL = "wagtailimages.Image"
WAGTAILIMAGES_MAX_UPLOAD_SIZE = env_int("IMAGE_MAX_UPLOAD_MB", 20) * 1024 * 1024
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "rtf", "txt", "xlsx"]
WAGTAIL_ENABLE_UPDATE_CHECK = False
# No third-party avatars in the admin (privacy, and the admin's CSP loads images from here).
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ALLOW_UNICODE_SLUGS = False
WAGTAILEMBEDS_RESPONSIVE_HTML = True
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# Frontend cache purging: an HTTP PURGE backend (Varnish) when FRONTEND_CACHE_URL
# is set; CloudFront/Cloudflare are configured the same way in production.
# https://docs.wagtail.org/en/stable/reference/contrib/frontendcache.html
WAGTAILFRONTENDCACHE = {}
if env.get("FRONTEND_CACHE_URL"):
    WAGTAILFRONTENDCACHE["varnish"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
        "LOCATION": env["FRONTEND_CACHE_URL"],
    }
# Every translation is a page of its own with its own /fr/… address, which Wagtail purges
# as it is. Left unset, Wagtail would rewrite each purged /fr/… URL to /es/… and /en/… as
# well (the default is WAGTAIL_CONTENT_LANGUAGES) and purge other languages' pages.
WAGTAILFRONTENDCACHE_LANGUAGES = []

# Surrogate keys (docs/caching.md): the header public responses carry them in, "xkey"
# (Varnish's xkey vmod), "Surrogate-Key" (Fastly) or "Cache-Tag" (Cloudflare), and its
# length bound (Varnish's http_resp_hdr_len is 8 KiB; Fastly and Cloudflare take 16 KiB).
EDGE_KEYS_HEADER = env.get("EDGE_KEYS_HEADER", "xkey")
EDGE_KEYS_MAX_BYTES = env_int("EDGE_KEYS_MAX_BYTES", 4000)
# Where key purges go (catalog/clients/edge.py), each configured from the environment:
# Varnish by EDGE_XKEY_PURGE_URL (default FRONTEND_CACHE_URL), Fastly by FASTLY_SERVICE_ID
# and FASTLY_API_TOKEN, Cloudflare by CLOUDFLARE_ZONE_ID and CLOUDFLARE_API_TOKEN.
EDGE_KEY_PURGERS = {}
if env.get("EDGE_XKEY_PURGE_URL", env.get("FRONTEND_CACHE_URL")):
    EDGE_KEY_PURGERS["varnish"] = {
        "BACKEND": "catalog.clients.edge.VarnishXkeyPurger",
        "LOCATION": env.get("EDGE_XKEY_PURGE_URL", env.get("FRONTEND_CACHE_URL")),
    }
if env.get("FASTLY_SERVICE_ID"):
    EDGE_KEY_PURGERS["fastly"] = {
        "BACKEND": "catalog.clients.edge.FastlyKeyPurger",
        "SERVICE_ID": env["FASTLY_SERVICE_ID"],
        "API_TOKEN": env.get("FASTLY_API_TOKEN", ""),
    }
if env.get("CLOUDFLARE_ZONE_ID"):
    EDGE_KEY_PURGERS["cloudflare"] = {
        "BACKEND": "catalog.clients.edge.CloudflareTagPurger",
        "ZONE_ID": env["CLOUDFLARE_ZONE_ID"],
        "API_TOKEN": env.get("CLOUDFLARE_API_TOKEN", ""),
    }

# /api/v1/docs (Swagger UI, from the static files django-ninja ships): on in dev and
# tests, off in production unless API_DOCS_ENABLED is set. The schema
# (/api/v1/openapi.json) is always published.
API_DOCS_ENABLED = env_bool("API_DOCS_ENABLED", False)

# HTTP caching of public pages (see docs/caching.md and mediasite/cache.py).
CACHE_CONTROL_MAX_AGE = env_int("CACHE_CONTROL_MAX_AGE", 60)
CACHE_CONTROL_S_MAXAGE = env_int("CACHE_CONTROL_S_MAXAGE", 600)
CACHE_CONTROL_STALE_WHILE_REVALIDATE = env_int("CACHE_CONTROL_STALE_WHILE_REVALIDATE", 60)

# Video: upload limits, the pipeline and playback URLs (catalog/media/).
VIDEO_MAX_UPLOAD_MB = env_int("VIDEO_MAX_UPLOAD_MB", 4096)
VIDEO_MAX_DURATION_SECONDS = env_int("VIDEO_MAX_DURATION_SECONDS", 4 * 3600)
VIDEO_STUCK_AFTER_SECONDS = env_int("VIDEO_STUCK_AFTER_SECONDS", 15 * 60)
VIDEO_TASK_TIME_LIMIT = env_int("VIDEO_TASK_TIME_LIMIT", 3 * 3600)
HLS_SEGMENT_SECONDS = env_int("HLS_SEGMENT_SECONDS", 4)
PLAYBACK_URL_TTL = env_int("PLAYBACK_URL_TTL", 600)
FFMPEG_BINARY = env.get("FFMPEG_BINARY", "ffmpeg")
FFPROBE_BINARY = env.get("FFPROBE_BINARY", "ffprobe")
# libx264 speed/quality trade-off for the HLS ladder (ultrafast … veryslow).
VIDEO_X264_PRESET = env.get("VIDEO_X264_PRESET", "veryfast")
# Uploads above this size stream to a temporary file instead of memory, so a multi-GB
# video never sits in RAM (and the upload form can run ffprobe on the file's path).
# https://docs.djangoproject.com/en/5.2/ref/settings/#file-upload-max-memory-size
FILE_UPLOAD_MAX_MEMORY_SIZE = env_int("FILE_UPLOAD_MAX_MEMORY_MB", 5) * 1024 * 1024

# The CDN header carrying the viewer's country, for region-restricted shows.
VIEWER_COUNTRY_HEADER = env.get("VIEWER_COUNTRY_HEADER", "CloudFront-Viewer-Country")
# Whether a missing or unknown viewer country refuses region-restricted videos (reason
# "region_unknown"). Off here so `make run` plays everything without a CDN; on in production.
REQUIRE_VIEWER_COUNTRY = env_bool("REQUIRE_VIEWER_COUNTRY", False)
SUBSCRIPTION_GRACE_DAYS = env_int("SUBSCRIPTION_GRACE_DAYS", 3)
# Days before a trial ends that the reminder e-mail goes out.
TRIAL_REMINDER_DAYS = env_int("TRIAL_REMINDER_DAYS", 3)
# Who takes the money when a subscriber chooses a plan in /account/plans/: "dev" activates
# at once and never charges (refused by production settings unless ALLOW_DEV_BILLING=true).
BILLING_PROVIDER = env.get("BILLING_PROVIDER", "dev")
STRIPE_WEBHOOK_SECRET = env.get("STRIPE_WEBHOOK_SECRET", "")
# Stripe Checkout and the customer portal (BILLING_PROVIDER=stripe): the secret API key.
STRIPE_SECRET_KEY = env.get("STRIPE_SECRET_KEY", "")
STRIPE_API_BASE = env.get("STRIPE_API_BASE", "https://api.stripe.com")
STRIPE_TIMEOUT = env_int("STRIPE_TIMEOUT", 10)

# Demo content and accounts: only the embedded default turns these on.
DEMO_ACCOUNTS_ENABLED = env_bool("DEMO_ACCOUNTS_ENABLED", False)
DEMO_PASSWORD = env.get("DEMO_PASSWORD", "mediasite-demo")
# load_demo_catalog also makes a few short demo videos with ffmpeg (catalog/demo/media.py).
DEMO_MEDIA = env_bool("DEMO_MEDIA", True)


# Content-Security-Policy (django-csp), enforced on every response: scripts and styles
# from this origin only (public templates have no inline script; JSON-LD data blocks are
# not scripts); hls.js plays through blob: workers and media URLs; video segments and
# images may come from the S3 origins below. The Wagtail admin gets a relaxed policy
# (mediasite/csp.py). https://django-csp.readthedocs.io/en/latest/configuration.html
def _origin(url: str) -> str:
    from urllib.parse import urlsplit

    bits = urlsplit(url)
    return f"{bits.scheme}://{bits.netloc}"


MEDIA_ORIGINS = env_list("CSP_MEDIA_ORIGINS")
if AWS_S3_CUSTOM_DOMAIN:
    MEDIA_ORIGINS.append(f"https://{AWS_S3_CUSTOM_DOMAIN}")
if AWS_S3_ENDPOINT_URL:
    MEDIA_ORIGINS.append(_origin(AWS_S3_ENDPOINT_URL))
elif AWS_STORAGE_BUCKET_NAME or MEDIA_PRIVATE_BUCKET:
    MEDIA_ORIGINS += [f"https://s3.{AWS_S3_REGION_NAME}.amazonaws.com", "https://s3.amazonaws.com"]
if MEDIA_URL.startswith(("http://", "https://")):
    MEDIA_ORIGINS.append(_origin(MEDIA_URL))
# Video embeds (wagtail.embeds) are iframes from these providers.
EMBED_ORIGINS = env_list(
    "EMBED_ORIGINS",
    "https://www.youtube.com,https://www.youtube-nocookie.com,https://player.vimeo.com",
)
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:", *MEDIA_ORIGINS],
        "media-src": ["'self'", "blob:", *MEDIA_ORIGINS],
        "connect-src": ["'self'", *MEDIA_ORIGINS],
        "worker-src": ["'self'", "blob:"],
        "font-src": ["'self'"],
        "frame-src": ["'self'", *EMBED_ORIGINS],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'self'"],
    }
}

# Permissions-Policy (django-permissions-policy): no page needs these browser features;
# fullscreen and picture-in-picture stay for the player (and embedded players).
PERMISSIONS_POLICY = {
    "accelerometer": [],
    "camera": [],
    "geolocation": [],
    "gyroscope": [],
    "magnetometer": [],
    "microphone": [],
    "payment": [],
    "usb": [],
    "browsing-topics": [],
    "fullscreen": ["self", *EMBED_ORIGINS],
    "picture-in-picture": ["self", *EMBED_ORIGINS],
    "autoplay": ["self", *EMBED_ORIGINS],
}

# Security headers that hold everywhere.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
X_FRAME_OPTIONS = "SAMEORIGIN"
SESSION_COOKIE_HTTPONLY = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_log_level("LOG_LEVEL")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        # Wagtail's in-process tasks log every run at INFO.
        "django_tasks": {"level": "WARNING"},
    },
}

# Engagement (docs/engagement.md). Reviews by accounts younger than this many days wait for
# a moderator's approval (0: publish at once).
REVIEW_HOLD_ACCOUNT_DAYS = env_int("REVIEW_HOLD_ACCOUNT_DAYS", 0)
# Seconds between a rating change and the purge of the page (one pending purge per page).
RATING_PURGE_DELAY = env_int("RATING_PURGE_DELAY", 30)
# New-episode alerts: how far back the beat task looks for episodes that became playable
# (a worker or beat outage shorter than this is caught up), and how long an unsubscribe
# link in an alert stays valid.
EPISODE_ALERT_LOOKBACK_HOURS = env_int("EPISODE_ALERT_LOOKBACK_HOURS", 24)
EPISODE_ALERT_UNSUBSCRIBE_MAX_AGE = 180 * 24 * 3600
# Moderation (docs/moderation.md): distinct reporters of a review that hide it at once
# pending a moderator (0 turns the rule off).
MODERATION_REPORT_THRESHOLD = env_int("MODERATION_REPORT_THRESHOLD", 3)
