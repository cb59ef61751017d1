"""What moderators and editors do to a queue item: each action one function, one transaction.

Every action locks the target's open reports, does its change, writes one
``ModerationAction`` row and one Wagtail audit-log entry on it (``moderation.<action>``:
who, what, when, why and the report ids it resolved), resolves the reports, and tells the
reporters and the account the action is about (engagement.services.moderation.notifications).

Delete is a soft delete: ``set_status(review, "removed")`` keeps the row (for appeals and
the audit trail) while nobody else sees it again.
"""

from __future__ import annotations

from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wagtail.log_actions import log

import nh3

from engagement.models import (
    MAX_REVIEW_LENGTH,
    AccountRestriction,
    ModerationAction,
    ModerationClaim,
    ModerationNote,
    Report,
    ReportStatus,
    RestrictionKind,
    Review,
    ReviewStatus,
    TargetType,
)
from engagement.models.moderation import MAX_NOTE_LENGTH
from engagement.services.moderation import ModerationError, notifications
from engagement.services.moderation.purge import purge_review_pages
from engagement.services.moderation.restrictions import end_sessions, set_active
from engagement.services.moderation.targets import load_target, may_handle, subject_of
from engagement.services.reviews import set_status
from subscriptions.languages import in_language_of

LOG_PREFIX = "moderation."
MAX_SUSPENSION_DAYS = 365

# Label, past-tense message (for register_log_actions) of each action.
ACTIONS = {
    "dismiss": ("Dismiss (no violation)", "Dismissed the reports"),
    "hide": ("Hide", "Hid the review"),
    "restore": ("Restore", "Restored the review"),
    "delete": ("Delete", "Deleted the review"),
    "approve": ("Approve", "Approved the review"),
    "warn": ("Warn", "Warned the account"),
    "suspend": ("Suspend", "Suspended the account"),
    "ban": ("Ban", "Banned the account"),
    "lift": ("Lift suspension or ban", "Lifted the account's restriction"),
    "resolve": ("Mark fixed", "Marked the episode problem fixed"),
    "uphold": ("Uphold (reject the appeal)", "Rejected the appeal"),
    "grant": ("Grant the appeal (reverse)", "Granted the appeal and reversed the action"),
    "claim": ("Claim", "Claimed the item"),
    "note": ("Add a note", "Added an internal note"),
}

# Which actions each kind of queue item offers.
ACTIONS_FOR = {
    TargetType.REVIEW: [
        "dismiss",
        "hide",
        "restore",
        "delete",
        "approve",
        "warn",
        "suspend",
        "ban",
    ],
    TargetType.USER: ["dismiss", "warn", "suspend", "ban", "lift"],
    TargetType.EPISODE: ["resolve", "dismiss"],
    TargetType.APPEAL: ["uphold", "grant"],
}

WARNING_PRESETS = {
    "spoilers": "Please mark spoilers in your reviews.",
    "civility": "Please keep to the subject and be civil to other viewers.",
    "spam": "Please do not post advertising or repeated content.",
    "": "",
}


def _check(moderator, target_type: str) -> None:
    if not may_handle(moderator, target_type):
        raise ModerationError(403, "You may not act on this kind of item.")


def _reason(reason: str) -> str:
    return nh3.clean(reason or "", tags=set()).strip()[:MAX_NOTE_LENGTH]


def _record(name, *, target_type, target_id, moderator, reason, subject=None, data=None):
    """The action row and its audit-log entry; resolves the target's open reports."""
    reports = list(
        Report.objects.select_for_update()
        .select_related("reporter")
        .filter(target_type=target_type, target_id=target_id, status=ReportStatus.OPEN)
    )
    action = ModerationAction.objects.create(
        action=name,
        target_type=target_type,
        target_id=target_id,
        moderator=moderator,
        subject=subject,
        reason=reason,
        data={**(data or {}), "report_ids": [r.pk for r in reports]},
    )
    if reports and name not in ("claim", "note"):
        status = ReportStatus.DISMISSED if name == "dismiss" else ReportStatus.RESOLVED
        Report.objects.filter(pk__in=[r.pk for r in reports]).update(
            status=status, resolved_at=timezone.now(), resolved_by=moderator, action=action
        )
        notifications.tell_reporters(reports, name, action)
    log(
        action,
        LOG_PREFIX + name,
        user=moderator,
        title=f"{ACTIONS[name][1]} ({target_type} {target_id})",
        data={
            "target_type": target_type,
            "target_id": target_id,
            "reason": reason,
            "report_ids": action.data["report_ids"],
            **(data or {}),
        },
    )
    ModerationClaim.objects.filter(target_type=target_type, target_id=target_id).delete()
    return action


