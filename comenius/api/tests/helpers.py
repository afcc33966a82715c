"""Tokens and calls for the API tests."""

from __future__ import annotations

from typing import Any

from django.test import Client

from comenius.api import services
from comenius.api.scopes import Scope


def token_for(user: Any, *scopes: str, days: int = 30) -> str:
    _token, secret = services.create_token(user, "test", list(scopes or [Scope.PROFILE_READ]), days)
    return secret


def api_get(path: str, token: str | None = None, **headers: Any) -> Any:
    if token:
        headers["HTTP_AUTHORIZATION"] = f"Bearer {token}"
    return Client().get(f"/api/v1{path}", **headers)


def api_post(path: str, data: dict[str, Any], token: str | None = None, **headers: Any) -> Any:
    if token:
        headers["HTTP_AUTHORIZATION"] = f"Bearer {token}"
    return Client().post(f"/api/v1{path}", data, content_type="application/json", **headers)
