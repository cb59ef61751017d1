"""Whether a new or edited review waits for a moderator before others see it.

The one place that decides it (the reviews service asks; moderation adds its rules
here): reviews by accounts younger than ``settings.REVIEW_HOLD_ACCOUNT_DAYS`` days are
held (0 turns the rule off), and so are reviews containing a blocked term (moderators
edit the list at /admin/moderation/terms/; engagement.services.moderation.terms).
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.utils import timezone


def hold_reason(user, text: str, *, now=None) -> str | None:
    """Why a review by ``user`` with ``text`` is held for approval (None: publish it)."""
    now = now or timezone.now()
    days = getattr(settings, "REVIEW_HOLD_ACCOUNT_DAYS", 0)
    if days and user.date_joined and user.date_joined > now - timedelta(days=days):
        return f"Reviews by accounts younger than {days} days are approved by a moderator first."
    from engagement.services.moderation.terms import blocked_term_in

    if blocked_term_in(text):
        return "Your review contains words a moderator checks first."
    return None