def _review(target_type, target):
    if target_type != TargetType.REVIEW:
        raise ModerationError(422, "This action is for reviews.")
    return target


def _account(target_type, target):
    """The account an account action applies to (for a review: its author)."""
    user = subject_of(target_type, target)
    if user is None:
        raise ModerationError(422, "This action is for reviews and accounts.")
    return user


def act(
    name: str,
    *,
    moderator,
    target_type: str,
    target_id: int,
    reason: str = "",
    days: int | None = None,
    body: str | None = None,
    preset: str = "",
) -> ModerationAction:
    """Take action ``name`` on one queue item, or refuse with a :class:`ModerationError`."""
    _check(moderator, target_type)
    if name not in ACTIONS_FOR.get(target_type, []):
        raise ModerationError(422, f"“{name}” is not an action for this item.")
    reason = _reason(reason)
    with transaction.atomic():
        target = load_target(target_type, target_id)
        if target is None:
            raise ModerationError(404, "This item no longer exists.")
        handler = globals()[f"_do_{name}"]
        return handler(
            target,
            target_type=target_type,
            target_id=target_id,
            moderator=moderator,
            reason=reason,
            days=days,
            body=body,
            preset=preset,
        )


def act_bulk(name: str, *, moderator, items: list[tuple[str, int]], reason: str = "", **kw):
    """The same action on each selected item, each in its own transaction; returns
    ``(done, refused)`` where ``refused`` lists ``(item, detail)``."""
    done, refused = [], []
    for target_type, target_id in items:
        try:
            done.append(
                act(
                    name,
                    moderator=moderator,
                    target_type=target_type,
                    target_id=target_id,
                    reason=reason,
                    **kw,
                )
            )
        except ModerationError as exc:
            refused.append(((target_type, target_id), exc.detail))
    return done, refused


# --- review actions -------------------------------------------------------------------------


def _set_review(review, status, reason=""):
    set_status(review, status, reason=reason)
    purge_review_pages(review)


def _review_title(review) -> str:
    return review.page.title if review.page_id else "a show"


def _do_dismiss(target, *, target_type, target_id, moderator, reason, **_):
    if target_type == TargetType.REVIEW and target.status in (ReviewStatus.PENDING,):
        _set_review(target, ReviewStatus.PUBLISHED)
    return _record(
        "dismiss", target_type=target_type, target_id=target_id, moderator=moderator, reason=reason
    )


def _do_hide(target, *, target_type, target_id, moderator, reason, **_):
    review = _review(target_type, target)
    _set_review(review, ReviewStatus.HIDDEN)
    action = _record(
        "hide",
        target_type=target_type,
        target_id=target_id,
        moderator=moderator,
        reason=reason,
        subject=review.user,
    )
    notifications.tell_subject(
        review.user, "hide", action, reason=reason, title=_review_title(review)
    )
    return action


def _do_restore(target, *, target_type, target_id, moderator, reason, **_):
    review = _review(target_type, target)
    if review.status == ReviewStatus.REMOVED:
        raise ModerationError(409, "A deleted review cannot be restored (its author may appeal).")
    _set_review(review, ReviewStatus.PUBLISHED)
    return _record(
        "restore",
        target_type=target_type,
        target_id=target_id,
        moderator=moderator,
        reason=reason,
        subject=review.user,
    )


def _do_delete(target, *, target_type, target_id, moderator, reason, **_):
    review = _review(target_type, target)
    _set_review(review, ReviewStatus.REMOVED)
    action = _record(
        "delete",
        target_type=target_type,
        target_id=target_id,
        moderator=moderator,
        reason=reason,
        subject=review.user,
    )
    notifications.tell_subject(
        review.user, "delete", action, reason=reason, title=_review_title(review)
    )
    return action


