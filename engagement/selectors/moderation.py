"""Reads for the moderation queue: one row per target, filters with counts, the detail view.

The queue is the union of three grouped reads — open reports by target, reviews waiting
for approval that nobody reported, and open appeals — sorted and paginated in the
database, then the page's targets are fetched in one query per kind. The number of
queries does not depend on how many reports there are (docs/moderation.md).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import (
    CharField,
    Count,
    Exists,
    F,
    IntegerField,
    Min,
    OuterRef,
    Q,
    Subquery,
    Value,
)
from django.db.models.functions import Cast, Concat
from django.utils import timezone
from django.utils.translation import gettext_lazy

from engagement.models import (
    Appeal,
    AppealStatus,
    ModerationAction,
    ModerationClaim,
    ModerationNote,
    Report,
    ReportStatus,
    Review,
    ReviewStatus,
    TargetType,
)
from engagement.services.moderation.targets import kinds_for

PAGE_SIZE = 25
SORTS = {
    "priority": ("-reporters", "oldest"),
    "oldest": ("oldest",),
    "newest": ("-oldest",),
    "reports": ("-reports", "oldest"),
}
STATUSES = {
    "reported": gettext_lazy("Reported"),
    "pending": gettext_lazy("Waiting for approval"),
    "appeal": gettext_lazy("Appeals"),
}
AGES = {
    "1": gettext_lazy("Older than a day"),
    "7": gettext_lazy("Older than a week"),
    "30": gettext_lazy("Older than 30 days"),
}
COLUMNS = ["target_type", "target_id", "reports", "reporters", "oldest", "claimed_by_id"]


@dataclass
class QueueFilters:
    kind: str = ""
    reason: str = ""
    status: str = ""
    age: str = ""
    mine: bool = False
    q: str = ""
    sort: str = "priority"
    page: int = 1

    @classmethod
    def from_query(cls, data) -> QueueFilters:
        try:
            page = max(1, min(int(data.get("page") or 1), 10_000))
        except ValueError:
            page = 1
        sort = data.get("sort") or "priority"
        return cls(
            kind=data.get("kind", ""),
            reason=data.get("reason", ""),
            status=data.get("status", "") if data.get("status", "") in STATUSES else "",
            age=data.get("age", "") if data.get("age", "") in AGES else "",
            mine=data.get("mine") == "1",
            q=(data.get("q") or "").strip()[:100],
            sort=sort if sort in SORTS else "priority",
            page=page,
        )


@dataclass
class QueueRow:
    target_type: str
    target_id: int
    reports: int
    reporters: int
    oldest: datetime
    claimed_by_id: int | None
    reasons: list[str] = field(default_factory=list)
    target: object = None
    claimed_by: object = None
    priority: str = "normal"

    @property
    def key(self) -> str:
        return f"{self.target_type}:{self.target_id}"


@dataclass
class QueuePage:
    rows: list[QueueRow]
    total: int
    page: int
    pages: int
    counts: dict = field(default_factory=dict)


def _claim(target_type_ref, target_id_ref):
    return Subquery(
        ModerationClaim.objects.filter(target_type=target_type_ref, target_id=target_id_ref).values(
            "claimed_by_id"
        )[:1],
        output_field=IntegerField(),
    )


def _search(q: str) -> Q:
    user_model = get_user_model()
    from catalog.models import EpisodePage

    return (
        Q(
            target_type=TargetType.REVIEW,
            target_id__in=Review.objects.filter(
                Q(body__icontains=q) | Q(user__email__icontains=q)
            ).values("pk"),
        )
        | Q(
            target_type=TargetType.USER,
            target_id__in=user_model.objects.filter(
                Q(email__icontains=q) | Q(display_name__icontains=q)
            ).values("pk"),
        )
        | Q(
            target_type=TargetType.EPISODE,
            target_id__in=EpisodePage.objects.filter(title__icontains=q).values("pk"),
        )
    )


def _parts(kinds: list[str], f: QueueFilters, user, now: datetime):
    """The union's parts (querysets of COLUMNS) the filters leave."""
    parts = []
    before = now - timedelta(days=int(f.age)) if f.age else None
    report_kinds = [k for k in kinds if k != TargetType.APPEAL]
    if f.kind:
        report_kinds = [k for k in report_kinds if k == f.kind]
    if report_kinds and f.status in ("", "reported"):
        reports = Report.objects.filter(status=ReportStatus.OPEN, target_type__in=report_kinds)
        if f.reason:
            reports = reports.filter(
                Exists(
                    Report.objects.filter(
                        status=ReportStatus.OPEN,
                        target_type=OuterRef("target_type"),
                        target_id=OuterRef("target_id"),
                        reason=f.reason,
                    )
                )
            )
        if f.q:
            reports = reports.filter(_search(f.q))
        grouped = (
            reports.values("target_type", "target_id")
            .annotate(
                reports=Count("id"),
                reporters=Count("reporter_id", distinct=True),
                oldest=Min("created_at"),
                claimed_by_id=_claim(OuterRef("target_type"), OuterRef("target_id")),
            )
            .values(*COLUMNS)
        )
        if before:
            grouped = grouped.filter(oldest__lte=before)
        if f.mine:
            grouped = grouped.filter(claimed_by_id=user.pk)
        parts.append(grouped)
    no_reason = not f.reason
    wants_pending = f.kind in ("", TargetType.REVIEW) and f.status in ("", "pending")
    if TargetType.REVIEW in kinds and wants_pending and no_reason:
        pending = Review.objects.filter(status=ReviewStatus.PENDING).exclude(
            Exists(
                Report.objects.filter(
                    status=ReportStatus.OPEN,
                    target_type=TargetType.REVIEW,
                    target_id=OuterRef("pk"),
                )
            )
        )
        if f.q:
            pending = pending.filter(Q(body__icontains=f.q) | Q(user__email__icontains=f.q))
        if before:
            pending = pending.filter(updated_at__lte=before)
        pending = pending.annotate(
            target_type=Value(TargetType.REVIEW.value, output_field=CharField()),
            target_id=F("pk"),
            reports=Value(0, output_field=IntegerField()),
            reporters=Value(0, output_field=IntegerField()),
            oldest=F("updated_at"),
            claimed_by_id=_claim(Value(TargetType.REVIEW.value), OuterRef("pk")),
        )
        if f.mine:
            pending = pending.filter(claimed_by_id=user.pk)
        parts.append(pending.values(*COLUMNS))
    wants_appeals = f.kind in ("", TargetType.APPEAL) and f.status in ("", "appeal")
    if TargetType.APPEAL in kinds and wants_appeals and no_reason:
        appeals = Appeal.objects.filter(status=AppealStatus.OPEN)
        if f.q:
            appeals = appeals.filter(Q(body__icontains=f.q) | Q(user__email__icontains=f.q))
        if before:
            appeals = appeals.filter(created_at__lte=before)
        appeals = appeals.annotate(
            target_type=Value(TargetType.APPEAL.value, output_field=CharField()),
            target_id=F("pk"),
            reports=Value(0, output_field=IntegerField()),
            reporters=Value(0, output_field=IntegerField()),
            oldest=F("created_at"),
            claimed_by_id=_claim(Value(TargetType.APPEAL.value), OuterRef("pk")),
        )
        if f.mine:
            appeals = appeals.filter(claimed_by_id=user.pk)
        parts.append(appeals.values(*COLUMNS))
    return parts


