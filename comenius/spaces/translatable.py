"""What of a project space can be machine-translated (the translation registry): posts, comments, pages,
forum threads and replies, chat messages. Each is read as `access.reportable_for` reads it — the seat in the
space, hidden and deleted content, the bulletin, drafts, teachers' rooms — and pupils' content only for members
of the space: a reader from outside the project (an evaluator of a label application) does not get it."""

from __future__ import annotations

from typing import Any

from django.http import Http404
from django.utils.html import escape

from comenius.spaces import access
from comenius.translation.registry import Kind, register

TEXTS = {
    "post": lambda post: post.body,
    "comment": lambda comment: comment.body,
    "thread": lambda thread: f"{thread.title}\n\n{thread.body}",
    "reply": lambda reply: reply.body,
    "chat_message": lambda message: message.body,
}


def _content_for(reader: Any, kind: str, pk: int) -> Any:
    content: Any = access.reportable_for(reader, kind, pk)
    author = content.author
    if author is not None and author.is_pupil:
        seat = access.seat_for(reader, access.space_of_content(kind, content).pk)
        if seat.role == access.SpaceRole.EVALUATOR:
            raise Http404
    return content


def _reader(kind: str) -> Any:
    return lambda reader, pk: _content_for(reader, kind, pk)


def register_kinds() -> None:
    for kind, text in TEXTS.items():
        register(Kind(kind, fetch_for=_reader(kind), text=text, author=lambda content: content.author))
    # A page's body is sanitised HTML (spaces.sanitise): it goes to the engine as HTML, so its structure stays.
    register(
        Kind(
            "page",
            fetch_for=_reader("page"),
            text=lambda page: f"<h2>{escape(page.title)}</h2>{page.body}",
            text_format="html",
            author=lambda page: page.author,
        )
    )
