"""The account area's moderation notices (/account/notices/) and appeals (one per action)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from engagement.models import Appeal, Notice
from engagement.services.moderation import ModerationError
from engagement.services.moderation.appeals import appeal_create


@login_required
def notices_view(request):
    notices = list(Notice.objects.filter(user=request.user).select_related("action")[:100])
    appealed = set(Appeal.objects.filter(user=request.user).values_list("action_id", flat=True))
    for notice in notices:
        notice.may_appeal = notice.appealable and notice.action_id not in appealed
        notice.appealed = notice.appealable and notice.action_id in appealed
    return render(request, "account/notices.html", {"notices": notices, "page_title": _("Notices")})


@login_required
@require_POST
def appeal_view(request, action_id: int):
    try:
        appeal_create(user=request.user, action_id=action_id, body=request.POST.get("body", ""))
    except ModerationError as exc:
        messages.error(request, exc.detail)
    else:
        messages.success(request, _("Your appeal was sent; a moderator will look at it."))
    return redirect("account:notices")
