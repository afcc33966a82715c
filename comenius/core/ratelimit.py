"""A fixed-window rate limit in the cache, for actions that leave no row to count (uploads replace files).

The cache is Redis in production (shared by every process); on the embedded default it is per process,
which is enough for one machine. Actions that leave rows (contact requests, ideas, reports) count those rows
in the database instead."""

from __future__ import annotations

import time

from django.core.cache import cache
from django.utils.translation import gettext as _

from comenius.core.errors import DomainError


def hit(key: str, limit: int, window_seconds: int) -> bool:
    """Count one action under `key`; False once more than `limit` happened in the current window."""
    bucket = f"ratelimit:{key}:{int(time.time() // window_seconds)}"
    if cache.add(bucket, 1, window_seconds):
        return True
    try:
        count = cache.incr(bucket)
    except ValueError:  # expired between add and incr
        cache.set(bucket, 1, window_seconds)
        return True
    return count <= limit


def check_uploads(user_id: int, limit: int) -> None:
    """Refuse a member's upload beyond `limit` per hour (UPLOADS_PER_HOUR)."""
    if not hit(f"upload:{user_id}", limit, 3600):
        raise DomainError(_("You have uploaded many files in the last hour. Please wait a little and try again."))
