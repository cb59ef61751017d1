"""``POST /api/v1/reports``: report a review, an account or a problem with an episode.

Review and account reports go to moderators, episode problems to editors (the queue at
/admin/moderation/). The rules and refusals are engagement.services.moderation.reports.
"""

from __future__ import annotations

from datetime import datetime

from ninja import Field, Router, Schema, Status
from ninja.errors import HttpError

from engagement.api.auth import session_write
from engagement.guards import writer_profile
from engagement.services.moderation import ModerationError
from engagement.services.moderation.reports import report_create

router = Router(tags=["reports"])


class ReportIn(Schema):
    target_type: str = Field(description='"review", "user" or "episode"')
    target_id: int
    reason: str
    note: str = ""
    position: float | None = None


class ReportOut(Schema):
    id: int
    target_type: str
    target_id: int
    reason: str
    status: str
    created_at: datetime


@router.post("/reports", response={201: ReportOut}, auth=session_write)
def create_report(request, payload: ReportIn):
    """File a report (one open report per reporter and target; rate limited)."""
    writer_profile(request)
    try:
        report = report_create(
            request=request,
            reporter=request.user,
            target_type=payload.target_type,
            target_id=payload.target_id,
            reason=payload.reason,
            note=payload.note,
            position=payload.position,
        )
    except ModerationError as exc:
        raise HttpError(exc.status, exc.detail) from None
    return Status(201, report)