def _do_approve(target, *, target_type, target_id, moderator, reason, body=None, **_):
    review = _review(target_type, target)
    if review.status != ReviewStatus.PENDING:
        raise ModerationError(409, "Only a review waiting for approval can be approved.")
    data = {}
    if body is not None:
        cleaned = nh3.clean(body, tags=set()).strip()
        if not cleaned or len(cleaned) > MAX_REVIEW_LENGTH:
            raise ModerationError(422, f"The review needs 1 to {MAX_REVIEW_LENGTH} characters.")
        if cleaned != review.body:
            data["edited"] = True
            Review.objects.filter(pk=review.pk).update(body=cleaned)
            review.body = cleaned
    _set_review(review, ReviewStatus.PUBLISHED)
    return _record(
        "approve",
        target_type=target_type,
        target_id=target_id,
        moderator=moderator,
        reason=reason,
        subject=review.user,
        data=data,
    )


# --- account actions ------------------------------------------------------------------------


def _do_warn(target, *, target_type, target_id, moderator, reason, preset="", **_):
    user = _account(target_type, target)
    if preset not in WARNING_PRESETS:
        raise ModerationError(422, "Choose one of the preset warnings.")
    message = " ".join(part for part in (WARNING_PRESETS[preset], reason) if part)
    if not message:
        raise ModerationError(422, "Write the warning, or choose a preset.")
    action = _record(
        "warn",
        target_type=target_type,
        target_id=target_id,
        moderator=moderator,
        reason=message,
        subject=user,
        data={"preset": preset},
    )
    notifications.tell_subject(user, "warn", action, reason=message)
    return action


def _do_suspend(target, *, target_type, target_id, moderator, reason, days=None, **_):
    user = _account(target_type, target)
    if not days or not 1 <= int(days) <= MAX_SUSPENSION_DAYS:
        raise ModerationError(422, f"Suspend for 1 to {MAX_SUSPENSION_DAYS} days.")
    if user.is_superuser:
        raise ModerationError(403, "Administrators cannot be suspended here.")
    ends_at = timezone.now() + timedelta(days=int(days))
    action = _record(
        "suspend",
        target_type=target_type,
        target_id=target_id,
        moderator=moderator,
        reason=reason,
        subject=user,
        data={"days": int(days), "user_id": user.pk},
    )
    AccountRestriction.objects.create(
        user=user, kind=RestrictionKind.SUSPENSION, reason=reason, ends_at=ends_at, action=action
    )
    notifications.tell_subject(
        user,
        "suspend",
        action,
        reason=reason,
        days=int(days),
        until=ends_at,
    )
    return action


def _do_ban(target, *, target_type, target_id, moderator, reason, **_):
    user = _account(target_type, target)
    if user.is_superuser or user.pk == moderator.pk:
        raise ModerationError(403, "This account cannot be banned here.")
    hidden = []
    for review in Review.objects.filter(
        user=user, status__in=[ReviewStatus.PUBLISHED, ReviewStatus.PENDING]
    ):
        _set_review(review, ReviewStatus.HIDDEN)
        hidden.append(review.pk)
    action = _record(
        "ban",
        target_type=target_type,
        target_id=target_id,
        moderator=moderator,
        reason=reason,
        subject=user,
        data={"user_id": user.pk, "hidden_review_ids": hidden},
    )
    AccountRestriction.objects.create(
        user=user, kind=RestrictionKind.BAN, reason=reason, action=action
    )
    set_active(user, False)
    transaction.on_commit(lambda: end_sessions(user))
    notifications.tell_subject(user, "ban", action, reason=reason)
    return action


