"""Answers that hold while a service behind the platform is down or restarting.

* `HealthCheckMiddleware` answers /healthz before sessions, authentication and everything else that reads the
  database, so the health check itself never fails: 200 when everything answers, 200 with "degraded" when only
  Redis is down (pages still work: the cache falls through, core/cache.py), 503 when the database does not
  answer. It is exempt from the HTTPS redirect (settings.SECURE_REDIRECT_EXEMPT): a load balancer asks directly.
* `DatabaseUnavailableMiddleware` turns the 500 of a page whose database connection failed (PostgreSQL
  restarting, unreachable) into a 503 with Retry-After and a short page; the error is logged as a warning.
"""

from __future__ import annotations

import contextlib
import logging
import sys
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.core.signals import got_request_exception
from django.db import connection
from django.db.utils import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.loader import render_to_string

logger = logging.getLogger(__name__)

HEALTH_PATH = "/healthz"
DATABASE_DOWN = (OperationalError, InterfaceError)


def database_state() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception as error:  # any failure means unavailable; the details go to the log, not the answer
        logger.warning("Health check: the database does not answer (%s: %s)", type(error).__name__, error)
        with contextlib.suppress(Exception):  # closing a connection that is already gone
            connection.close()  # a broken connection is not kept for the next request
        return "unavailable"
    return "ok"


def redis_state() -> str:
    if not settings.REDIS_URL:
        return "not configured"
    ping = getattr(cache, "ping", None)
    if ping is not None:  # core.cache.ResilientRedisCache: ask Redis itself, not its fallback
        return "ok" if ping() else "unavailable"
    try:
        cache.set("healthz", "ok", 5)
        return "ok" if cache.get("healthz") == "ok" else "unavailable"
    except Exception:
        return "unavailable"


def health() -> tuple[dict[str, str], int]:
    state = {"database": database_state(), "redis": redis_state()}
    if state["database"] != "ok":
        state["status"], status = "unavailable", 503
    elif state["redis"] == "unavailable":
        state["status"], status = "degraded", 200
    else:
        state["status"], status = "ok", 200
    return state, status


class HealthCheckMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path_info != HEALTH_PATH:
            return self.get_response(request)
        try:
            state, status = health()
        except Exception:  # never a 500 from the health check
            logger.exception("Health check failed")
            state, status = {"status": "unavailable"}, 503
        response = JsonResponse(state, status=status)
        response["Cache-Control"] = "no-store"
        response["X-Frame-Options"] = settings.X_FRAME_OPTIONS  # the middleware that adds it comes later
        return response


def _note_database_error(sender: Any, request: HttpRequest | None = None, **kwargs: Any) -> None:
    error = sys.exc_info()[1]
    if request is not None and isinstance(error, DATABASE_DOWN):
        request.database_unavailable = error  # type: ignore[attr-defined]


got_request_exception.connect(_note_database_error, dispatch_uid="comenius.core.resilience")


class DatabaseUnavailableMiddleware:
    """Outermost but for the security headers: sees the 500 that Django made of a database error anywhere inside
    (middleware included: the session is read there) and answers 503 instead."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        error = getattr(request, "database_unavailable", None)
        if response.status_code != 500 or error is None:
            return response
        logger.warning("Database unavailable for %s %s: %s", request.method, request.path, error)
        body: str
        try:
            body = render_to_string("503.html", request=None)
        except Exception:
            body = "<!doctype html><title>503</title><p>Comenius is restarting. Please try again in a minute.</p>"
        unavailable = HttpResponse(body, status=503)
        unavailable["Retry-After"] = "10"
        unavailable["Cache-Control"] = "no-store"
        unavailable["X-Frame-Options"] = settings.X_FRAME_OPTIONS
        return unavailable
