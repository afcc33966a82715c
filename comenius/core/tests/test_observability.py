"""What an operator watches (issue 17, core/observability.py): the request id in the answer and the log lines, JSON
logs, /metrics behind its token, and error reports to a Sentry-compatible server that carry no personal data —
sent for real, over HTTP, to a small server this test starts."""

from __future__ import annotations

import gzip
import io
import json
import logging
import re
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from asgiref.sync import async_to_sync
from channels.testing import WebsocketCommunicator
from django.test import Client
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from comenius.asgi import application
from comenius.core import observability
from comenius.core.tests.test_tasks import always_fails
from comenius.devdata.testing import Cast, client_for
from comenius.spaces.tests.live_setup import socket_headers

pytestmark = pytest.mark.django_db


def test_every_answer_has_a_request_id_and_nginx_s_is_kept():
    client = Client()
    made = client.get("/healthz")["X-Request-ID"]
    assert re.fullmatch(r"[0-9a-f]{32}", made)
    assert client.get("/healthz")["X-Request-ID"] != made
    offered = "4f1c9e0a2b7d4e8f9a0b1c2d3e4f5a6b"
    assert client.get("/healthz", HTTP_X_REQUEST_ID=offered)["X-Request-ID"] == offered
    # Anything that does not look like an id (a header injection, a novel) is replaced.
    for hostile in ("abc", "x" * 65, "id with spaces", "id\r\nSet-Cookie: x=1"):
        kept = client.get("/healthz", HTTP_X_REQUEST_ID=hostile)["X-Request-ID"]
        assert kept != hostile and re.fullmatch(r"[0-9a-f]{32}", kept)


