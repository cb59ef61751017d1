"""Moderation's part of the data export and of account deletion (registered in
engagement/contributions.py)."""

from __future__ import annotations

from engagement.models import Appeal, Notice, Report, ReportStatus


def moderation_export(user) -> dict:
    """The person's reports, notices and appeals (not moderators' internal notes)."""
    return {
        "reports": list(
            Report.objects.filter(reporter=user).values(
                "target_type", "target_id", "reason", "note", "position", "status", "created_at"
            )
        ),
        "notices": list(Notice.objects.filter(user=user).values("subject", "body", "created_at")),
        "appeals": list(
            Appeal.objects.filter(user=user).values("body", "status", "created_at", "decided_at")
        ),
    }


def moderation_data_delete(user) -> None:
    """A deleted account's notices and appeals go, and its open reports are withdrawn;
    resolved reports and the actions about it stay for the audit trail (they hold no
    text of the person beyond the report note, which is emptied)."""
    Notice.objects.filter(user=user).delete()
    Appeal.objects.filter(user=user, status="open").delete()
    Report.objects.filter(reporter=user, status=ReportStatus.OPEN).delete()
    Report.objects.filter(reporter=user).update(note="")
