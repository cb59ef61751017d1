"""The account area's business logic: data export and account deletion.

Views stay thin (subscriptions/views.py); both functions act on the user given,
who is always ``request.user`` (no ids in URLs). Both are composed from what the
apps register (mediasite/registry.py): each app adds its export sections, the
apps whose rows are exported, and a deletion hook for its own data. This module
holds the user model's part (account, e-mail addresses, sign-in methods) and
subscriptions' hook; subscriptions/contributions.py registers them.
"""

from __future__ import annotations

import uuid
from typing import Any

from django.apps import apps
from django.db import transaction
from django.forms.models import model_to_dict
from django.utils import timezone

from mediasite.registry import Registry, registry

# Never exported: secrets and internal bookkeeping.
EXCLUDED_FIELDS = {"password", "payload", "pin_hash"}  # pin_hash: engagement profiles

USER_FIELDS = [
    "email",
    "display_name",
    "first_name",
    "last_name",
    "date_joined",
    "last_login",
    "is_active",
    "is_staff",
]


def _row(obj) -> dict[str, Any]:
    data = model_to_dict(obj)
    for field in obj._meta.concrete_fields:
        # model_to_dict skips non-editable fields (created_at…); add them back.
        if field.name not in data:
            data[field.name] = field.value_from_object(obj)
    return {key: value for key, value in data.items() if key not in EXCLUDED_FIELDS}


def _email_addresses(user) -> list[dict[str, Any]]:
    from allauth.account.models import EmailAddress

    return [
        {"email": a.email, "verified": a.verified, "primary": a.primary}
        for a in EmailAddress.objects.filter(user=user).order_by("email")
    ]


def _authenticators(user) -> list[dict[str, Any]]:
    """Which second factors are set up: types and dates only, never the secrets."""
    if not apps.is_installed("allauth.mfa"):
        return []
    from allauth.mfa.models import Authenticator

    return [
        {"type": a.type, "created_at": a.created_at, "last_used_at": a.last_used_at}
        for a in Authenticator.objects.filter(user=user).order_by("created_at")
    ]


def _social_accounts(user) -> list[dict[str, Any]]:
    if not apps.is_installed("allauth.socialaccount"):
        return []
    from allauth.socialaccount.models import SocialAccount

    return [
        {"provider": s.provider, "uid": s.uid, "date_joined": s.date_joined}
        for s in SocialAccount.objects.filter(user=user).order_by("provider")
    ]


def _account(user) -> dict[str, Any]:
    return {name: getattr(user, name) for name in USER_FIELDS}


# The user model's sections of the export (registered by subscriptions/contributions.py).
USER_EXPORT_SECTIONS = {
    "account": _account,
    "email_addresses": _email_addresses,
    "two_factor": _authenticators,
    "social_accounts": _social_accounts,
}


def _related_rows(user, app_labels) -> dict[str, list[dict[str, Any]]]:
    """Rows of the given apps' models that point at the user, by ``app_label.model``.

    Framework and CMS tables are left out: only apps that registered themselves
    (``Registry.add_exported_app``) are walked.
    """
    related: dict[str, list[dict[str, Any]]] = {}
    for rel in user._meta.related_objects:
        model = rel.related_model
        if model._meta.app_label not in app_labels or not rel.field.concrete:
            continue
        rows = model._default_manager.filter(**{rel.field.name: user})
        key = model._meta.label_lower
        related.setdefault(key, []).extend(_row(obj) for obj in rows)
    return related


def account_export(user, *, source: Registry = registry) -> dict[str, Any]:
    """Everything we hold about ``user``, as a JSON-serialisable dict (DjangoJSONEncoder):
    every registered section, then ``related`` rows of every registered app.
    """
    data: dict[str, Any] = {"exported_at": timezone.now()}
    for name, build in source.export_sections():
        data[name] = build(user)
    data["related"] = _related_rows(user, set(source.exported_apps()))
    return data


def subscription_data_delete(user) -> None:
    """Subscriptions' deletion hook: end the plan, keep the billing lines without payloads.

    The subscription ends at once, at the payment provider first (Stripe's API); if the
    provider cannot be reached, ``SubscriptionError`` is raised and nothing is
    deleted, so nobody is billed for an account that no longer exists.
    """
    from subscriptions.models import BillingEvent
    from subscriptions.services import subscription_end_for_deleted_account

    # No more renewals; the billing lines stay (amounts and dates, for the books) but
    # the provider payloads, which carry names and addresses, go.
    subscription_end_for_deleted_account(user=user)
    BillingEvent.objects.filter(user=user).update(payload={})


@transaction.atomic
def account_delete(user, *, source: Registry = registry) -> None:
    """Remove the person's data; the row stays, anonymous and inactive.

    Every app's deletion hook runs first, in this transaction: a hook that raises
    (e.g. ``SubscriptionError`` when the payment provider cannot be reached) leaves
    everything as it was.

    Keeping an anonymous row keeps counts and aggregates that point at it (ratings,
    billing history) consistent; nothing left identifies the person. Sign-in is
    impossible afterwards (no usable password, no e-mail, inactive) and every
    other session of the user is invalidated (the session hash changes).
    """
    from allauth.account.models import EmailAddress

    for run in source.deletion_hooks():
        run(user)
    EmailAddress.objects.filter(user=user).delete()
    if apps.is_installed("allauth.mfa"):
        from allauth.mfa.models import Authenticator

        Authenticator.objects.filter(user=user).delete()
    if apps.is_installed("allauth.socialaccount"):
        from allauth.socialaccount.models import SocialAccount

        SocialAccount.objects.filter(user=user).delete()

    user.email = f"deleted-{uuid.uuid4().hex}@deleted.invalid"
    user.display_name = ""
    user.first_name = ""
    user.last_name = ""
    user.is_active = False
    user.is_staff = False
    user.is_superuser = False
    user.set_unusable_password()
    user.save()
    user.groups.clear()
    user.user_permissions.clear()
