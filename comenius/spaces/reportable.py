"""What of project spaces can be reported (the moderation registry), and who moderates it locally: the
space's teacher administrators, beside central support. Pupils can report too (in simple words)."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from django.apps import apps
from django.db.models import Model
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from comenius.moderation.registry import Kind, LocalScope, register_kind, register_local_scope
from comenius.spaces import access
from comenius.spaces.services import moderation


def rich_text_as_text(html: str) -> str:
    """A page's sanitised rich text as the words a moderator reads (issue 11: not its HTML tags): blocks and
    line breaks become new lines, entities their characters."""
    from html import unescape

    from django.utils.html import strip_tags

    text = re.sub(r"(?i)<br\s*/?>|</(?:p|li|h[1-6]|blockquote|pre|div|tr)>", "\n", html)
    text = unescape(strip_tags(text))
    return re.sub(r"\n\s*\n+", "\n\n", text).strip()


SPACE_KINDS: list[tuple[str, Promise, Callable[[Any], str]]] = [
    # "Post", "Comment" and "Reply" are also buttons: as kinds of content they are nouns (a context of their own).
    ("post", pgettext_lazy("kind of content", "Post"), lambda post: post.body),
    ("comment", pgettext_lazy("kind of content", "Comment"), lambda comment: comment.body),
    ("page", _("Page"), lambda page: f"{page.title}\n\n{rich_text_as_text(page.body)}"),
    ("material", _("Material"), lambda material: f"{material.title}\n{material.filename or material.url}"),
    ("thread", _("Forum thread"), lambda thread: f"{thread.title}\n\n{thread.body}"),
    ("reply", pgettext_lazy("kind of content", "Reply"), lambda reply: reply.body),
    ("chat_message", _("Chat message"), lambda message: message.body),
]


def _space_kind(key: str, label: Promise, text: Callable[[Any], str]) -> Kind:
    model_name, _space_path = access.REPORTABLE[key]

    def fetch(pk: int) -> Model | None:
        return apps.get_model("spaces", model_name).objects.filter(pk=pk).first()

    return Kind(
        key,
        label,
        fetch_for=lambda viewer, pk: access.reportable_for(viewer, key, pk),  # type: ignore[arg-type,return-value]
        fetch=fetch,
        author=lambda content: content.author,
        describe=text,
        set_hidden=moderation.set_hidden,
        delete=moderation.delete_content,
        space_of=lambda content: access.space_of_content(key, content),
    )


def register() -> None:
    for key, label, text in SPACE_KINDS:
        register_kind(_space_kind(key, label, text))
    register_local_scope(LocalScope("space", lambda user: set(access.administered_space_ids(user))))
