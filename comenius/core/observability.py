"""What an operator watches (issue 17): a request id on every request and log line, JSON logs, Prometheus metrics
at a protected `/metrics`, and optional error reporting to Sentry.

- **Request id.** `RequestIdMiddleware` (first in MIDDLEWARE) takes nginx's `X-Request-ID` when it looks like one
  (the production layout sends `$request_id`), or makes one; it is in every log line of the request
  (`RequestIdFilter`) and in the answer's `X-Request-ID` header, so a member's "it failed at 10:02" and the
  reference they read off an error page lead to the log lines.
- **JSON logs** with `LOG_FORMAT=json` (the production layout's environment): one object a line with time, level,
  logger, message, request id and the traceback, for journald or any log shipper. The default stays readable text.
- **Metrics.** Request latency by route, method and status class; WebSocket connections open; task failures;
  the task queue's length (read at scrape time). With several processes (gunicorn's workers, daphne, the task
  worker) prometheus-client's multiprocess mode adds them up: set `PROMETHEUS_MULTIPROC_DIR` to a directory
  emptied at start (the production layout does). `/metrics` answers 404 unless `METRICS_TOKEN` is set, and then
  only to `Authorization: Bearer <token>`: it tells how busy the platform is, which is nobody else's business.
- **Sentry** with `SENTRY_DSN` (off by default; nothing leaves the platform otherwise). Children's and teachers'
  data stay home: no personal data, no request bodies, cookies or headers, only the error, its stack and the
  request's path and id.
"""

from __future__ import annotations

import contextvars
import hmac
import json
import logging
import os
import re
import time
import traceback
import uuid
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse
from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, Counter, Gauge, Histogram, generate_latest
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.multiprocess import MultiProcessCollector
from prometheus_client.registry import Collector

if TYPE_CHECKING:
    from sentry_sdk.types import Event

REQUEST_ID_HEADER = "X-Request-ID"
_VALID_REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")
current_request_id: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default="")

# Buckets around the budgets in docs/performance.md (50 ms and 100 ms pages; 150 ms under load).
LATENCY_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.15, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)

REQUEST_LATENCY = Histogram(
    "comenius_request_seconds",
    "Time to answer an HTTP request, inside Django",
    ["route", "method", "status"],
    buckets=LATENCY_BUCKETS,
)
WEBSOCKETS_OPEN = Gauge("comenius_websockets_open", "WebSocket connections open", multiprocess_mode="livesum")
TASK_FAILURES = Counter("comenius_task_failures", "Background task attempts that failed", ["task", "final"])


# --- request id ------------------------------------------------------------------------------------------------


class RequestIdMiddleware:
    """Gives each request its id (nginx's, or a new one), answers with it and times the request for /metrics."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        offered = request.headers.get(REQUEST_ID_HEADER, "")
        request_id = offered if _VALID_REQUEST_ID.match(offered) else uuid.uuid4().hex
        request.request_id = request_id  # type: ignore[attr-defined]
        token = current_request_id.set(request_id)
        started = time.perf_counter()
        try:
            response = self.get_response(request)
        finally:
            current_request_id.reset(token)
        REQUEST_LATENCY.labels(_route(request), request.method or "", f"{response.status_code // 100}xx").observe(
            time.perf_counter() - started
        )
        response[REQUEST_ID_HEADER] = request_id
        return response


def _route(request: HttpRequest) -> str:
    """The URL pattern, not the path: one series per page, not one per member or project id."""
    match = getattr(request, "resolver_match", None)
    if match is None:
        return "unmatched"
    return match.route or match.view_name or "unmatched"


class RequestIdFilter(logging.Filter):
    """Adds `request_id` to every record (empty outside a request: the worker, management commands)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not getattr(record, "request_id", ""):
            # Django logs a 4xx/5xx answer after the middleware has returned, with the request in `extra`.
            request = getattr(record, "request", None)
            record.request_id = getattr(request, "request_id", "") or current_request_id.get()
        return True


class JsonFormatter(logging.Formatter):
    """One JSON object per line."""

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": getattr(record, "request_id", ""),
            "process": record.process,
        }
        status = getattr(record, "status_code", None)
        if status is not None:
            entry["status"] = status
        if record.exc_info:
            entry["error"] = "".join(traceback.format_exception(*record.exc_info)).rstrip()
        return json.dumps(entry, ensure_ascii=False)


