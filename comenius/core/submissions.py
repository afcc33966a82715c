"""Idempotent writes (issue 17): a message, post, comment or reply is stored once per submitted form.

Each such form carries a fresh random key (`SubmissionKeyField`, or `{% submission_key %}` in a hand-written
form; the API takes an `Idempotency-Key` header). The view calls the app's service through `once()`: the key is
claimed in the same transaction as the row the service stores, so the claim and the row commit together or not at
all. A second submit with the same key — a double click, a phone that resent the form after a lost answer, a
browser reload — does not store again; it gets the row the first one stored, and the page answers as if it had
just been stored.

Two submits racing with one key: the second insert of the claim waits on the unique index until the first commits
(PostgreSQL), then fails and reads the stored row. A submit without a key (an old form, a script) behaves as before.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import timedelta
from typing import TypeVar

from django import forms
from django.db import IntegrityError, models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from comenius.core.errors import DomainError
from comenius.core.models import SubmissionKey
from comenius.core.tasks import background

Row = TypeVar("Row", bound=models.Model)

KEEP_FOR = timedelta(days=1)


def new_key() -> str:
    return str(uuid.uuid4())


def parse_key(value: object) -> uuid.UUID | None:
    """A submitted key, or None for a missing or malformed one (then the write simply is not deduplicated)."""
    if isinstance(value, uuid.UUID):
        return value
    if not isinstance(value, str) or not value.strip():
        return None
    try:
        return uuid.UUID(value.strip())
    except ValueError:
        return None


class SubmissionKeyField(forms.Field):
    """A hidden field with a new key each time an unbound form is shown; a form shown again after an error keeps
    the key it was sent with (it is the same attempt)."""

    widget = forms.HiddenInput

    def __init__(self, **kwargs: object) -> None:
        kwargs.setdefault("required", False)
        kwargs.setdefault("initial", new_key)
        super().__init__(**kwargs)  # type: ignore[arg-type]

    def to_python(self, value: object) -> uuid.UUID | None:
        # A tampered or truncated key is not an error the member could fix: the write goes ahead undeduplicated.
        return parse_key(value)


def once(user_id: int, key: uuid.UUID | None, scope: str, model: type[Row], store: Callable[[], Row]) -> Row:
    """Run `store` — one call of the app's service, which creates one row of `model` — at most once per
    (user, key), and return that row; a repeated key returns the row the first call stored, without calling the
    service again (so neither its checks, such as flood limits the first call counted in, nor its notifications).

    Who may call: views and API endpoints, around the service they would call anyway. Locks: the claim's unique
    index (user, key) for the length of the transaction. Emits nothing itself. A key used for another kind of
    write, or whose row has since been removed, is refused with a message.
    """
    if key is None:
        return store()
    with transaction.atomic():
        try:
            with transaction.atomic():
                claim = SubmissionKey.objects.create(user_id=user_id, key=key, scope=scope)
        except IntegrityError:
            earlier = SubmissionKey.objects.filter(user_id=user_id, key=key).first()
            if earlier is None or earlier.scope != scope or earlier.object_id is None:
                raise DomainError(_("This form was already sent. Open the page again and write once more.")) from None
            row = model._default_manager.filter(pk=earlier.object_id).first()
            if row is None:  # stored, then removed (by its author or a moderator): nothing to store again
                raise DomainError(_("This was already sent, and has since been removed.")) from None
            return row
        row = store()
        SubmissionKey.objects.filter(pk=claim.pk).update(object_id=row.pk)
    return row


@background(retries=1, backoff=300)
def prune_submission_keys() -> int:
    """Periodic (daily): keys older than a day; a resend after that long is a new message."""
    deleted, _counts = SubmissionKey.objects.filter(created_at__lt=timezone.now() - KEEP_FOR).delete()
    return deleted


def forget_user(user_id: int) -> None:
    SubmissionKey.objects.filter(user_id=user_id).delete()
