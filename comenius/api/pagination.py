"""Cursor pagination: each page carries an opaque, signed cursor to the next one, so a deep page costs the same
as the first (keyset: `id < last id`) and a cursor cannot be forged to read outside the caller's rows (the
rows are filtered by access first; the cursor only says where to continue)."""

from __future__ import annotations

from typing import Any, TypeVar

from django.core import signing
from django.db.models import F, Model, Q, QuerySet
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _

from comenius.api.errors import ApiError

M = TypeVar("M", bound=Model)
SALT = "comenius.api.cursor"
DEFAULT_LIMIT = 50
MAX_LIMIT = 100
# Ranked text search has no stable key to continue from: its cursor is an offset, and it stops here.
MAX_RANKED_OFFSET = 500


def encode(values: list[Any]) -> str:
    return signing.dumps(values, salt=SALT, compress=False)


def decode(cursor: str) -> list[Any]:
    try:
        values = signing.loads(cursor, salt=SALT)
    except signing.BadSignature as error:
        raise _bad_cursor() from error
    if not isinstance(values, list):
        raise _bad_cursor()
    return values


def clamp(limit: int | None) -> int:
    return max(1, min(limit or DEFAULT_LIMIT, MAX_LIMIT))


def by_id(
    rows: QuerySet[M], cursor: str | None, limit: int | None, *, newest_first: bool = True, walk_ids: bool = True
) -> tuple[list[M], str | None]:
    """One page of `rows` in id order (newest first by default), and the cursor to the next.

    `walk_ids=False` sorts by an expression of the id instead of the id itself, so PostgreSQL cannot walk the
    primary key and filter row by row: it asks the filters' own indexes and sorts what they find. For word
    filters answered by trigram indexes, whose selectivity the planner guesses from the word's length (a
    walk through every row for a word nobody uses); the order is the same."""
    size = clamp(limit)
    if cursor:
        (last,) = _ints(decode(cursor), 1)
        rows = rows.filter(pk__lt=last) if newest_first else rows.filter(pk__gt=last)
    key = F("pk") if walk_ids else F("pk") + 0
    page = list(rows.order_by(key.desc() if newest_first else key.asc())[: size + 1])
    more = len(page) > size
    page = page[:size]
    return page, encode([page[-1].pk]) if more and page else None


def by_time_and_id(rows: QuerySet[M], field: str, cursor: str | None, limit: int | None) -> tuple[list[M], str | None]:
    """Newest first by a timestamp `field` (ties broken by id), for lists ordered by activity."""
    size = clamp(limit)
    if cursor:
        values = decode(cursor)
        stamp = parse_datetime(values[0]) if len(values) == 2 and isinstance(values[0], str) else None
        last = values[1] if stamp is not None and type(values[1]) is int else None
        if stamp is None or last is None:
            raise _bad_cursor()
        rows = rows.filter(Q(**{f"{field}__lt": stamp}) | Q(**{field: stamp, "pk__lt": last}))
    page = list(rows.order_by(f"-{field}", "-pk")[: size + 1])
    more = len(page) > size
    page = page[:size]
    if not (more and page):
        return page, None
    return page, encode([getattr(page[-1], field).isoformat(), page[-1].pk])


def by_offset(rows: QuerySet[M], cursor: str | None, limit: int | None) -> tuple[list[M], str | None]:
    """Ranked results (text search): an offset cursor, up to MAX_RANKED_OFFSET results in all."""
    size = clamp(limit)
    offset = _ints(decode(cursor), 1)[0] if cursor else 0
    if offset > MAX_RANKED_OFFSET:
        raise _bad_cursor()
    page = list(rows[offset : offset + size + 1])
    more = len(page) > size and offset + size < MAX_RANKED_OFFSET
    return page[:size], encode([offset + size]) if more else None


def _ints(values: list[Any], count: int) -> list[int]:
    if len(values) != count or not all(type(value) is int and value >= 0 for value in values):
        raise _bad_cursor()
    return values


def _bad_cursor() -> ApiError:
    return ApiError(400, "invalid_cursor", _("This cursor is not one the API gave out. Start again without it."))
