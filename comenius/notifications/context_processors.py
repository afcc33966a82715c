from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from comenius.notifications import access


def bell(request: HttpRequest) -> dict[str, Any]:
    """The bell's unread count, evaluated only when a template shows it."""
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return {"notification_unread": SimpleLazyObject(lambda: access.unread_count(user))}
    return {}
