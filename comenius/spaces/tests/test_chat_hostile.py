"""Hostile frames on the chat's WebSocket (issue 21): whatever a client sends, the consumer answers with an
error frame or closes the connection cleanly, never crashes, and stores nothing from a refused frame."""

from __future__ import annotations

import json

import pytest
from asgiref.sync import async_to_sync
from channels.testing import WebsocketCommunicator

from comenius.asgi import application
from comenius.devdata.testing import Cast
from comenius.spaces.consumers import MAX_FRAME
from comenius.spaces.models import ChatMessage
from comenius.spaces.services import chat
from comenius.spaces.tests.live_setup import connect, everyone_in_english, next_frame, room_path, send, socket_headers

# Real connections need committed data (transaction=True); the countries of the data migration are restored
# after each test (serialized_rollback).
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

UNREADABLE = "This message could not be read."

# Frames that are not a chat action at all: the answer is "could not be read", the connection stays open.
MALFORMED_TEXT = [
    "",
    " ",
    "not json",
    "{",
    '{"type": "send", "body": "unterminated',
    "null",
    "true",
    "12",
    '"send"',
    "[]",
    '[{"type": "send", "body": "in a list"}]',
    "{}",
    '{"type": null}',
    '{"type": []}',  # not hashable: once a TypeError
    '{"type": {"send": 1}}',
    '{"type": 1}',
    '{"type": "SEND", "body": "shouting"}',
    '{"type": "chat.message", "message": {"body": "forged broadcast"}}',
    '{"type": "chat.revoke"}',
    '{"type": "message", "body": "wrong type"}',
    '{"type": "send"}',
    '{"type": "send", "body": null}',
    '{"type": "send", "body": 12}',
    '{"type": "send", "body": ["x"]}',
    '{"type": "send", "body": {"text": "x"}}',
    '{"type": "delete"}',
    '{"type": "delete", "id": "1"}',
    '{"type": "delete", "id": true}',
    '{"type": "delete", "id": 1.0}',
    '{"type": "delete", "id": -1}',
    '{"type": "delete", "id": 0}',
    '{"type": "delete", "id": 1e400}',
    '{"type": "delete", "id": NaN}',
    '{"type": "delete", "id": Infinity}',
    '{"type": "delete", "id": 123456789012345678901234567890}',
    '{"type": "delete", "id": ' + "9" * 5000 + "}",  # int() refuses more than 4,300 digits
    '{"type": "send", "body": "x", "type": "delete"}',  # duplicate key: the last one counts
    "[" * 5000 + "]" * 5000,  # deeply nested: once a RecursionError
    '{"a":' * 3000 + "1" + "}" * 3000,
    '{"type": "send", "body": "' + "x" * MAX_FRAME + '"}',  # oversized
    "x" * (MAX_FRAME + 1),
    "\x00\x01\x02",
    "\ufeff" + '{"type": "send", "body": "with a byte order mark"}',
]
# Frames that are chat actions with a bad body: the service refuses them with its own message.
REFUSED_BODIES = {
    "": "Write a message first",
    "   \n\t ": "Write a message first",
    "\x00\x01\x1b\x7f": "Write a message first",
    "x" * (chat.MAX_LENGTH + 1): f"at most {chat.MAX_LENGTH}",
    "\ud800": "could not be read",  # a lone surrogate (valid JSON escape, not storable text): once a crash
    "ok \udfff": "could not be read",
}


@pytest.fixture(autouse=True)
def _english(cast: Cast) -> None:
    everyone_in_english()


async def send_raw(communicator: WebsocketCommunicator, text: str | None = None, data: bytes | None = None) -> None:
    """A frame as a client may send it, empty ones included (the communicator's `send_to` refuses those)."""
    frame: dict[str, object] = {"type": "websocket.receive"}
    if text is not None:
        frame["text"] = text
    else:
        frame["bytes"] = data
    await communicator.send_input(frame)


async def still_works(communicator: WebsocketCommunicator, body: str) -> None:
    """The connection is alive: a proper message still goes through afterwards."""
    await send(communicator, type="send", body=body)
    assert (await next_frame(communicator, "message"))["body"] == body


def test_malformed_frames_get_an_error_and_the_connection_stays_usable(cast: Cast):
    room = chat.create_room(cast.mette, cast.project.space.pk, name="Class chat", for_pupils=True, open_now=True)
    path = room_path(cast.project.space.pk, room.pk)
    mette_headers = socket_headers(cast.mette)

    async def scenario() -> None:
        mette, _state = await connect(path, mette_headers)
        for frame in MALFORMED_TEXT:
            await send_raw(mette, text=frame)
            answer = await mette.receive_json_from(timeout=5)
            assert answer == {"type": "error", "message": UNREADABLE}, frame[:80]
        for data in (b"", b"\x00\xff", json.dumps({"type": "send", "body": "as bytes"}).encode(), b"x" * 100_000):
            await send_raw(mette, data=data)
            assert await mette.receive_json_from(timeout=5) == {"type": "error", "message": UNREADABLE}
        await still_works(mette, "Still here")
        await mette.disconnect()

    async_to_sync(scenario)()
    assert list(ChatMessage.objects.values_list("body", flat=True)) == ["Still here"]


