"""Reads of a member's own notifications. Every item shown is checked against the owning app's access (the
registered `Target` of its kind, in SQL): an item about an object that is gone or that the reader may no longer
see is not shown, not counted and cannot be opened (404) — from the first page load after the change."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date
from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone

from comenius.notifications import registry
from comenius.notifications.models import Notification, Watch, WatchLevel

# The bell counts at most this many unread items (then shows "99+"): a bounded query however much waits.
UNREAD_CAP = 99
PAGE_SIZE = 50


def visibility(user: Any) -> Q:
    """The condition an item must meet to be shown, counted or opened: no target, a kind nobody registered, or an
    object the registered `Target` still lets the reader see — one correlated `EXISTS` per registered kind
    (an index lookup by primary key per item). The number of queries does not depend on how many items wait."""
    condition = Q(target_id__isnull=True) | ~Q(target_kind__in=list(registry.TARGETS))
    for kind, target in registry.TARGETS.items():
        condition |= Q(Q(target_kind=kind), Exists(target.visible(user).filter(pk=OuterRef("target_id"))))
    return condition


def visible_items(user: Any) -> QuerySet[Notification]:
    """The reader's items whose object they may still see."""
    return Notification.objects.filter(recipient=user).filter(visibility(user))


def _visible(user: Any, items: Iterable[Notification]) -> list[Notification]:
    """Of these items (already loaded), those the reader may still see: one query per kind among them."""
    items = list(items)
    wanted: dict[str, set[int]] = defaultdict(set)
    for item in items:
        if item.target_kind and item.target_id is not None and item.target_kind in registry.TARGETS:
            wanted[item.target_kind].add(item.target_id)
    allowed = {kind: registry.TARGETS[kind].visible_ids(user, ids) for kind, ids in wanted.items()}
    return [item for item in items if item.target_kind not in allowed or item.target_id in allowed[item.target_kind]]


def unread_items(user: Any) -> QuerySet[Notification]:
    """The reader's unread items they may still see, as a queryset (the header's one badge query counts it:
    `site.access.header_counts`)."""
    return visible_items(user).filter(read_at__isnull=True)


def capped_unread(user: Any) -> QuerySet[Notification]:
    """The first UNREAD_CAP + 1 visible unread items, as a queryset whose COUNT the header folds into its one badge
    query: the visibility checks stop after that many rows, however much waits (the bell shows "99+")."""
    first = unread_items(user).order_by().values("pk")[: UNREAD_CAP + 1]
    return Notification.objects.filter(pk__in=Subquery(first))


def unread_count(user: Any, *, fresh: bool = False) -> int:
    """Unread items the reader may still see, at most UNREAD_CAP + 1 (shown as "99+"): one query. An item whose
    object went out of sight (they left the project, a moderator hid the post) is not counted from the next
    page on, without waiting for the centre. (`fresh` is kept for callers of the live push; the count is
    always fresh.)"""
    return unread_items(user)[: UNREAD_CAP + 1].count()


def visible_item(user: Any, notification_id: int) -> Notification | None:
    return visible_items(user).filter(pk=notification_id).first()


def watching_ids(kind: str, object_id: int) -> list[int]:
    """The members who chose "watching" for one object (the app that owns it tells them of every reply, after
    checking they may still see it)."""
    return list(
        Watch.objects.filter(kind=kind, object_id=object_id, level=WatchLevel.WATCHING).values_list(
            "user_id", flat=True
        )
    )


def link_of(item: Notification) -> str:
    target = registry.TARGETS.get(item.target_kind)
    if target is not None and target.path is not None and item.target_id is not None:
        path = target.path(item.target_id)
        if path:
            return path
    return item.url or "/"


def page_for(user: Any, before: int | None = None) -> tuple[list[tuple[date, list[Notification]]], int | None]:
    """One page of the centre, newest first, grouped by day in the active time zone, and the id to continue
    `before` (None on the last page). Two queries, whatever the page holds; items about objects out of the
    reader's sight are left out by the query."""
    queryset = visible_items(user)
    if before is not None:
        ref = Notification.objects.filter(recipient=user, pk=before).values_list("created_at", flat=True).first()
        if ref is not None:
            queryset = queryset.filter(Q(created_at__lt=ref) | Q(created_at=ref, pk__lt=before))
    rows = list(queryset.order_by("-created_at", "-pk")[: PAGE_SIZE + 1])
    more = len(rows) > PAGE_SIZE
    rows = rows[:PAGE_SIZE]
    days: dict[date, list[Notification]] = {}
    for item in rows:
        days.setdefault(timezone.localtime(item.created_at).date(), []).append(item)
    return list(days.items()), (rows[-1].pk if more and rows else None)
