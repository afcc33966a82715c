"""Reads of a member's own notifications. Every item shown is checked against the owning app's access (the
registered `Target` of its kind): an item about an object that is gone or that the reader may no longer see is
not shown, not counted and cannot be opened (404)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date
from typing import Any

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


def unread_count(user: Any) -> int:
    """Unread items the reader may still see, at most UNREAD_CAP + 1 (shown as "99+")."""
    unread = Notification.objects.filter(recipient=user, read_at__isnull=True).only("pk", "target_kind", "target_id")[
        : UNREAD_CAP + 1
    ]
    return len(_visible(user, unread))


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
        queryset = queryset.filter(pk__lt=before)
    rows = list(queryset.order_by("-pk")[: PAGE_SIZE + 1])
    more = len(rows) > PAGE_SIZE
    rows = rows[:PAGE_SIZE]
    days: dict[date, list[Notification]] = {}
    for item in _visible(user, rows):
        days.setdefault(timezone.localtime(item.created_at).date(), []).append(item)
    return list(days.items()), (rows[-1].pk if more and rows else None)