def test_refused_bodies_are_answered_with_the_reason_and_nothing_is_stored(cast: Cast):
    room = chat.create_room(cast.mette, cast.project.space.pk, name="Class chat", for_pupils=True, open_now=True)
    path = room_path(cast.project.space.pk, room.pk)
    pia_headers = socket_headers(cast.pia)

    async def scenario() -> None:
        pia, _state = await connect(path, pia_headers)
        for body, reason in REFUSED_BODIES.items():
            await send(pia, type="send", body=body)
            answer = await next_frame(pia, "error")
            assert reason in answer["message"], (body[:20], answer)
        # Extra fields cannot choose the room, the author or the time: they are ignored.
        await send(pia, type="send", body="Hej \x00med\x07 kontrol", room=room.pk + 1, author_id=cast.mette.pk, id=1)
        frame = await next_frame(pia, "message")
        assert (frame["body"], frame["author"], frame["own"]) == ("Hej med kontrol", "Pia", True)
        await pia.disconnect()

    async_to_sync(scenario)()
    assert list(ChatMessage.objects.values_list("body", "author", "room")) == [
        ("Hej med kontrol", cast.pia.pk, room.pk)
    ]


def test_a_flood_is_limited_for_messages_and_harmless_for_garbage(cast: Cast):
    room = chat.create_room(cast.mette, cast.project.space.pk, name="Class chat", for_pupils=True, open_now=True)
    path = room_path(cast.project.space.pk, room.pk)
    pia_headers = socket_headers(cast.pia)

    async def scenario() -> None:
        pia, _state = await connect(path, pia_headers)
        for number in range(300):  # garbage costs the server a JSON parse each, and stores nothing
            await pia.send_to(text_data=f"garbage {number}")
        for _number in range(300):
            assert (await pia.receive_json_from(timeout=5))["type"] == "error"
        for number in range(chat.MESSAGES_PER_WINDOW + 30):
            await send(pia, type="send", body=f"Spam {number}")
        kinds = [(await pia.receive_json_from(timeout=5)) for _ in range(chat.MESSAGES_PER_WINDOW + 30)]
        refusals = [frame for frame in kinds if frame["type"] == "error"]
        assert len(refusals) == 30 and all("very fast" in frame["message"] for frame in refusals)
        await pia.disconnect()

    async_to_sync(scenario)()
    assert ChatMessage.objects.count() == chat.MESSAGES_PER_WINDOW


def test_a_forged_delete_changes_nothing(cast: Cast):
    space_id = cast.project.space.pk
    room = chat.create_room(cast.mette, space_id, name="Class chat", for_pupils=True, open_now=True)
    other = chat.create_room(cast.mette, space_id, name="Other room", for_pupils=True, open_now=True)
    elsewhere = chat.post_message(cast.lucia, space_id, other.pk, "In the other room")
    mine = chat.post_message(cast.pia, space_id, room.pk, "Pia's message")
    pia_headers, mette_headers = socket_headers(cast.pia), socket_headers(cast.mette)

    async def scenario() -> None:
        pia, _state = await connect(room_path(space_id, room.pk), pia_headers)
        await send(pia, type="delete", id=mine.pk)  # pupils delete nothing, not even their own
        assert "teachers" in (await next_frame(pia, "error"))["message"]
        await still_works(pia, "After a refused delete")
        await pia.disconnect()
        # A teacher naming a message of another room through this room's socket: the connection is closed
        # (as for any address the viewer may not use), and the message stays.
        mette, _state = await connect(room_path(space_id, room.pk), mette_headers)
        await send(mette, type="delete", id=elsewhere.pk)
        assert (await mette.receive_output(timeout=5)) == {"type": "websocket.close", "code": 4403}

    async_to_sync(scenario)()
    assert not ChatMessage.objects.filter(deleted_at__isnull=False).exists()


@pytest.mark.parametrize("path", ["/ws/spaces/99999999999999999999/chat/1/", "/ws/spaces/1/chat/9223372036854775808/"])
def test_addresses_out_of_range_are_refused(cast: Cast, path: str):
    headers = socket_headers(cast.mette)

    async def scenario() -> None:
        communicator = WebsocketCommunicator(application, path, headers=headers)
        connected, _code = await communicator.connect(timeout=5)
        assert not connected

    async_to_sync(scenario)()
