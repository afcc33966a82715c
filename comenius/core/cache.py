"""The cache on Redis that degrades instead of failing (settings.CACHES when REDIS_URL is set).

Django's RedisCache raises when Redis is unreachable, and every page reads the cache (the front page's figures,
the filter choices, the log-in's rate limits): one Redis outage made every page answer 500. This backend catches
Redis' errors, logs the outage once, and serves every call from a cache in this process's memory until Redis
answers again (tried again every REDIS_RETRY_SECONDS, and at once by /healthz):

* reads are misses at first, so pages compute what they would have read (the cache only ever holds copies);
* counters (core.ratelimit, allauth's log-in limits) count in this process only: a limit still holds, per app
  process instead of for the whole platform, until Redis is back (docs/security.md, "When Redis is down");
* what was written during the outage stays in that process; what Redis held before is served again after it.

Sessions are in the database, never here (settings: Django's default session engine).
"""

from __future__ import annotations

import logging
import threading
import time
from typing import Any

from django.core.cache.backends import locmem
from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

# Unreachable, refused, timed out, a server loading its data or refusing writes: all mean "not now".
UNAVAILABLE = (RedisError, OSError)
FALLBACK_PREFIX = "comenius-redis-fallback:"


class _Outage:
    """Per process and Redis address: since when Redis failed, when to try it again."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.down_since: float | None = None
        self.retry_at = 0.0
        self.failures = 0


_outages: dict[str, _Outage] = {}
_outages_lock = threading.Lock()


def _outage_for(location: str) -> _Outage:
    with _outages_lock:
        return _outages.setdefault(location, _Outage())


def forget_outages() -> None:
    """Forget every outage and empty the fallbacks (tests that start from a Redis not yet tried)."""
    with _outages_lock:
        _outages.clear()
    stores: dict[str, Any] = locmem._caches  # type: ignore[attr-defined]
    expiries: dict[str, Any] = locmem._expire_info  # type: ignore[attr-defined]
    for name in [name for name in stores if name.startswith(FALLBACK_PREFIX)]:
        stores[name].clear()
        expiries[name].clear()


class ResilientRedisCache(RedisCache):
    def __init__(self, server: str, params: dict[str, Any]) -> None:
        options = dict(params.get("OPTIONS", {}))
        self.retry_seconds = float(options.pop("retry_seconds", 5.0))
        super().__init__(server, {**params, "OPTIONS": options})
        self.location = server
        self.outage = _outage_for(server)
        # LocMemCache instances of one name share their store: one fallback per process and Redis address.
        self.fallback = LocMemCache(f"{FALLBACK_PREFIX}{server}", {"OPTIONS": {"MAX_ENTRIES": 10_000}})

    # --- the state of Redis --------------------------------------------------------------------------------------

    @property
    def available(self) -> bool:
        """False while this process serves from memory because Redis failed (it is tried again after a while)."""
        return self.outage.down_since is None

    def _should_try(self) -> bool:
        return self.outage.down_since is None or time.monotonic() >= self.outage.retry_at

    def _failed(self, error: BaseException) -> None:
        outage = self.outage
        with outage.lock:
            outage.failures += 1
            outage.retry_at = time.monotonic() + self.retry_seconds
            if outage.down_since is None:
                outage.down_since = time.monotonic()
                logger.warning(
                    "Redis cache at %s is unreachable (%s: %s); serving from process memory, retrying every %.0f s",
                    self._redacted(),
                    type(error).__name__,
                    error,
                    self.retry_seconds,
                )

    def _succeeded(self) -> None:
        outage = self.outage
        if outage.down_since is None:
            return
        with outage.lock:
            if outage.down_since is not None:
                logger.warning(
                    "Redis cache at %s answers again after %.1f s (%d failed calls meanwhile)",
                    self._redacted(),
                    time.monotonic() - outage.down_since,
                    outage.failures,
                )
                outage.down_since = None
                outage.failures = 0

    def _redacted(self) -> str:
        """The address without a password, for the log."""
        scheme, _sep, rest = self.location.partition("://")
        return f"{scheme}://{rest.rpartition('@')[2]}" if rest else self.location

    def ping(self) -> bool:
        """Ask Redis itself (not the fallback) whether it answers; /healthz calls it. Updates the outage state."""
        try:
            self._cache.get_client(write=True).ping()  # type: ignore[attr-defined]
        except UNAVAILABLE as error:
            self._failed(error)
            return False
        self._succeeded()
        return True

    def _call(self, name: str, *args: Any, **kwargs: Any) -> Any:
        if self._should_try():
            try:
                result = getattr(RedisCache, name)(self, *args, **kwargs)
            except UNAVAILABLE as error:
                self._failed(error)
            else:
                self._succeeded()
                return result
        return getattr(self.fallback, name)(*args, **kwargs)

    # --- the cache API (BaseCache's other methods are built on these) ---------------------------------------------

    def add(self, *args: Any, **kwargs: Any) -> Any:
        return self._call("add", *args, **kwargs)

    def get(self, *args: Any, **kwargs: Any) -> Any:
        return self._call("get", *args, **kwargs)

    def set(self, *args: Any, **kwargs: Any) -> Any:
        return self._call("set", *args, **kwargs)

    def touch(self, *args: Any, **kwargs: Any) -> Any:
        return self._call("touch", *args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        return self._call("delete", *args, **kwargs)

    def get_many(self, *args: Any, **kwargs: Any) -> Any:
        return self._call("get_many", *args, **kwargs)

    def has_key(self, *args: Any, **kwargs: Any) -> Any:
        return self._call("has_key", *args, **kwargs)

    def incr(self, *args: Any, **kwargs: Any) -> Any:
        return self._call("incr", *args, **kwargs)

    def set_many(self, *args: Any, **kwargs: Any) -> Any:
        return self._call("set_many", *args, **kwargs)

    def delete_many(self, *args: Any, **kwargs: Any) -> Any:
        return self._call("delete_many", *args, **kwargs)

    def clear(self) -> Any:
        self.fallback.clear()
        return self._call("clear")
