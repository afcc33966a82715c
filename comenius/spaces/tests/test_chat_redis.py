"""The chat over the Redis channel layer as production configures it (settings.redis_channel_layer): an idle
socket stays up longer than the old 5 s read timeout, and a message still reaches it.

Before the fix the layer had only the URL: redis-py 8 timed its reads out after 5 s, exactly the length of
channels-redis' blocking pop, so the consumer's receive loop died and every idle socket dropped (issue 17)."""

from __future__ import annotations

import asyncio
import os
import uuid

import pytest
import redis
from asgiref.sync import async_to_sync
from channels.db import database_sync_to_async

from comenius.devdata.testing import Cast
from comenius.settings import redis_channel_layer
from comenius.spaces.services import chat
from comenius.spaces.tests.live_setup import connect, everyone_in_english, next_frame, room_path, socket_headers

REDIS_URL = os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/1"
IDLE_SECONDS = float(os.environ.get("CHAT_IDLE_TEST_SECONDS", "20"))


def _redis_answers() -> bool:
    try:
        return bool(redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping())
    except redis.RedisError:
        return False


pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(not _redis_answers(), reason=f"no Redis at {REDIS_URL}"),
]


@pytest.fixture
def redis_layer(settings):
    # A prefix of its own: parallel test workers share the Redis server, and the rooms' ids repeat.
    settings.CHANNEL_LAYERS = {"default": redis_channel_layer(REDIS_URL, prefix=f"test-{uuid.uuid4().hex[:8]}")}


def test_an_idle_socket_still_receives_a_message(cast: Cast, redis_layer):
    everyone_in_english()
    room = chat.create_room(cast.mette, cast.project.space.pk, name="Quiet room", for_pupils=True, open_now=True)
    path = room_path(cast.project.space.pk, room.pk)
    headers = socket_headers(cast.lucia)
    post = database_sync_to_async(chat.post_message)

    async def scenario() -> None:
        lucia, _state = await connect(path, headers)
        await asyncio.sleep(IDLE_SECONDS)  # longer than the old 5 s read timeout, several blocking pops
        assert await lucia.receive_nothing(timeout=0.1), "the idle socket was closed or sent something"
        await post(cast.mette, cast.project.space.pk, room.pk, "Still there?")
        frame = await next_frame(lucia, "message")
        assert frame["body"] == "Still there?"
        await lucia.disconnect()

    async_to_sync(scenario)()
