import os
import subprocess
import sys

from django.conf import settings
from django.test import SimpleTestCase


def _run(code: str, **env) -> subprocess.CompletedProcess:
    environment = {**os.environ, "DJANGO_SETTINGS_MODULE": "mediasite.settings.production", **env}
    return subprocess.run(  # noqa: S603 - fixed interpreter and code
        [sys.executable, "-c", code],
        env=environment,
        capture_output=True,
        text=True,
        cwd=settings.BASE_DIR,
        timeout=120,
    )


class ProductionSettingsTests(SimpleTestCase):
    def test_refuses_to_start_without_a_real_secret_key(self):
        result = _run("import django; django.setup()", SECRET_KEY="")
        self.assertNotEqual(result.returncode, 0)
        self.assertIn("SECRET_KEY must be set", result.stderr)

    def test_passes_check_deploy(self):
        result = _run(
            "import django; from django.core.management import call_command; "
            "django.setup(); call_command('check', '--deploy', '--fail-level', 'WARNING')",
            SECRET_KEY="Yq3vT8-production-secret-for-the-check-" + "aZ9kLm2Pq7Rs4Tu6Vw8Xy0" * 2,
            ALLOWED_HOSTS="media.example.com",
        )
        self.assertEqual(result.returncode, 0, result.stderr + result.stdout)

    def test_refuses_the_free_dev_billing_provider_unless_allowed(self):
        secret = "Yq3vT8-production-secret-for-the-check-" + "aZ9kLm2Pq7Rs4Tu6Vw8Xy0" * 2
        code = "import django; django.setup(); from django.conf import settings; "
        code += "print(settings.BILLING_PROVIDER)"
        refused = _run(code, SECRET_KEY=secret, BILLING_PROVIDER="dev")
        self.assertNotEqual(refused.returncode, 0)
        self.assertIn("never charges", refused.stderr)
        allowed = _run(code, SECRET_KEY=secret, BILLING_PROVIDER="dev", ALLOW_DEV_BILLING="true")
        self.assertEqual(allowed.stdout.strip(), "dev", allowed.stderr)
        default = _run(code, SECRET_KEY=secret)
        self.assertEqual(default.stdout.strip(), "stripe", default.stderr)

    def test_user_model_signs_in_by_email(self):
        self.assertEqual(settings.AUTH_USER_MODEL, "subscriptions.User")
        self.assertEqual(settings.ACCOUNT_LOGIN_METHODS, {"email"})


class LogLevelTests(SimpleTestCase):
    """LOG_LEVEL is shared with gunicorn, which takes it in lower case."""

    code = (
        "import django; django.setup(); import logging; "
        "print(logging.getLevelName(logging.getLogger().level))"
    )
    secret = "Yq3vT8-production-secret-for-the-check-" + "aZ9kLm2Pq7Rs4Tu6Vw8Xy0" * 2

    def test_accepts_any_case(self):
        for value, expected in [("warning", "WARNING"), ("Debug", "DEBUG"), (" ERROR ", "ERROR")]:
            with self.subTest(value=value):
                result = _run(self.code, SECRET_KEY=self.secret, LOG_LEVEL=value)
                self.assertEqual(result.returncode, 0, result.stderr)
                self.assertEqual(result.stdout.strip(), expected)

    def test_defaults_to_info(self):
        result = _run(self.code, SECRET_KEY=self.secret, LOG_LEVEL="")
        self.assertEqual(result.stdout.strip(), "INFO", result.stderr)

    def test_refuses_nonsense_with_a_clear_message(self):
        result = _run(self.code, SECRET_KEY=self.secret, LOG_LEVEL="loud")
        self.assertNotEqual(result.returncode, 0)
        self.assertIn("ImproperlyConfigured: LOG_LEVEL must be one of debug, info", result.stderr)


class ViewerCountrySettingTests(SimpleTestCase):
    def test_production_requires_a_viewer_country_and_the_embedded_default_does_not(self):
        secret = "Yq3vT8-production-secret-for-the-check-" + "aZ9kLm2Pq7Rs4Tu6Vw8Xy0" * 2
        code = "import django; django.setup(); from django.conf import settings; "
        code += "print(settings.REQUIRE_VIEWER_COUNTRY)"
        environment = {"SECRET_KEY": secret, "REQUIRE_VIEWER_COUNTRY": ""}
        production = _run(code, **environment)
        self.assertEqual(production.stdout.strip(), "True", production.stderr)
        dev = _run(code, DJANGO_SETTINGS_MODULE="mediasite.settings.dev", **environment)
        self.assertEqual(dev.stdout.strip(), "False", dev.stderr)
        switched_off = _run(code, SECRET_KEY=secret, REQUIRE_VIEWER_COUNTRY="false")
        self.assertEqual(switched_off.stdout.strip(), "False", switched_off.stderr)
