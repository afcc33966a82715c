"""Reads that put several apps together on one page: the front page's figures and the header's badges."""

from __future__ import annotations

from typing import Any

from django.core.cache import cache
from django.db.models import F, Func, IntegerField, QuerySet, Subquery

from comenius.accounts.models import MemberStatus, Role, User
from comenius.core.models import Country
from comenius.institutions.models import Institution, InstitutionStatus
from comenius.network.access import conversations_for
from comenius.notifications.access import capped_unread
from comenius.projects.access import invitations_for

FIGURES_CACHE_SECONDS = 60


def public_figures() -> dict[str, int]:
    """Validated members, validated institutions and participating countries, cached for a minute."""
    figures = cache.get("public_figures")
    if figures is None:
        figures = {
            "members": User.objects.filter(role=Role.MEMBER, status=MemberStatus.VALIDATED).count(),
            "institutions": Institution.objects.filter(status=InstitutionStatus.VALIDATED).count(),
            "countries": Country.objects.participating().count(),
        }
        cache.set("public_figures", figures, FIGURES_CACHE_SECONDS)
    return figures


def _count(queryset: QuerySet[Any]) -> Subquery:
    """COUNT(*) of a queryset as a scalar subquery (Func, not an aggregate, so no GROUP BY is added)."""
    counted = queryset.order_by().annotate(n=Func(F("pk"), function="COUNT")).values("n")
    return Subquery(counted, output_field=IntegerField())


def header_counts(user: Any) -> dict[str, int]:
    """The header's badges (unread conversations, project invitations, unread notifications for the bell) in one
    query, whatever the data size."""
    row = (
        User.objects.filter(pk=user.pk)
        .annotate(
            unread=_count(conversations_for(user).filter(unread=True)),  # type: ignore[misc]
            invitations=_count(invitations_for(user).select_related(None)),
            unread_notifications=_count(capped_unread(user)),
        )
        .values("unread", "invitations", "unread_notifications")
        .first()
    )
    return row or {"unread": 0, "invitations": 0, "unread_notifications": 0}
