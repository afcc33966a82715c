"""Reads of a member's own notifications. Every item shown is checked against the owning app's access (the
registered `Target` of its kind): an item about an object that is gone or that the reader may no longer see is
not shown, not counted and cannot be opened (404)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date
from typing import Any

from django.core.cache import cache
from django.db.models import Q
from django.utils import timezone

from comenius.notifications import registry
from comenius.notifications.models import Notification

# The bell counts at most this many unread items (then shows "99+"): a bounded query however much waits.
UNREAD_CAP = 99
PAGE_SIZE = 50
COUNT_SECONDS = 60


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


def _count_key(user_id: int) -> str:
    return f"notifications:unread:{user_id}"


def forget_count(user_id: int) -> None:
    """Called by every write that changes a member's unread items (at once, not after commit: a stale count
    is recomputed, never kept)."""
    cache.delete(_count_key(user_id))


def unread_count(user: Any, *, fresh: bool = False) -> int:
    """Unread items the reader may still see, at most UNREAD_CAP + 1 (shown as "99+").

    The bell shows it on every page, so it is cached for COUNT_SECONDS (and dropped by every new item and read
    mark): a warm page pays no query for it. An object that became invisible in the meantime drops out of the
    count at the latest after COUNT_SECONDS; the centre and the links check visibility every time."""
    key = _count_key(user.pk)
    if not fresh:
        cached = cache.get(key)
        if cached is not None:
            return int(cached)
    unread = Notification.objects.filter(recipient=user, read_at__isnull=True).only("pk", "target_kind", "target_id")
    count = len(_visible(user, unread[: UNREAD_CAP + 1]))
    cache.set(key, count, COUNT_SECONDS)
    return count


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
    for item in _visible(user, rows):
        days.setdefault(timezone.localtime(item.created_at).date(), []).append(item)
    return list(days.items()), (rows[-1].pk if more and rows else None)
