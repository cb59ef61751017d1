"""Telling people what moderation decided: a notice in the account area and an e-mail.

The notice rows are written in the action's transaction; the e-mails go after it
commits (a rolled-back action tells nobody).
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction

from engagement.models import Notice

logger = logging.getLogger(__name__)

# What a reporter is told, by the action that resolved their report.
REPORTER_OUTCOMES = {
    "dismiss": "We looked at what you reported and found no breach of our rules.",
    "hide": "We looked at the review you reported and hid it.",
    "delete": "We looked at the review you reported and removed it.",
    "restore": "We looked at the review you reported; it breaks no rule and stays visible.",
    "approve": "We looked at the review you reported; it breaks no rule and stays visible.",
    "warn": "We looked at what you reported and warned the account's owner.",
    "suspend": "We looked at what you reported and suspended the account.",
    "ban": "We looked at what you reported and banned the account.",
    "resolve": "Thank you: the problem you reported with the episode has been fixed.",
}

# What the account an action is about is told (and may appeal, once).
SUBJECT_MESSAGES = {
    "hide": "A moderator hid your review of {title}.",
    "delete": "A moderator removed your review of {title}.",
    "warn": "A moderator sent you a warning.",
    "suspend": "Your account is suspended for {days} days: you can watch, but not write "
    "reviews, ratings, reports or change My List until {until}.",
    "ban": "Your account is banned.",
}
APPEALABLE = frozenset({"hide", "delete", "warn", "suspend", "ban"})


def notify(user, subject: str, body: str, *, action=None, appealable=False) -> Notice:
    """A notice in ``user``'s account area, and the same by e-mail once the change commits."""
    notice = Notice.objects.create(
        user=user, subject=subject, body=body, action=action, appealable=appealable
    )
    address = user.email

    def send():
        try:
            send_mail(
                f"[{settings.WAGTAIL_SITE_NAME}] {subject}",
                f"{body}\n\nSee your notices: {settings.BASE_URL}/account/notices/\n",
                None,
                [address],
            )
        except Exception:  # noqa: BLE001 - the notice in the account area stays
            logger.warning("moderation e-mail to user %s failed", user.pk)

    if address:
        transaction.on_commit(send)
    return notice


def tell_reporters(reports, action_name: str, action) -> int:
    """One notice per reporter whose report ``action`` resolved."""
    outcome = REPORTER_OUTCOMES.get(action_name)
    if not outcome:
        return 0
    told = set()
    for report in reports:
        if report.reporter_id in told:
            continue
        told.add(report.reporter_id)
        notify(report.reporter, "About your report", outcome, action=action)
    return len(told)


def tell_subject(user, action_name: str, action, *, reason: str, **context) -> Notice | None:
    """Tell the account an action is about, with the reason; it may appeal."""
    template = SUBJECT_MESSAGES.get(action_name)
    if user is None or template is None:
        return None
    body = template.format(**context)
    if reason:
        body += f"\n\nReason: {reason}"
    if action_name in APPEALABLE:
        body += "\n\nIf you think this is a mistake, you can appeal once from your notices."
    return notify(
        user,
        "A moderation decision about your account",
        body,
        action=action,
        appealable=action_name in APPEALABLE,
    )
