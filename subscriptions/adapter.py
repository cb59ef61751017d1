"""allauth's account adapter: e-mails name and link the configured site, never the Host;
sign-up addresses follow our rules (subscriptions/email_rules.py).

Without it allauth builds links in e-mails from the request (``build_absolute_uri``) and
names the site after the request's Host (no Sites framework here), so a forged Host
header could make a password-reset mail point elsewhere.
https://docs.allauth.org/en/latest/account/advanced.html#custom-redirects
"""

from dataclasses import dataclass
from urllib.parse import urlsplit, urlunsplit

from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils import translation

from allauth.account import app_settings
from allauth.account.adapter import DefaultAccountAdapter

from mediasite.registry import registry
from subscriptions.email_rules import validate_account_email
from subscriptions.languages import supported_language, user_language


@dataclass(frozen=True)
class ConfiguredSite:
    """What allauth's mail templates read as ``current_site``."""

    name: str
    domain: str


def configured_site() -> ConfiguredSite:
    return ConfiguredSite(
        name=settings.WAGTAIL_SITE_NAME, domain=urlsplit(settings.BASE_URL).netloc
    )


def on_base_url(url: str) -> str:
    """``url`` with its scheme and host replaced by BASE_URL's (path and query kept)."""
    base = urlsplit(settings.BASE_URL)
    bits = urlsplit(url)
    return urlunsplit((base.scheme, base.netloc, bits.path, bits.query, bits.fragment))


# Messages allauth adds just before sending the visitor to a public page (the home page, or
# the episode in ``next``). Public pages never show messages (they are the same HTML for
# everybody), so these waited and popped up, stale, on the next account page.
SILENT_MESSAGES = {"account/messages/logged_in.txt", "account/messages/logged_out.txt"}


class AccountAdapter(DefaultAccountAdapter):
    def add_message(self, request, level, message_template=None, *args, **kwargs) -> None:
        if message_template in SILENT_MESSAGES:
            return
        super().add_message(request, level, message_template, *args, **kwargs)

    def post_login(self, request, user, **kwargs):
        # Where the viewer was going (``next``, or the default) stays the destination; an
        # app may put a step before it (engagement's profile picker, through the registry).
        response = super().post_login(request, user, **kwargs)
        location = response.get("Location") if response.status_code == 302 else None
        if location:
            response["Location"] = registry.login_redirect(request, location)
        return response

    def save_user(self, request, user, form, commit=True):
        # A new account speaks the language of the page its owner signed up from
        # (mediasite.i18n.AccountLanguageMiddleware activated it for the sign-up page).
        user.language = supported_language(translation.get_language()) or settings.LANGUAGE_CODE
        return super().save_user(request, user, form, commit=commit)

    def clean_email(self, email: str) -> str:
        # Sign-up and "add e-mail address" both ask here; the error shows on the form.
        validate_account_email(email)
        return super().clean_email(email)

    def format_email_subject(self, subject: str) -> str:
        prefix = app_settings.EMAIL_SUBJECT_PREFIX
        if prefix is None:
            prefix = f"[{settings.WAGTAIL_SITE_NAME}] "
        return prefix + str(subject)

    def get_email_confirmation_url(self, request, emailconfirmation) -> str:
        return on_base_url(super().get_email_confirmation_url(request, emailconfirmation))

    def get_reset_password_from_key_url(self, key: str) -> str:
        return on_base_url(super().get_reset_password_from_key_url(key))

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        # allauth builds the sign-up and password-reset links of some mails (an
        # "account already exists" or "unknown account" notice) from the request.
        context = {
            key: on_base_url(value)
            if key.endswith("_url")
            and isinstance(value, str)
            and value.startswith(("http://", "https://"))
            else value
            for key, value in context.items()
        }
        context["current_site"] = configured_site()
        with translation.override(recipient_language(email, context)):
            super().send_mail(template_prefix, email, context)


def recipient_language(email: str, context: dict) -> str:
    """The language of a mail to ``email``: its account's, else the current one (a mail
    to an address with no account, e.g. "unknown account", follows the page it came from)."""
    user = context.get("user")
    if user is None or not getattr(user, "pk", None):
        user = get_user_model().objects.filter(email__iexact=email).first()
    if user is not None:
        return user_language(user)
    return supported_language(translation.get_language()) or settings.LANGUAGE_CODE
