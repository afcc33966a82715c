"""What of partner finding can be machine-translated (the translation registry): a message of one's own
conversations, a project idea, a member's introduction. Each is read through network's access, so a reader
reaches exactly what the page shows them."""

from __future__ import annotations

from typing import Any

from django.http import Http404

from comenius.network import access
from comenius.translation.registry import Kind, register


def _introduction_for(viewer: Any, user_id: int) -> Any:
    profile = access.get_profile_for(viewer, user_id)
    if not access.cards_for(viewer, [profile])[0].introduction:  # not shown to others: nothing to translate
        raise Http404
    return profile


def register_kinds() -> None:
    register(
        Kind(
            "message",
            fetch_for=access.get_message_for,
            text=lambda message: message.body,
            author=lambda message: message.sender,
        )
    )
    register(
        Kind(
            "idea",
            fetch_for=access.get_idea_for,
            text=lambda idea: f"{idea.title}\n\n{idea.description}",
            author=lambda idea: idea.author,
        )
    )
    register(
        Kind(
            "introduction",
            fetch_for=_introduction_for,
            text=lambda profile: profile.introduction,
            author=lambda profile: profile.user,
        )
    )
