"""Read replicas (issue 17): with `DATABASE_REPLICA_URL` set (a PostgreSQL streaming replica), the pages' reads go
to the replica and everything else to the primary.

What goes to the primary, always:
- every write (the replica is read-only);
- every read that is not inside a GET or HEAD request: form posts, the task worker, management commands — they
  read what they are about to change;
- every read inside a transaction on the primary, and every read of a request that has written;
- every read of the member's next requests for `REPLICA_PIN_SECONDS` after a request that wrote (a cookie
  pins them): the page after "Your post is on the home page." shows the post although the replica may lag a
  moment behind;
- every read while the replica is unreachable or lags more than `REPLICA_MAX_LAG_SECONDS` behind: the replica is
  checked at most every `REPLICA_CHECK_SECONDS` per process (a short connection with a 2-second timeout and one
  query of its replay lag), and a failed check keeps the pages on the primary for `REPLICA_RETRY_SECONDS`.

Without `DATABASE_REPLICA_URL` the router answers nothing and Django does what it always does. `make
replica-drill` runs this against a real streaming replica (deploy/replica_drill.py).
"""

from __future__ import annotations

import contextvars
import logging
import time
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.db import DatabaseError, connections
from django.http import HttpRequest, HttpResponse

logger = logging.getLogger(__name__)

REPLICA = "replica"
PIN_COOKIE = "comenius_primary_until"

# Per request (contextvars: each ASGI request and each thread has its own).
_reads_may_use_replica: contextvars.ContextVar[bool] = contextvars.ContextVar("reads_may_use_replica", default=False)


class _ReplicaState:
    """This process's view of the replica: usable or not, and since when."""

    usable = True
    checked_at = float("-inf")


_state = _ReplicaState()


def configured() -> bool:
    return REPLICA in settings.DATABASES


class ReplicaRouter:
    """settings.DATABASE_ROUTERS (only when a replica is configured)."""

    def db_for_read(self, model: Any, **hints: Any) -> str | None:
        if not configured() or not _reads_may_use_replica.get():
            return "default"
        if connections["default"].in_atomic_block or not _state.usable:
            return "default"
        return REPLICA

    def db_for_write(self, model: Any, **hints: Any) -> str | None:
        return "default"

    def allow_relation(self, first: Any, second: Any, **hints: Any) -> bool:
        return True  # the same data on both

    def allow_migrate(self, db: str, app_label: str, **hints: Any) -> bool:
        return db == "default"


def check_replica(now: float | None = None) -> bool:
    """Whether the replica may serve reads now; asks it at most every REPLICA_CHECK_SECONDS (per process)."""
    now = time.monotonic() if now is None else now
    wait = settings.REPLICA_CHECK_SECONDS if _state.usable else settings.REPLICA_RETRY_SECONDS
    if now - _state.checked_at < wait:
        return _state.usable
    _state.checked_at = now
    was_usable = _state.usable
    try:
        with connections[REPLICA].cursor() as cursor:
            # How far the replica's replayed data is behind; NULL (nothing replayed yet) and no lag count as 0.
            # Replay at or past what was received is no lag: right after a restart the replica has replayed its
            # own WAL while its receiver reports only where it restarted streaming (the segment's start), and
            # the time since the last replayed commit says nothing when the primary is idle.
            cursor.execute(
                "SELECT CASE WHEN pg_last_wal_receive_lsn() <= pg_last_wal_replay_lsn() THEN 0 "
                "ELSE COALESCE(EXTRACT(EPOCH FROM now() - pg_last_xact_replay_timestamp()), 0) END"
            )
            row = cursor.fetchone()
        lag = float(row[0]) if row and row[0] is not None else 0.0
        _state.usable = lag <= settings.REPLICA_MAX_LAG_SECONDS
        if not _state.usable:
            logger.warning("The read replica lags %.1f s behind: pages read from the primary", lag)
    except DatabaseError as error:
        _state.usable = False
        connections[REPLICA].close()
        if was_usable:
            logger.warning("The read replica is unreachable (%s): pages read from the primary", error)
    if _state.usable and not was_usable:
        logger.warning("The read replica is back: pages read from it again")
    return _state.usable


def _is_write(sql: str) -> bool:
    head = sql.lstrip().split(None, 1)[0].upper() if sql.strip() else ""
    return head not in ("SELECT", "SHOW", "SET") or " FOR UPDATE" in sql.upper()


class ReplicaMiddleware:
    """Decides per request whether its reads may go to the replica, and pins a member to the primary for a
    moment after a request that wrote (see the module's text). In MIDDLEWARE before the session is read."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not configured():
            return self.get_response(request)
        pinned = _pinned_by_cookie(request)
        may_use = request.method in ("GET", "HEAD") and not pinned and check_replica()
        token = _reads_may_use_replica.set(may_use)
        wrote = False

        def watch(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
            nonlocal wrote
            if _is_write(sql):
                wrote = True
                _reads_may_use_replica.set(False)  # this request's later reads see its own write
            return execute(sql, params, many, context)

        try:
            with connections["default"].execute_wrapper(watch):
                response = self.get_response(request)
        finally:
            _reads_may_use_replica.reset(token)
        if wrote:
            until = int(time.time() + settings.REPLICA_PIN_SECONDS)
            response.set_cookie(
                PIN_COOKIE,
                str(until),
                max_age=settings.REPLICA_PIN_SECONDS,
                secure=settings.SESSION_COOKIE_SECURE,
                httponly=True,
                samesite="Lax",
            )
        return response


def _pinned_by_cookie(request: HttpRequest) -> bool:
    try:
        until = int(request.COOKIES.get(PIN_COOKIE, "0"))
    except ValueError:
        return False
    # Not signed on purpose: a forged or replayed cookie only sends the forger's own reads to the primary.
    return time.time() < until