def _lift(user, *, target_type, target_id, moderator, reason, name="lift"):
    restrictions = list(
        AccountRestriction.objects.in_force(timezone.now())
        .filter(user=user)
        .select_related("action")
    )
    if not restrictions and user.is_active:
        raise ModerationError(409, "This account is not suspended or banned.")
    AccountRestriction.objects.filter(pk__in=[r.pk for r in restrictions]).update(
        lifted_at=timezone.now()
    )
    for restriction in restrictions:
        if restriction.kind == RestrictionKind.BAN and restriction.action:
            ids = restriction.action.data.get("hidden_review_ids", [])
            for review in Review.objects.filter(pk__in=ids, status=ReviewStatus.HIDDEN):
                _set_review(review, ReviewStatus.PUBLISHED)
    set_active(user, True)
    action = _record(
        name,
        target_type=target_type,
        target_id=target_id,
        moderator=moderator,
        reason=reason,
        subject=user,
        data={"user_id": user.pk},
    )
    with in_language_of(user):
        notifications.notify(
            user,
            _("Your account's restriction was lifted"),
            _("You can write reviews, ratings and reports again.")
            + (f"\n\n{reason}" if reason else ""),
            action=action,
        )
    return action


def _do_lift(target, *, target_type, target_id, moderator, reason, **_):
    return _lift(
        _account(target_type, target),
        target_type=target_type,
        target_id=target_id,
        moderator=moderator,
        reason=reason,
    )


# --- episode problems -----------------------------------------------------------------------


def _do_resolve(target, *, target_type, target_id, moderator, reason, **_):
    return _record(
        "resolve", target_type=target_type, target_id=target_id, moderator=moderator, reason=reason
    )


# --- appeals --------------------------------------------------------------------------------


def _do_uphold(target, *, target_type, target_id, moderator, reason, **_):
    from engagement.services.moderation.appeals import appeal_decide

    return appeal_decide(target, moderator=moderator, grant=False, reason=reason)


def _do_grant(target, *, target_type, target_id, moderator, reason, **_):
    from engagement.services.moderation.appeals import appeal_decide

    return appeal_decide(target, moderator=moderator, grant=True, reason=reason)


def reverse_action(original: ModerationAction, *, moderator, reason: str) -> None:
    """Undo ``original`` (a granted appeal): the review back, the restriction lifted."""
    if original.action in ("hide", "delete"):
        review = Review.objects.filter(pk=original.target_id).first()
        if review is not None:
            _set_review(review, ReviewStatus.PUBLISHED)
    elif original.action in ("suspend", "ban"):
        restriction = AccountRestriction.objects.filter(action=original).first()
        if restriction and restriction.lifted_at is None:
            user = restriction.user
            if original.action == "ban":
                _lift(
                    user,
                    target_type=original.target_type,
                    target_id=original.target_id,
                    moderator=moderator,
                    reason=reason,
                )
            else:
                AccountRestriction.objects.filter(pk=restriction.pk).update(
                    lifted_at=timezone.now()
                )


# --- claims and notes -----------------------------------------------------------------------


def claim(*, moderator, target_type: str, target_id: int, release: bool = False):
    """Assign the item to ``moderator`` (or release it)."""
    _check(moderator, target_type)
    with transaction.atomic():
        if load_target(target_type, target_id) is None:
            raise ModerationError(404, "This item no longer exists.")
        if release:
            ModerationClaim.objects.filter(
                target_type=target_type, target_id=target_id, claimed_by=moderator
            ).delete()
            return None
        found, _ = ModerationClaim.objects.update_or_create(
            target_type=target_type, target_id=target_id, defaults={"claimed_by": moderator}
        )
        log(
            found,
            LOG_PREFIX + "claim",
            user=moderator,
            title=f"Claimed {target_type} {target_id}",
            data={"target_type": target_type, "target_id": target_id},
        )
        return found


def note_add(*, moderator, target_type: str, target_id: int, body: str) -> ModerationNote:
    _check(moderator, target_type)
    body = nh3.clean(body or "", tags=set()).strip()
    if not body or len(body) > MAX_NOTE_LENGTH:
        raise ModerationError(422, f"Write a note of 1 to {MAX_NOTE_LENGTH} characters.")
    if load_target(target_type, target_id) is None:
        raise ModerationError(404, "This item no longer exists.")
    with transaction.atomic():
        note = ModerationNote.objects.create(
            target_type=target_type, target_id=target_id, author=moderator, body=body
        )
        log(
            note,
            LOG_PREFIX + "note",
            user=moderator,
            title=f"Note on {target_type} {target_id}",
            data={"target_type": target_type, "target_id": target_id},
        )
    return note
