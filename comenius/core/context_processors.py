from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db.models import F, Func, IntegerField, QuerySet, Subquery
from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject


def _count(queryset: QuerySet[Any]) -> Subquery:
    """COUNT(*) of a queryset as a scalar subquery (Func, not an aggregate, so no GROUP BY is added)."""
    counted = queryset.order_by().annotate(n=Func(F("pk"), function="COUNT")).values("n")
    return Subquery(counted, output_field=IntegerField())


def header_counts(user: Any) -> dict[str, int]:
    """The header's badges (unread conversations, project invitations) in one query, whatever the data size."""
    from comenius.accounts.models import User
    from comenius.network.access import conversations_for
    from comenius.projects.access import invitations_for

    row = (
        User.objects.filter(pk=user.pk)
        .annotate(
            unread=_count(conversations_for(user).filter(unread=True)),  # type: ignore[misc]
            invitations=_count(invitations_for(user).select_related(None)),
        )
        .values("unread", "invitations")
        .first()
    )
    return row or {"unread": 0, "invitations": 0}


def platform(request: HttpRequest) -> dict[str, Any]:
    context: dict[str, Any] = {"platform_name": settings.PLATFORM_NAME, "demo_mode": not settings.PRODUCTION}
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated and getattr(user, "is_validated_member", False):
        # Lazy: evaluated only when a template shows it.
        context["header_counts"] = SimpleLazyObject(lambda: header_counts(user))
    return context