def _union(parts):
    if not parts:
        return None
    first, *rest = parts
    return first.union(*rest, all=True) if rest else first


def queue_count(user) -> int:
    """Open items ``user``'s roles handle (the menu badge and the dashboard panel).

    Counted once per request: the queue page's own counts are reused when it has them.
    """
    cached = getattr(user, "_moderation_open_items", None)
    if cached is None:
        cached = _open_total(filter_counts(kinds_for(user)))
        user._moderation_open_items = cached
    return cached


def _open_total(counts: dict) -> int:
    return sum(counts["kind"].values())


def filter_counts(kinds: list[str]) -> dict:
    """Open items per kind, per reason and per status (at most four queries)."""
    report_kinds = [k for k in kinds if k != TargetType.APPEAL]
    open_reports = Report.objects.filter(status=ReportStatus.OPEN, target_type__in=report_kinds)
    by_kind = {
        row["target_type"]: row["n"]
        for row in open_reports.values("target_type").annotate(n=Count("target_id", distinct=True))
    }
    by_reason = {
        row["reason"]: row["n"]
        for row in open_reports.values("reason").annotate(
            n=Count(
                Concat("target_type", Value(":"), Cast("target_id", CharField())), distinct=True
            )
        )
    }
    pending = appeals = 0
    if TargetType.REVIEW in kinds:
        pending = (
            Review.objects.filter(status=ReviewStatus.PENDING)
            .exclude(
                Exists(
                    Report.objects.filter(
                        status=ReportStatus.OPEN,
                        target_type=TargetType.REVIEW,
                        target_id=OuterRef("pk"),
                    )
                )
            )
            .count()
        )
    if TargetType.APPEAL in kinds:
        appeals = Appeal.objects.filter(status=AppealStatus.OPEN).count()
    if pending:
        by_kind[TargetType.REVIEW] = by_kind.get(TargetType.REVIEW, 0) + pending
    if appeals:
        by_kind[TargetType.APPEAL] = appeals
    return {
        "kind": by_kind,
        "reason": by_reason,
        "status": {
            "reported": sum(n for k, n in by_kind.items() if k != TargetType.APPEAL) - pending,
            "pending": pending,
            "appeal": appeals,
        },
    }


