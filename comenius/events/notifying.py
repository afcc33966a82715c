"""How events tell people things: an e-mail in the recipient's language (core.emails, by a task, after commit),
and in-app on the pages themselves (an offer of a place shows on the event page and on "My events" with its
deadline and the buttons to take or leave it).

`comenius.notifications` (issue 15) was not committed while this app was written; `tell` is the one place to
switch to its `notify(...)` when it lands."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.urls import reverse

from comenius.core.emails import absolute_url, send_templated_mail


def tell(user: Any, template: str, context: dict[str, Any]) -> None:
    """E-mail `user` after the current transaction commits (nothing for a rolled-back one, nothing for pupils
    or accounts without an address)."""
    if not user.email or not user.is_active:
        return
    values = {"name": user.get_short_name(), **context}
    transaction.on_commit(lambda: send_templated_mail(user.email, user.language, template, values))


def event_url(event: Any) -> str:
    return absolute_url(reverse("events:detail", kwargs={"pk": event.pk}))
