"""Reads of a member's own notifications. Every item shown is checked against the owning app's access (the
registered `Target` of its kind): an item about an object that is gone or that the reader may no longer see is
not shown, not counted and cannot be opened (404)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date
from typing import Any

from django.db.models import Q
from django.utils import timezone

from comenius.notifications import registry
from comenius.notifications.models import Notification

# The bell counts at most this many unread items (then shows "99+"): a bounded query however much waits.
UNREAD_CAP = 99
PAGE_SIZE = 50


def _visible(user: Any, items: Iterable[Notification]) -> list[Notification]:
    items = list(items)
    wanted: dict[str, set[int]] = defaultdict(set)
    for item in items:
        if item.target_kind and item.target_id is not None and item.target_kind in registry.TARGETS:
            wanted[item.target_kind].add(item.target_id)
    allowed = {
        kind: set(registry.TARGETS[kind].visible_ids(user, ids)) if ids else set() for kind, ids in wanted.items()
    }
    return [item for item in items if item.target_kind not in allowed or item.target_id in allowed[item.target_kind]]


def unread_items(user: Any) -> Any:
    """The reader's unread items as a queryset (the header's one badge query counts it: `site.access`)."""
    return Notification.objects.filter(recipient=user, read_at__isnull=True)


def unread_count(user: Any, *, fresh: bool = False) -> int:
    """Unread items, at most UNREAD_CAP + 1 (shown as "99+").

    `fresh=True` (the live push, the centre) counts only items the reader may still see: one query for the
    unread rows and one per kind of object among them. Page headers ask without it: one plain count (validated
    members' pages fold it into the header's one badge query, `site.access.header_counts`) — a fixed cost per
    page. An item whose object went out of sight may be counted there until the centre is opened, which retires
    it (marks it read) and never shows it."""
    if not fresh:
        return unread_items(user)[: UNREAD_CAP + 1].count()
    unread = unread_items(user).only("pk", "target_kind", "target_id")
    return len(_visible(user, unread[: UNREAD_CAP + 1]))


def visible_item(user: Any, notification_id: int) -> Notification | None:
    item = Notification.objects.filter(pk=notification_id, recipient=user).first()
    if item is None or not _visible(user, [item]):
        return None
    return item


def link_of(item: Notification) -> str:
    target = registry.TARGETS.get(item.target_kind)
    if target is not None and target.path is not None and item.target_id is not None:
        path = target.path(item.target_id)
        if path:
            return path
    return item.url or "/"


def page_for(user: Any, before: int | None = None) -> tuple[list[tuple[date, list[Notification]]], int | None]:
    """One page of the centre, newest first, grouped by day in the active time zone, and the id to continue
    `before` (None on the last page). Two queries plus one per target kind on the page."""
    queryset = Notification.objects.filter(recipient=user)
    if before is not None:
        ref = queryset.filter(pk=before).values_list("created_at", flat=True).first()
        if ref is not None:
            queryset = queryset.filter(Q(created_at__lt=ref) | Q(created_at=ref, pk__lt=before))
    rows = list(queryset.order_by("-created_at", "-pk")[: PAGE_SIZE + 1])
    more = len(rows) > PAGE_SIZE
    rows = rows[:PAGE_SIZE]
    days: dict[date, list[Notification]] = {}
    shown = _visible(user, rows)
    gone = [item.pk for item in rows if item.read_at is None and item not in shown]
    if gone:  # out of the reader's sight now: retired, so no count keeps them
        Notification.objects.filter(pk__in=gone).update(read_at=timezone.now())
    for item in shown:
        days.setdefault(timezone.localtime(item.created_at).date(), []).append(item)
    return list(days.items()), (rows[-1].pk if more and rows else None)
