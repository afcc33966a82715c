"""Sessions end everywhere at once (issue 17): logging out closes the person's open chat socket (4403), and a
frame sent after it is refused — nothing is stored."""

from __future__ import annotations

import json

import pytest
from asgiref.sync import async_to_sync
from channels.db import database_sync_to_async
from channels.testing import WebsocketCommunicator
from django.conf import settings
from django.test import Client
from django.urls import reverse

from comenius.asgi import application
from comenius.devdata.testing import Cast
from comenius.spaces.models import ChatMessage
from comenius.spaces.services import chat
from comenius.spaces.tests.live_setup import ORIGIN, everyone_in_english, room_path

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_logging_out_closes_the_open_socket(cast: Cast):
    everyone_in_english()
    room = chat.create_room(cast.mette, cast.project.space.pk, name="Class chat", for_pupils=True, open_now=True)
    browser = Client()
    browser.force_login(cast.mette)
    session = browser.cookies[settings.SESSION_COOKIE_NAME].value
    headers = [
        (b"origin", ORIGIN),
        (b"host", b"testserver"),
        (b"cookie", f"{settings.SESSION_COOKIE_NAME}={session}".encode()),
    ]
    log_out = database_sync_to_async(lambda: browser.post(reverse("account_logout")))

    async def scenario() -> None:
        socket = WebsocketCommunicator(application, room_path(cast.project.space.pk, room.pk), headers=headers)
        connected, _code = await socket.connect(timeout=5)
        assert connected
        assert (await socket.receive_json_from(timeout=5))["type"] == "state"
        response = await log_out()
        assert response.status_code == 302
        closing = await socket.receive_output(timeout=5)
        assert closing["type"] == "websocket.close" and closing["code"] == 4403
        await socket.send_to(text_data=json.dumps({"type": "send", "body": "After logging out"}))
        await socket.wait(timeout=2)
        # A new connection with the old cookie is refused too.
        again = WebsocketCommunicator(application, room_path(cast.project.space.pk, room.pk), headers=headers)
        connected, _code = await again.connect(timeout=5)
        assert not connected

    async_to_sync(scenario)()
    assert not ChatMessage.objects.filter(body="After logging out").exists()
