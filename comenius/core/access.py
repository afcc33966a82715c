"""Reads shared across the platform."""

from __future__ import annotations

from django.core.cache import cache
from django.db.models import Q, QuerySet

FIGURES_CACHE_SECONDS = 60


def public_figures() -> dict[str, int]:
    """Validated members, validated institutions and participating countries, cached for a minute."""
    figures = cache.get("public_figures")
    if figures is None:
        from comenius.accounts.models import MemberStatus, Role, User
        from comenius.core.models import Country
        from comenius.institutions.models import Institution, InstitutionStatus

        figures = {
            "members": User.objects.filter(role=Role.MEMBER, status=MemberStatus.VALIDATED).count(),
            "institutions": Institution.objects.filter(status=InstitutionStatus.VALIDATED).count(),
            "countries": Country.objects.participating().count(),
        }
        cache.set("public_figures", figures, FIGURES_CACHE_SECONDS)
    return figures


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