def _attach_targets(rows: list[QueueRow]) -> None:
    """The page's targets and claimers (one query per kind present, at most four) and the
    reasons of its reported targets (one query)."""
    from catalog.models import EpisodePage

    ids: dict[str, set[int]] = {}
    for row in rows:
        ids.setdefault(row.target_type, set()).add(row.target_id)
    found: dict[tuple[str, int], object] = {}
    if TargetType.REVIEW in ids:
        for review in Review.objects.select_related("user", "page").filter(
            pk__in=ids[TargetType.REVIEW]
        ):
            found[(TargetType.REVIEW, review.pk)] = review
    user_ids = set(ids.get(TargetType.USER, set())) | {
        row.claimed_by_id for row in rows if row.claimed_by_id
    }
    users = {u.pk: u for u in get_user_model().objects.filter(pk__in=user_ids)} if user_ids else {}
    for pk in ids.get(TargetType.USER, set()):
        if pk in users:
            found[(TargetType.USER, pk)] = users[pk]
    if TargetType.EPISODE in ids:
        for episode in EpisodePage.objects.select_related("video").filter(
            pk__in=ids[TargetType.EPISODE]
        ):
            found[(TargetType.EPISODE, episode.pk)] = episode
    if TargetType.APPEAL in ids:
        for appeal in Appeal.objects.select_related("action", "user").filter(
            pk__in=ids[TargetType.APPEAL]
        ):
            found[(TargetType.APPEAL, appeal.pk)] = appeal
    reported = [row for row in rows if row.reports]
    if reported:
        pairs = Q()
        for row in reported:
            pairs |= Q(target_type=row.target_type, target_id=row.target_id)
        reasons: dict[tuple[str, int], list[str]] = {}
        for target_type, target_id, reason in (
            Report.objects.filter(pairs, status=ReportStatus.OPEN)
            .values_list("target_type", "target_id", "reason")
            .distinct()
        ):
            reasons.setdefault((target_type, target_id), []).append(reason)
        for row in reported:
            row.reasons = sorted(reasons.get((row.target_type, row.target_id), []))
    threshold = getattr(settings, "MODERATION_REPORT_THRESHOLD", 0) or 3
    old = timezone.now() - timedelta(days=3)
    for row in rows:
        row.target = found.get((row.target_type, row.target_id))
        row.claimed_by = users.get(row.claimed_by_id)
        if row.reporters >= threshold or row.oldest <= old:
            row.priority = "high"


