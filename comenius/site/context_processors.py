from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from comenius.site.access import header_counts


def header(request: HttpRequest) -> dict[str, Any]:
    """The header's badges for validated members, evaluated only when a template shows them."""
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated and getattr(user, "is_validated_member", False):
        return {"header_counts": SimpleLazyObject(lambda: header_counts(user))}
    return {}