def logging_config(log_format: str, level: str) -> dict[str, Any]:
    """settings.LOGGING: readable text (the default) or JSON lines (`LOG_FORMAT=json`); the request id in both."""
    formatter = (
        {"()": "comenius.core.observability.JsonFormatter"}
        if log_format == "json"
        else {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"}
    )
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {"request_id": {"()": "comenius.core.observability.RequestIdFilter"}},
        "formatters": {"main": formatter},
        "handlers": {
            "console": {"class": "logging.StreamHandler", "formatter": "main", "filters": ["request_id"]},
        },
        "root": {"handlers": ["console"], "level": level},
    }


# --- metrics -----------------------------------------------------------------------------------------------------


class CountWebSockets:
    """ASGI middleware around every WebSocket route (comenius/asgi.py): a connection counts from the moment the
    server accepts it until its consumer ends, however it ends (closed, dropped, refused later)."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        accepted = False

        async def counting_send(message: dict[str, Any]) -> None:
            nonlocal accepted
            if message.get("type") == "websocket.accept" and not accepted:
                accepted = True
                WEBSOCKETS_OPEN.inc()
            await send(message)

        try:
            await self.app(scope, receive, counting_send)
        finally:
            if accepted:
                WEBSOCKETS_OPEN.dec()


def task_failed(task_name: str, final: bool) -> None:
    TASK_FAILURES.labels(task_name, "yes" if final else "no").inc()


class QueueCollector(Collector):
    """The task queue's length, read from the database when Prometheus scrapes (not kept in any process)."""

    def collect(self) -> Iterator[GaugeMetricFamily]:
        from django_tasks import TaskResultStatus
        from django_tasks_db.models import DBTaskResult

        waiting = GaugeMetricFamily("comenius_tasks_waiting", "Background tasks waiting to run", labels=["queue"])
        per_queue = (
            DBTaskResult.objects.filter(status=TaskResultStatus.READY)
            .values("queue_name")
            .annotate(waiting=Count("id"))
            .order_by("queue_name")
        )
        for row in per_queue:
            waiting.add_metric([row["queue_name"]], row["waiting"])
        yield waiting


def metrics_text() -> bytes:
    """Every metric, added up over the processes when they share PROMETHEUS_MULTIPROC_DIR."""
    registry = CollectorRegistry()
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        MultiProcessCollector(registry)
    else:  # one process (make run, the tests): this process's own values
        for collector in (REQUEST_LATENCY, WEBSOCKETS_OPEN, TASK_FAILURES):
            registry.register(collector)
    registry.register(QueueCollector())
    return generate_latest(registry)


def metrics_view(request: HttpRequest) -> HttpResponse:
    """`/metrics`, for Prometheus: 404 unless METRICS_TOKEN is set, 401 without the right bearer token."""
    expected = settings.METRICS_TOKEN
    if not expected:
        raise Http404
    offered = request.headers.get("Authorization", "")
    if not (offered.startswith("Bearer ") and hmac.compare_digest(offered[7:].encode(), expected.encode())):
        response = HttpResponse("Unauthorized\n", status=401, content_type="text/plain")
        response["WWW-Authenticate"] = 'Bearer realm="metrics"'
        return response
    response = HttpResponse(metrics_text(), content_type=CONTENT_TYPE_LATEST)
    response["Cache-Control"] = "no-store"
    return response


# --- error reporting -----------------------------------------------------------------------------------------------


def init_error_reporting(dsn: str, environment: str, release: str) -> None:
    """Sentry (or any Sentry-compatible service such as GlitchTip), only when an operator sets SENTRY_DSN."""
    if not dsn:
        return
    import sentry_sdk
    from sentry_sdk.integrations.django import DjangoIntegration

    sentry_sdk.init(
        dsn=dsn,
        environment=environment,
        release=release or None,
        integrations=[DjangoIntegration()],
        send_default_pii=False,
        max_request_body_size="never",
        include_local_variables=False,  # a frame's variables may hold a pupil's name or a message
        traces_sample_rate=0.0,
        before_send=_keep_only_the_error,
    )


def _keep_only_the_error(event: Event, hint: dict[str, Any]) -> Event:
    """No personal data leaves: the request keeps its method and path (not the query, headers, cookies or body),
    no user, and the request id is added so the report meets the log lines."""
    request = event.get("request") or {}
    url = str(request.get("url", ""))
    event["request"] = {"method": request.get("method"), "url": url.split("?", 1)[0]}
    event.pop("user", None)
    event.pop("breadcrumbs", None)
    request_id = current_request_id.get()
    if request_id:
        event.setdefault("tags", {})["request_id"] = request_id
    return event
