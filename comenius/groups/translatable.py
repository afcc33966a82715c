"""What of a thematic group can be machine-translated (the translation registry): posts, comments, discussions
and their replies, read through the group's seat exactly as the group's pages show them."""

from __future__ import annotations

from typing import Any

from comenius.groups import access
from comenius.translation.registry import Kind, register

TEXTS = {
    "group_post": lambda post: post.body,
    "group_comment": lambda comment: comment.body,
    "group_discussion": lambda discussion: f"{discussion.title}\n\n{discussion.body}",
    "group_reply": lambda reply: reply.body,
}


def _reader(kind: str) -> Any:
    model = access.CONTENT_MODELS[kind]

    def fetch_for(reader: Any, pk: int) -> Any:
        group_id = model.objects.filter(pk=pk).values_list("group_id", flat=True).first()
        if group_id is None:
            from django.http import Http404

            raise Http404
        return access.content_for(access.seat_for(reader, group_id), kind, pk)

    return fetch_for


def register_kinds() -> None:
    for kind, text in TEXTS.items():
        register(Kind(kind, fetch_for=_reader(kind), text=text, author=lambda content: content.author))
