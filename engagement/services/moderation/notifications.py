"""Telling people what moderation decided: a notice in the account area and an e-mail.

The notice rows are written in the action's transaction; the e-mails go after it
commits (a rolled-back action tells nobody). Both are in the recipient's language
(``User.language``): callers compose the text inside ``in_language_of(user)``.
"""

from __future__ import annotations

import logging
from datetime import datetime

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from engagement.models import Notice
from subscriptions.languages import in_language_of

logger = logging.getLogger(__name__)

# What a reporter is told, by the action that resolved their report.
REPORTER_OUTCOMES = {
    "dismiss": gettext_lazy("We looked at what you reported and found no breach of our rules."),
    "hide": gettext_lazy("We looked at the review you reported and hid it."),
    "delete": gettext_lazy("We looked at the review you reported and removed it."),
    "restore": gettext_lazy(
        "We looked at the review you reported; it breaks no rule and stays visible."
    ),
    "approve": gettext_lazy(
        "We looked at the review you reported; it breaks no rule and stays visible."
    ),
    "warn": gettext_lazy("We looked at what you reported and warned the account's owner."),
    "suspend": gettext_lazy("We looked at what you reported and suspended the account."),
    "ban": gettext_lazy("We looked at what you reported and banned the account."),
    "resolve": gettext_lazy("Thank you: the problem you reported with the episode has been fixed."),
}

# What the account an action is about is told (and may appeal, once).
SUBJECT_MESSAGES = {
    "hide": gettext_lazy("A moderator hid your review of {title}."),
    "delete": gettext_lazy("A moderator removed your review of {title}."),
    "warn": gettext_lazy("A moderator sent you a warning."),
    "suspend": gettext_lazy(
        "Your account is suspended for {days} days: you can watch, but not write "
        "reviews, ratings, reports or change My List until {until}."
    ),
    "ban": gettext_lazy("Your account is banned."),
}
APPEALABLE = frozenset({"hide", "delete", "warn", "suspend", "ban"})


def notify(user, subject: str, body: str, *, action=None, appealable=False) -> Notice:
    """A notice in ``user``'s account area, and the same by e-mail once the change commits."""
    notice = Notice.objects.create(
        user=user, subject=subject, body=body, action=action, appealable=appealable
    )
    address = user.email
    with in_language_of(user):
        footer = _("See your notices: %(url)s") % {"url": f"{settings.BASE_URL}/account/notices/"}

    def send():
        try:
            send_mail(
                f"[{settings.WAGTAIL_SITE_NAME}] {subject}",
                f"{body}\n\n{footer}\n",
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
        with in_language_of(report.reporter):
            notify(report.reporter, _("About your report"), str(outcome), action=action)
    return len(told)


def tell_subject(user, action_name: str, action, *, reason: str, **context) -> Notice | None:
    """Tell the account an action is about, with the reason; it may appeal."""
    template = SUBJECT_MESSAGES.get(action_name)
    if user is None or template is None:
        return None
    with in_language_of(user):
        # Dates are written in the recipient's language too.
        context = {
            key: date_format(timezone.localtime(value), "DATETIME_FORMAT")
            if isinstance(value, datetime)
            else value
            for key, value in context.items()
        }
        body = str(template).format(**context)
        if reason:
            body += "\n\n" + _("Reason: %(reason)s") % {"reason": reason}
        if action_name in APPEALABLE:
            body += "\n\n" + _(
                "If you think this is a mistake, you can appeal once from your notices."
            )
        return notify(
            user,
            _("A moderation decision about your account"),
            body,
            action=action,
            appealable=action_name in APPEALABLE,
        )
