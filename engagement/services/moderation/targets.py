"""What a queue item points at, and which role handles which kind."""

from __future__ import annotations

from django.contrib.auth import get_user_model

from engagement.models import Appeal, Review, TargetType

MAX_ID = 2**31 - 1

# Moderators (and admins) handle reviews, accounts and appeals; editors (and admins)
# handle episode problems.
CONDUCT_PERM = "engagement.moderate_conduct"
EPISODE_PERM = "engagement.handle_episode_reports"
PERM_FOR = {
    TargetType.REVIEW: CONDUCT_PERM,
    TargetType.USER: CONDUCT_PERM,
    TargetType.APPEAL: CONDUCT_PERM,
    TargetType.EPISODE: EPISODE_PERM,
}


def kinds_for(user) -> list[str]:
    """The kinds of queue item ``user`` sees and acts on (none: not a moderator or editor)."""
    return [kind for kind, perm in PERM_FOR.items() if user.has_perm(perm)]


def may_handle(user, target_type: str) -> bool:
    perm = PERM_FOR.get(target_type)
    return bool(perm) and user.has_perm(perm)


def may_use_queue(user) -> bool:
    return bool(kinds_for(user))


def load_target(target_type: str, target_id: int):
    """The object behind a queue item (None: it does not exist)."""
    if not 0 < int(target_id) <= MAX_ID:
        return None
    if target_type == TargetType.REVIEW:
        return Review.objects.select_related("user", "page").filter(pk=target_id).first()
    if target_type == TargetType.USER:
        return get_user_model().objects.filter(pk=target_id).first()
    if target_type == TargetType.EPISODE:
        from catalog.models import EpisodePage

        return EpisodePage.objects.select_related("video").filter(pk=target_id).first()
    if target_type == TargetType.APPEAL:
        return Appeal.objects.select_related("action", "user").filter(pk=target_id).first()
    return None


def subject_of(target_type: str, target):
    """The account a target is about (a review's author, the account), or None."""
    if target_type == TargetType.REVIEW:
        return target.user
    if target_type == TargetType.USER:
        return target
    if target_type == TargetType.APPEAL:
        return target.user
    return None
