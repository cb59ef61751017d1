"""Appeals: the account an action was about may appeal it once; the appeal is a queue item."""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wagtail.log_actions import log

import nh3

from engagement.models import Appeal, AppealStatus, ModerationAction, TargetType
from engagement.models.moderation import MAX_NOTE_LENGTH
from engagement.services.moderation import ModerationError, notifications
from engagement.services.moderation.notifications import APPEALABLE
from subscriptions.languages import in_language_of


def appeal_create(*, user, action_id: int, body: str) -> Appeal:
    """``user``'s one appeal against one action about them (404 for anyone else's)."""
    action = ModerationAction.objects.filter(pk=action_id, subject=user).first()
    if action is None or action.action not in APPEALABLE:
        raise ModerationError(404, "There is no decision to appeal here.")
    body = nh3.clean(body or "", tags=set()).strip()
    if not body or len(body) > MAX_NOTE_LENGTH:
        raise ModerationError(422, f"Explain your appeal in 1 to {MAX_NOTE_LENGTH} characters.")
    try:
        with transaction.atomic():
            return Appeal.objects.create(action=action, user=user, body=body)
    except IntegrityError:
        raise ModerationError(409, "You have already appealed this decision.") from None


def appeal_decide(appeal: Appeal, *, moderator, grant: bool, reason: str) -> ModerationAction:
    """Uphold or grant (reverse the action); in the caller's transaction."""
    from engagement.services.moderation.actions import ACTIONS, LOG_PREFIX, reverse_action

    locked = Appeal.objects.select_for_update().select_related("action").get(pk=appeal.pk)
    if locked.status != AppealStatus.OPEN:
        raise ModerationError(409, "This appeal has been decided already.")
    if grant:
        reverse_action(locked.action, moderator=moderator, reason=reason)
    name = "grant" if grant else "uphold"
    locked.status = AppealStatus.GRANTED if grant else AppealStatus.UPHELD
    locked.decided_at, locked.decided_by = timezone.now(), moderator
    locked.save(update_fields=["status", "decided_at", "decided_by"])
    action = ModerationAction.objects.create(
        action=name,
        target_type=TargetType.APPEAL,
        target_id=locked.pk,
        moderator=moderator,
        subject=locked.user,
        reason=reason,
        data={"appealed_action_id": locked.action_id, "report_ids": []},
    )
    log(
        action,
        LOG_PREFIX + name,
        user=moderator,
        title=f"{ACTIONS[name][1]} (appeal {locked.pk})",
        data={
            "target_type": "appeal",
            "target_id": locked.pk,
            "reason": reason,
            "appealed_action_id": locked.action_id,
            "report_ids": [],
        },
    )
    with in_language_of(locked.user):
        outcome = (
            _("Your appeal was granted and the decision reversed.")
            if grant
            else _("Your appeal was considered and the decision stands.")
        )
        notifications.notify(
            locked.user,
            _("About your appeal"),
            outcome + (f"\n\n{reason}" if reason else ""),
            action=action,
        )
    return action
