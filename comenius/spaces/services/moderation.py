"""Hiding and deleting space content for moderators (called by moderation.services, which checks who
decides and writes the audit log). A chat message has no hide mark of its own: hiding it is a soft delete."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from comenius.spaces.models import ChatMessage


def set_hidden(content: Any, hidden: bool) -> None:
    if isinstance(content, ChatMessage):
        content.deleted_at = timezone.now() if hidden else None
        content.save(update_fields=["deleted_at"])
        if hidden:
            from comenius.spaces.services import chat

            chat.announce_deleted(content)
        return
    content.hidden_at = timezone.now() if hidden else None
    content.save(update_fields=["hidden_at"])


def delete_content(content: Any) -> None:
    """Delete the content (a material's stored files too)."""
    for field in ("file", "thumbnail"):
        stored = getattr(content, field, None)
        if stored:
            stored.delete(save=False)
    content.delete()
