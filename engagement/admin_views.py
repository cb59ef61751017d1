"""The moderation queue in the Wagtail admin (/admin/moderation/), mounted by wagtail_hooks.

Thin views: reads come from engagement.selectors.moderation, every change from
engagement.services.moderation (which checks the role again). Every view refuses (403)
accounts whose role does not handle the item's kind; changes are POST with CSRF.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext
from django.views.decorators.http import require_POST

from engagement.models import BlockedTerm, ReportReason, TargetType
from engagement.selectors import moderation as queue
from engagement.services.moderation import ModerationError, actions, terms
from engagement.services.moderation.targets import (
    CONDUCT_PERM,
    MAX_ID,
    kinds_for,
    load_target,
    may_handle,
    may_use_queue,
)

KIND_LABELS = dict(TargetType.choices)
REASON_LABELS = dict(ReportReason.choices)


def _require_queue(request):
    if not may_use_queue(request.user):
        raise PermissionDenied


def _require_kind(request, target_type: str, target_id: int):
    if target_type not in KIND_LABELS or not 0 < target_id <= MAX_ID:
        raise Http404
    if not may_handle(request.user, target_type):
        raise PermissionDenied
    target = load_target(target_type, target_id)
    if target is None:
        raise Http404
    return target


def _detail_url(target_type, target_id) -> str:
    return reverse("moderation:item", args=[target_type, target_id])


def queue_view(request):
    _require_queue(request)
    filters = queue.QueueFilters.from_query(request.GET)
    result = queue.queue_page(request.user, filters)
    for row in result.rows:
        row.kind_label = KIND_LABELS[row.target_type]
        row.reason_names = [REASON_LABELS.get(r, r) for r in sorted(row.reasons)]
    kinds = kinds_for(request.user)
    base = {k: v for k, v in request.GET.items() if k != "page"}
    return render(
        request,
        "engagement/admin/queue.html",
        {
            "result": result,
            "filters": filters,
            "kinds": [(k, KIND_LABELS[k], result.counts["kind"].get(k, 0)) for k in kinds],
            "reasons": [
                (r, REASON_LABELS[r], n) for r, n in sorted(result.counts["reason"].items())
            ],
            "statuses": [
                (s, label, result.counts["status"].get(s, 0)) for s, label in queue.STATUSES.items()
            ],
            "ages": list(queue.AGES.items()),
            "sorts": list(queue.SORTS),
            "bulk_actions": _bulk_actions(kinds),
            "query": urlencode(base),
            "may_edit_terms": request.user.has_perm(CONDUCT_PERM),
        },
    )


def _bulk_actions(kinds) -> list[tuple[str, str]]:
    names = ["dismiss"]
    if TargetType.REVIEW in kinds:
        names += ["hide", "restore", "delete", "approve"]
    if TargetType.EPISODE in kinds:
        names += ["resolve"]
    return [(name, actions.ACTIONS[name][0]) for name in names]


def item_view(request, target_type: str, target_id: int):
    target = _require_kind(request, target_type, target_id)
    context = {
        "target_type": target_type,
        "target_id": target_id,
        "target": target,
        "kind_label": KIND_LABELS[target_type],
        "reason_labels": REASON_LABELS,
        "available_actions": [
            (name, actions.ACTIONS[name][0]) for name in actions.ACTIONS_FOR[target_type]
        ],
        "warning_presets": [p for p in actions.WARNING_PRESETS if p],
        **queue.item_detail(target_type, target_id),
    }
    if target_type == TargetType.REVIEW:
        context.update(queue.author_context(target.user, exclude_review_id=target.pk))
    elif target_type == TargetType.USER:
        context.update(queue.author_context(target))
    elif target_type == TargetType.APPEAL:
        context["appealed"] = target.action
        context.update(queue.author_context(target.user))
    elif target_type == TargetType.EPISODE:
        context["edit_url"] = reverse("wagtailadmin_pages:edit", args=[target.pk])
        context["video"] = target.video if target.video_id else None
    return render(request, "engagement/admin/item.html", context)


@require_POST
def act_view(request, target_type: str, target_id: int):
    _require_kind(request, target_type, target_id)
    name = request.POST.get("action", "")
    try:
        actions.act(
            name,
            moderator=request.user,
            target_type=target_type,
            target_id=target_id,
            reason=request.POST.get("reason", ""),
            days=_int(request.POST.get("days")),
            body=request.POST.get("body") if request.POST.get("edit") == "1" else None,
            preset=request.POST.get("preset", ""),
        )
    except ModerationError as exc:
        messages.error(request, exc.detail)
    else:
        messages.success(request, actions.ACTIONS[name][1] + ".")
    return redirect(_detail_url(target_type, target_id))


def _int(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


@require_POST
def claim_view(request, target_type: str, target_id: int):
    _require_kind(request, target_type, target_id)
    release = request.POST.get("release") == "1"
    actions.claim(
        moderator=request.user, target_type=target_type, target_id=target_id, release=release
    )
    messages.success(request, "Released." if release else "Assigned to you.")
    return redirect(_detail_url(target_type, target_id))


@require_POST
def note_view(request, target_type: str, target_id: int):
    _require_kind(request, target_type, target_id)
    try:
        actions.note_add(
            moderator=request.user,
            target_type=target_type,
            target_id=target_id,
            body=request.POST.get("body", ""),
        )
    except ModerationError as exc:
        messages.error(request, exc.detail)
    else:
        messages.success(request, gettext("Note added."))
    return redirect(_detail_url(target_type, target_id))


@require_POST
def bulk_view(request):
    _require_queue(request)
    items = []
    for key in request.POST.getlist("items")[:200]:
        kind, _, pk = key.partition(":")
        if kind in KIND_LABELS and pk.isdigit():
            items.append((kind, int(pk)))
    name = request.POST.get("action", "")
    if not items or name not in actions.ACTIONS:
        messages.error(request, gettext("Select items and an action."))
        return redirect("moderation:queue")
    done, refused = actions.act_bulk(
        name, moderator=request.user, items=items, reason=request.POST.get("reason", "")
    )
    if done:
        messages.success(
            request,
            gettext("%(action)s: %(count)d item(s).")
            % {"action": actions.ACTIONS[name][1], "count": len(done)},
        )
    for (kind, pk), detail in refused:
        messages.error(request, f"{KIND_LABELS[kind]} {pk}: {detail}")
    return redirect("moderation:queue")


def log_view(request):
    _require_queue(request)
    kinds = kinds_for(request.user)
    moderator_id = _int(request.GET.get("moderator"))
    action = request.GET.get("action", "")
    action = action if action in actions.ACTIONS else ""
    entries = queue.moderation_log(moderator_id=moderator_id, action=action).filter(
        data__target_type__in=kinds
    )
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    moderators = (
        get_user_model()
        .objects.filter(pk__in=queue.moderation_log().values("user_id"))
        .order_by("email")
    )
    return render(
        request,
        "engagement/admin/log.html",
        {
            "page": page,
            "moderators": moderators,
            "moderator_id": moderator_id,
            "action": action,
            "action_names": [(k, v[0]) for k, v in actions.ACTIONS.items()],
        },
    )


def terms_view(request):
    if not request.user.has_perm(CONDUCT_PERM):
        raise PermissionDenied
    if request.method == "POST":
        try:
            terms.term_add(request.POST.get("term", ""))
        except ValueError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, gettext("Blocked term added."))
        return redirect("moderation:terms")
    return render(request, "engagement/admin/terms.html", {"terms": BlockedTerm.objects.all()})


@require_POST
def term_delete_view(request, pk: int):
    if not request.user.has_perm(CONDUCT_PERM):
        raise PermissionDenied
    terms.term_delete(pk)
    messages.success(request, gettext("Blocked term removed."))
    return redirect("moderation:terms")
