"""The bell's WebSocket: a connected page gets the unread count at once and every new item live; visitors are
refused; a read mark updates the count."""

from __future__ import annotations

import pytest
from asgiref.sync import async_to_sync
from channels.db import database_sync_to_async
from channels.testing import WebsocketCommunicator

from comenius.asgi import application
from comenius.devdata.testing import Cast
from comenius.network import services as network
from comenius.notifications import services
from comenius.notifications.models import Notification
from comenius.spaces.tests.live_setup import everyone_in_english, socket_headers

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PATH = "/ws/notifications/"


async def _open(headers):
    communicator = WebsocketCommunicator(application, PATH, headers=headers)
    connected, _code = await communicator.connect(timeout=5)
    return communicator, connected


def test_a_connected_bell_gets_new_items_live(cast: Cast):
    everyone_in_english()
    Notification.objects.filter(recipient=cast.otto).delete()
    headers = socket_headers(cast.otto)

    async def scenario() -> None:
        bell, connected = await _open(headers)
        assert connected
        assert await bell.receive_json_from(timeout=5) == {"type": "unread", "count": 0}
        await database_sync_to_async(network.request_contact)(cast.lucia, cast.otto, "Hola")
        frame = await bell.receive_json_from(timeout=5)
        assert frame["type"] == "notification" and frame["count"] == 1
        assert frame["item"]["text"] == "Lucía García would like to be your contact"
        assert frame["item"]["url"].startswith("/notifications/")
        await database_sync_to_async(services.mark_all_read)(cast.otto)
        assert await bell.receive_json_from(timeout=5) == {"type": "unread", "count": 0}
        await bell.disconnect()

    async_to_sync(scenario)()


def test_visitors_cannot_connect_and_frames_from_the_page_are_ignored(cast: Cast):
    anon_headers, mette_headers = socket_headers(None), socket_headers(cast.mette)

    async def scenario() -> None:
        _anon, connected = await _open(anon_headers)
        assert not connected
        bell, connected = await _open(mette_headers)
        assert connected
        await bell.receive_json_from(timeout=5)
        await bell.send_to(text_data='{"type": "send", "body": "x"}')
        assert await bell.receive_nothing(timeout=0.3)
        await bell.disconnect()

    async_to_sync(scenario)()


def test_another_members_item_does_not_reach_this_bell(cast: Cast):
    headers = socket_headers(cast.mette)

    async def scenario() -> None:
        bell, _connected = await _open(headers)
        await bell.receive_json_from(timeout=5)
        await database_sync_to_async(network.request_contact)(cast.lucia, cast.otto, "Hola")
        assert await bell.receive_nothing(timeout=0.5)
        await bell.disconnect()

    async_to_sync(scenario)()
