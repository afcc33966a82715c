"""Degrade, don't fail (issue 17): with Redis unreachable the pages, the log-in, the pupils' log-in and the chat's
form keep working, rate limits count in process memory, the chat's socket says "paused"; with the database down
/healthz and the pages answer 503, never 500. Redis and PostgreSQL are pointed at a closed port."""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest
from asgiref.sync import async_to_sync
from channels.testing import WebsocketCommunicator
from django.test import Client
from django.urls import reverse

from comenius.core import ratelimit
from comenius.core.cache import forget_outages
from comenius.core.live import PAUSED_CLOSE_CODE
from comenius.devdata.testing import CAST_PASSWORD, Cast, client_for
from comenius.settings import redis_cache, redis_channel_layer
from comenius.spaces.models import ChatMessage
from comenius.spaces.services import chat

ROOT = Path(__file__).resolve().parents[3]
CLOSED = "redis://127.0.0.1:1/0"  # nothing listens on port 1


@pytest.fixture
def redis_down(settings):
    forget_outages()
    settings.REDIS_URL = CLOSED
    settings.CACHES = {"default": redis_cache(CLOSED)}
    settings.CHANNEL_LAYERS = {"default": redis_channel_layer(CLOSED)}


@pytest.mark.django_db
def test_pages_and_log_in_work_while_redis_is_down(cast: Cast, redis_down, caplog):
    caplog.set_level(logging.WARNING, logger="comenius.core.cache")
    visitor = Client()
    assert visitor.get("/").status_code == 200
    response = visitor.post(reverse("account_login"), {"login": cast.mette.email, "password": CAST_PASSWORD})
    assert response.status_code == 302, response.content[:500]
    assert visitor.get(reverse("network:people")).status_code == 200
    assert visitor.get(reverse("network:people"), {"q": "Lucía"}).status_code == 200
    assert any("unreachable" in record.getMessage() for record in caplog.records)
    # Wrong passwords are still limited (counted in the database, accounts/throttling.py): after five free
    # failures at one address the sixth makes the pair wait, and the seventh is refused.
    stranger = Client()
    for _attempt in range(7):
        last = stranger.post(reverse("account_login"), {"login": cast.lucia.email, "password": "wrong password"})
    assert last.status_code in {200, 429}
    assert b"Too many failed login attempts" in last.content or last.status_code == 429


@pytest.mark.django_db
def test_pupils_log_in_and_the_chat_form_posts_while_redis_is_down(cast: Cast, redis_down):
    pupil = Client()
    response = pupil.post(reverse("spaces:pupil_login"), {"username": "pia.vestby", "password": CAST_PASSWORD})
    assert response.status_code == 302
    space_id = cast.project.space.pk
    room = chat.create_room(cast.mette, space_id, name="Class chat", for_pupils=True, open_now=True)
    response = client_for(cast.mette).post(
        reverse("spaces:chat_room", args=[space_id, room.pk]), {"body": "Stored, though nobody hears it live"}
    )
    assert response.status_code == 302
    assert ChatMessage.objects.filter(room=room, body="Stored, though nobody hears it live").exists()


@pytest.mark.django_db
def test_healthz_says_degraded_while_redis_is_down(client, redis_down):
    response = client.get(reverse("core:healthz"))
    assert response.status_code == 200
    assert response.json() == {"database": "ok", "redis": "unavailable", "status": "degraded"}


def test_rate_limits_count_in_process_memory_while_redis_is_down(redis_down):
    assert [ratelimit.hit("outage-test", 2, 60) for _attempt in range(3)] == [True, True, False]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_chat_socket_says_paused_while_redis_is_down(cast: Cast, redis_down):
    from comenius.asgi import application
    from comenius.spaces.tests.live_setup import room_path, socket_headers

    room = chat.create_room(cast.mette, cast.project.space.pk, name="Class chat", for_pupils=True, open_now=True)
    path, headers = room_path(cast.project.space.pk, room.pk), socket_headers(cast.lucia)

    async def scenario() -> None:
        communicator = WebsocketCommunicator(application, path, headers=headers)
        connected, _code = await communicator.connect(timeout=5)
        assert connected  # no 500 in the handshake
        frame = await communicator.receive_json_from(timeout=5)
        assert frame["type"] == "paused" and "Live updates are paused" in frame["message"]
        closing = await communicator.receive_output(timeout=5)
        assert closing == {"type": "websocket.close", "code": PAUSED_CLOSE_CODE, "reason": ""} or (
            closing["type"] == "websocket.close" and closing["code"] == PAUSED_CLOSE_CODE
        )
        await communicator.wait()

    async_to_sync(scenario)()


DATABASE_DOWN_SCRIPT = """
import json, django
django.setup()
from django.test import Client, override_settings
# The plain static storage, as in every test (no collected manifest needed).
override_settings(STORAGES={"default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}).enable()
answers = {}
for name, cookies in (("anonymous", {}), ("with a session", {"sessionid": "x" * 32})):
    client = Client(raise_request_exception=False)
    for key, value in cookies.items():
        client.cookies[key] = value
    for path in ("/healthz", "/", "/people/"):
        response = client.get(path)
        answers[f"{path} {name}"] = [response.status_code, response.get("Retry-After")]
        if path == "/healthz":
            answers[f"{path} {name} body"] = json.loads(response.content)
print(json.dumps(answers))
"""


def test_with_the_database_down_healthz_and_pages_answer_503_never_500():
    environment = {key: value for key, value in os.environ.items() if not key.startswith("PYTEST")}
    environment.update(
        DJANGO_SETTINGS_MODULE="comenius.settings",
        DATABASE_URL="postgres://postgres@127.0.0.1:1/nowhere",  # a closed port
        REDIS_URL="",
    )
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", DATABASE_DOWN_SCRIPT], cwd=ROOT, env=environment, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    answers = json.loads(result.stdout.strip().splitlines()[-1])
    for name in ("anonymous", "with a session"):
        assert answers[f"/healthz {name}"][0] == 503
        assert answers[f"/healthz {name} body"] == {
            "database": "unavailable",
            "redis": "not configured",
            "status": "unavailable",
        }
    assert answers["/ anonymous"] == [503, "10"]
    assert answers["/people/ with a session"] == [503, "10"]
