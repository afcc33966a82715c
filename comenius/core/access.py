"""Reads shared across the platform."""

from __future__ import annotations

from django.db.models import Q, QuerySet


def audit_events_for(viewer: object, *, action: str = "", query: str = "") -> QuerySet:
    """The audit log as its reader may see it: an NSO officer their own country's entries, central support
    every entry; nobody else anything. Newest first."""
    from comenius.core.models import AuditEvent

    role = getattr(viewer, "role", None)
    events = AuditEvent.objects.select_related("actor", "country")
    if role == "central":
        pass
    elif role == "nso":
        events = events.filter(country_id=getattr(viewer, "country_id", None))
    else:
        return events.none()
    if action:
        events = events.filter(action=action)
    if query:
        events = events.filter(Q(target_label__icontains=query) | Q(reason__icontains=query))
    return events.order_by("-created_at", "-id")
