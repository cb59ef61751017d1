"""System checks for billing settings (run by ``manage.py check`` and at start-up)."""

from django.conf import settings
from django.core.checks import Error, register


@register()
def billing_provider_check(app_configs, **kwargs):
    from subscriptions.billing import PROVIDERS

    name = getattr(settings, "BILLING_PROVIDER", "dev")
    if name not in PROVIDERS:
        return [
            Error(
                f"BILLING_PROVIDER={name!r} is not a billing provider.",
                hint=f"Use one of: {', '.join(sorted(PROVIDERS))}.",
                id="subscriptions.E001",
            )
        ]
    return []
