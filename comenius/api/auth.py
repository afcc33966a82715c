"""Who is calling the API: personal access tokens with scopes, and the rate limits per address and token."""

from __future__ import annotations

import math
import time
from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja.security import HttpBearer
from ninja.throttling import BaseThrottle

from comenius.api import services
from comenius.api.errors import ApiError
from comenius.api.models import AccessToken
from comenius.core.ratelimit import hit


def client_address(request: HttpRequest) -> str:
    return str(request.META.get("REMOTE_ADDR", ""))


class TokenAuth(HttpBearer):
    """A personal access token with the scope the endpoint needs. No token, or a dead one: 401. A live token
    without the scope: 403 `insufficient_scope`. The request body is size-checked before anything reads it."""

    def __init__(self, scope: str) -> None:
        super().__init__()
        self.scope = scope

    def __call__(self, request: HttpRequest) -> Any:
        length = request.META.get("CONTENT_LENGTH") or "0"
        if not length.isdigit() or int(length) > settings.API_MAX_BODY_BYTES:
            raise ApiError(413, "too_large", _("The request is too large."))
        return super().__call__(request)

    def authenticate(self, request: HttpRequest, token: str) -> AccessToken | None:
        found = services.authenticate(token)
        if found is None:
            return None
        if self.scope not in found.scopes:
            raise ApiError(
                403,
                "insufficient_scope",
                _("This token may not do this. It needs the right “%(scope)s”.") % {"scope": self.scope},
            )
        request.user = found.user  # what access functions and services see, as on the pages
        return found


class AddressThrottle(BaseThrottle):
    """Every caller, per address and minute (API_REQUESTS_PER_MINUTE_PER_ADDRESS)."""

    window = 60

    def allow_request(self, request: HttpRequest) -> bool:
        return hit(f"api:addr:{client_address(request)}", settings.API_REQUESTS_PER_MINUTE_PER_ADDRESS, self.window)

    def wait(self) -> float:
        return math.ceil(self.window - time.time() % self.window)


class TokenThrottle(AddressThrottle):
    """Callers with a token, per token and minute (API_REQUESTS_PER_MINUTE_PER_TOKEN), wherever they are."""

    def allow_request(self, request: HttpRequest) -> bool:
        token = getattr(request, "auth", None)
        if not isinstance(token, AccessToken):
            return True
        return hit(f"api:token:{token.pk}", settings.API_REQUESTS_PER_MINUTE_PER_TOKEN, self.window)