@pytest.fixture
def json_log() -> Iterator[io.StringIO]:
    """The django.request logger writing JSON lines into a buffer, as LOG_FORMAT=json configures it."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(observability.JsonFormatter())
    handler.addFilter(observability.RequestIdFilter())
    logger = logging.getLogger("django.request")
    logger.addHandler(handler)
    try:
        yield stream
    finally:
        logger.removeHandler(handler)


def test_a_log_line_of_a_request_is_json_with_its_request_id(json_log):
    response = Client().get("/no-such-page/")
    assert response.status_code == 404
    entries = [json.loads(line) for line in json_log.getvalue().splitlines()]
    assert entries, "nothing was logged for the missing page"
    entry = entries[-1]
    assert entry["request_id"] == response["X-Request-ID"]
    assert entry["level"] == "WARNING" and entry["logger"] == "django.request"
    assert "/no-such-page/" in entry["message"] and entry["time"].endswith("+00:00")


def test_the_text_format_names_the_request_id_too(settings):
    assert "%(request_id)s" in settings.LOGGING["formatters"]["main"]["format"]


def test_metrics_are_off_without_a_token_and_need_it(settings):
    assert Client().get("/metrics").status_code == 404
    settings.METRICS_TOKEN = "s3cret-metrics-token"
    assert Client().get("/metrics").status_code == 401
    assert Client().get("/metrics", HTTP_AUTHORIZATION="Bearer wrong").status_code == 401
    # A signed-in member's session is not the token.
    assert client_for_staff().get("/metrics").status_code == 401
    answer = Client().get("/metrics", HTTP_AUTHORIZATION="Bearer s3cret-metrics-token")
    assert answer.status_code == 200 and answer["Cache-Control"] == "no-store"


def client_for_staff() -> Client:
    from django.contrib.auth import get_user_model

    staff = get_user_model().objects.create_superuser("root@example.org", "a long enough password 1")
    return client_for(staff)


def _metrics(settings) -> str:
    settings.METRICS_TOKEN = "token-for-the-test"
    return Client().get("/metrics", HTTP_AUTHORIZATION="Bearer token-for-the-test").content.decode()


def _value(text: str, series: str) -> float:
    found = re.search(rf"^{re.escape(series)} (\S+)$", text, re.MULTILINE)
    return float(found.group(1)) if found else 0.0


def test_request_latency_is_counted_per_route_not_per_id(cast: Cast, settings):
    series = 'comenius_request_seconds_count{method="GET",route="people/<int:user_id>/",status="2xx"}'
    before = _value(_metrics(settings), series)
    mette = client_for(cast.mette)
    assert mette.get(f"/people/{cast.lucia.pk}/").status_code == 200
    assert mette.get(f"/people/{cast.otto.pk}/").status_code == 200
    text = _metrics(settings)
    assert _value(text, series) == before + 2
    assert f"/people/{cast.lucia.pk}/" not in text  # no member's id in a label


def test_task_failures_are_counted(settings):
    name = "comenius.core.tests.test_tasks.always_fails"
    final = f'comenius_task_failures_total{{final="yes",task="{name}"}}'
    retried = f'comenius_task_failures_total{{final="no",task="{name}"}}'
    before = _metrics(settings)
    always_fails.enqueue("fails")  # the tests' immediate backend: three attempts at once (retries=2)
    after = _metrics(settings)
    assert _value(after, final) == _value(before, final) + 1
    assert _value(after, retried) == _value(before, retried) + 2


def test_the_task_queue_length_is_read_when_scraped(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    always_fails.enqueue("queued")
    always_fails.enqueue("queued too")
    waiting = DBTaskResult.objects.filter(status=TaskResultStatus.READY).count()
    assert _value(_metrics(settings), 'comenius_tasks_waiting{queue="default"}') == waiting >= 2


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_open_websockets_are_counted_and_uncounted(cast: Cast, settings):
    headers = socket_headers(cast.otto)
    before = _value(_metrics(settings), "comenius_websockets_open")

    async def scenario() -> tuple[float, float]:
        bell = WebsocketCommunicator(application, "/ws/notifications/", headers=headers)
        connected, _code = await bell.connect(timeout=5)
        assert connected
        await bell.receive_json_from(timeout=5)
        while_open = observability.WEBSOCKETS_OPEN._value.get()
        await bell.disconnect()
        return while_open, observability.WEBSOCKETS_OPEN._value.get()

    while_open, after = async_to_sync(scenario)()
    assert while_open == before + 1 and after == before
    assert _value(_metrics(settings), "comenius_websockets_open") == before


# --- error reports ----------------------------------------------------------------------------------------------


class _Collector(BaseHTTPRequestHandler):
    received: list[bytes] = []

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        if self.headers.get("Content-Encoding") == "gzip":
            body = gzip.decompress(body)
        _Collector.received.append(body)
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(b"{}")

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def sentry_server() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Collector)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    _Collector.received = []
    try:
        yield f"http://publickey@127.0.0.1:{server.server_port}/42"
    finally:
        import sentry_sdk

        sentry_sdk.init(dsn=None)  # reporting off again for the rest of the suite
        server.shutdown()


def test_an_error_reaches_sentry_without_personal_data(cast: Cast, sentry_server, monkeypatch):
    import sentry_sdk

    observability.init_error_reporting(sentry_server, "test", "1.0")

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("the partner search broke")

    monkeypatch.setattr("comenius.network.views.access.search_people", broken, raising=False)
    monkeypatch.setattr("comenius.network.views.access.get_profile_for", broken)
    mette = client_for(cast.mette)
    mette.raise_request_exception = False
    answer = mette.get(f"/people/{cast.lucia.pk}/?secret=mettes-query", HTTP_X_REQUEST_ID="ab12cd34ef56ab78")
    assert answer.status_code == 500
    page = answer.content.decode()
    assert "ab12cd34ef56ab78" in page  # the reference to pass on
    sentry_sdk.flush(timeout=5)
    assert _Collector.received, "no report reached the Sentry-compatible server"
    report = b"\n".join(_Collector.received).decode()
    assert "the partner search broke" in report and "RuntimeError" in report
    assert "ab12cd34ef56ab78" in report  # the request id, to meet the log lines
    for private in (str(cast.mette.email), "mettes-query", "sessionid", "csrftoken", "Mette"):
        assert private not in report, f"{private!r} was sent to Sentry"
