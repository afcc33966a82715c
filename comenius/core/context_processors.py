from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject


def platform(request: HttpRequest) -> dict[str, Any]:
    context: dict[str, Any] = {"platform_name": settings.PLATFORM_NAME, "demo_mode": not settings.PRODUCTION}
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated and getattr(user, "is_validated_member", False):
        from comenius.network.access import unread_count

        # Lazy: evaluated only when a template shows it (one query, whatever the inbox size).
        context["unread_messages"] = SimpleLazyObject(lambda: unread_count(user))
    return context
