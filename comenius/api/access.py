"""Reads of a member's tokens (only their own)."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from comenius.api.models import AccessToken
from comenius.core.lifecycle import ExportPart


def tokens_of(user: Any) -> QuerySet[AccessToken]:
    return AccessToken.objects.filter(user=user).order_by("-created_at")


def get_token_for(user: Any, pk: int) -> AccessToken:
    return get_object_or_404(AccessToken, user=user, pk=pk)


def own_data(user: Any) -> ExportPart:
    """The member's tokens as they see them in the list: name, rights, dates; never the secret or digest."""
    tokens = [
        {
            "name": token.name,
            "starts_with": token.prefix,
            "scopes": token.scopes,
            "created_at": token.created_at.isoformat(),
            "expires_at": token.expires_at.isoformat(),
            "last_used_at": token.last_used_at.isoformat() if token.last_used_at else None,
            "revoked_at": token.revoked_at.isoformat() if token.revoked_at else None,
        }
        for token in tokens_of(user)
    ]
    return ExportPart({"api_tokens": tokens}, {})