def queue_page(user, filters: QueueFilters, *, page_size: int = PAGE_SIZE) -> QueuePage:
    """One page of the queue for ``user``'s roles, with the counts per filter."""
    kinds = kinds_for(user)
    if filters.kind and filters.kind not in kinds:
        return QueuePage(rows=[], total=0, page=1, pages=1, counts=filter_counts(kinds))
    counts = filter_counts(kinds)
    user._moderation_open_items = _open_total(counts)
    union = _union(_parts(kinds, filters, user, timezone.now()))
    if union is None:
        return QueuePage(rows=[], total=0, page=1, pages=1, counts=counts)
    unfiltered = QueueFilters(sort=filters.sort, page=filters.page) == filters
    total = _open_total(counts) if unfiltered else union.count()
    pages = max(1, -(-total // page_size))
    page = min(filters.page, pages)
    ordered = union.order_by(*SORTS[filters.sort], "target_type", "target_id")
    start = (page - 1) * page_size
    rows = [QueueRow(**values) for values in ordered[start : start + page_size]]
    _attach_targets(rows)
    return QueuePage(rows=rows, total=total, page=page, pages=pages, counts=counts)


def oldest_open(user) -> datetime | None:
    union = _union(_parts(kinds_for(user), QueueFilters(), user, timezone.now()))
    if union is None:
        return None
    first = list(union.order_by("oldest")[:1])
    return first[0]["oldest"] if first else None


# --- the detail view ----------------------------------------------------------------------


def item_detail(target_type: str, target_id: int) -> dict:
    """What the detail view shows besides the target: its reports (open and earlier), the
    actions and audit entries on it, its notes, and for a review the author's others."""
    from wagtail.models import ModelLogEntry

    reports = list(
        Report.objects.filter(target_type=target_type, target_id=target_id)
        .select_related("reporter", "action")
        .order_by("-created_at")[:200]
    )
    actions = list(
        ModerationAction.objects.filter(target_type=target_type, target_id=target_id)
        .select_related("moderator")
        .order_by("-created_at")[:200]
    )
    from django.contrib.contenttypes.models import ContentType

    log_entries = list(
        ModelLogEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(ModerationAction),
            object_id__in=[str(a.pk) for a in actions],
        )
        .select_related("user")
        .order_by("-timestamp")
    )
    notes = list(
        ModerationNote.objects.filter(target_type=target_type, target_id=target_id).select_related(
            "author"
        )
    )
    claim = (
        ModerationClaim.objects.filter(target_type=target_type, target_id=target_id)
        .select_related("claimed_by")
        .first()
    )
    return {
        "open_reports": [r for r in reports if r.status == ReportStatus.OPEN],
        "earlier_reports": [r for r in reports if r.status != ReportStatus.OPEN],
        "actions": actions,
        "log_entries": log_entries,
        "notes": notes,
        "claim": claim,
    }


def author_context(user, *, exclude_review_id: int | None = None) -> dict:
    """The author's other reviews, account age, reports and actions about them."""
    others = (
        Review.objects.filter(user=user)
        .exclude(pk=exclude_review_id)
        .select_related("page")
        .order_by("-created_at")[:20]
    )
    return {
        "author": user,
        "account_age_days": (timezone.now() - user.date_joined).days,
        "other_reviews": list(others),
        "actions_about": list(
            ModerationAction.objects.filter(subject=user)
            .select_related("moderator")
            .order_by("-created_at")[:20]
        ),
        "reports_about": Report.objects.filter(
            target_type=TargetType.USER, target_id=user.pk
        ).count(),
    }


def moderation_log(*, moderator_id: int | None = None, action: str = ""):
    """Wagtail audit entries of moderation, newest first (the global log)."""
    from wagtail.models import ModelLogEntry

    entries = ModelLogEntry.objects.filter(action__startswith="moderation.").select_related("user")
    if moderator_id:
        entries = entries.filter(user_id=moderator_id)
    if action:
        entries = entries.filter(action=f"moderation.{action}")
    return entries.order_by("-timestamp")
