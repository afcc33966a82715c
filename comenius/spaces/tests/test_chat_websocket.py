"""The chat over a real WebSocket connection (the project's ASGI application, a session cookie, the channel
layer): who may connect, who may write where, closing a room, deleting a message, the flood limit."""

from __future__ import annotations

import pytest
from asgiref.sync import async_to_sync
from channels.db import database_sync_to_async
from django.utils import timezone

from comenius.devdata.testing import Cast
from comenius.projects import services as projects
from comenius.spaces.models import ChatMessage, ChatRoom
from comenius.spaces.services import chat
from comenius.spaces.tests.live_setup import (
    connect,
    everyone_in_english,
    next_frame,
    observer_otto,
    other_space_pupil,
    refused,
    room_path,
    send,
    socket_headers,
)

# Real connections need committed data (transaction=True); the countries of the data migration are restored
# after each test (serialized_rollback).
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture(autouse=True)
def _english(cast: Cast) -> None:
    everyone_in_english()


def rooms(cast: Cast) -> tuple[ChatRoom, ChatRoom]:
    """An open pupils' room and a teachers' room in the cast's space, made by Mette."""
    space_id = cast.project.space.pk
    pupils = chat.create_room(cast.mette, space_id, name="4.b and 6.A", for_pupils=True, open_now=True)
    teachers = chat.create_room(cast.mette, space_id, name="Teachers", for_pupils=False)
    return pupils, teachers


def test_members_receive_each_others_messages(cast: Cast):
    pupils_room, _teachers = rooms(cast)
    path = room_path(cast.project.space.pk, pupils_room.pk)
    mette_headers, pia_headers, lucia_headers = (socket_headers(user) for user in (cast.mette, cast.pia, cast.lucia))

    async def scenario() -> None:
        mette, state = await connect(path, mette_headers)
        assert state == {"type": "state", "is_open": True, "can_write": True, "reason": None}
        pia, pia_state = await connect(path, pia_headers)
        assert pia_state["can_write"] is True
        lucia, _state = await connect(path, lucia_headers)

        await send(mette, type="send", body="Hej Pia! <b>Welcome</b>")
        for communicator in (mette, pia, lucia):
            frame = await next_frame(communicator, "message")
            assert frame["body"] == "Hej Pia! <b>Welcome</b>"  # plain text: the page inserts it as text
            assert frame["author"] == "Mette Sørensen"
            assert frame["is_teacher"] is True
            assert frame["created_at"].endswith("Z")
            assert frame["own"] is (communicator is mette)

        await send(pia, type="send", body="Hola Lucía!")
        frame = await next_frame(lucia, "message")
        assert (frame["author"], frame["body"], frame["is_teacher"]) == ("Pia", "Hola Lucía!", False)
        for communicator in (mette, pia, lucia):
            await communicator.disconnect()

    async_to_sync(scenario)()
    assert list(ChatMessage.objects.filter(room=pupils_room).values_list("body", flat=True)) == [
        "Hej Pia! <b>Welcome</b>",
        "Hola Lucía!",
    ]


def test_outsiders_cannot_connect(cast: Cast):
    pupils_room, teachers_room = rooms(cast)
    space_id = cast.project.space.pk
    path = room_path(space_id, pupils_room.pk)
    emil = other_space_pupil(cast)
    attempts = {
        "visitor": socket_headers(None),
        "otto (outside the project)": socket_headers(cast.otto),
        "nina (not validated)": socket_headers(cast.nina),
        "jonas (NSO officer)": socket_headers(cast.jonas),
        "emil (pupil of another space)": socket_headers(emil),
        "mette from another site": socket_headers(cast.mette, origin=b"https://evil.example"),
        "mette without an origin": [header for header in socket_headers(cast.mette) if header[0] != b"origin"],
    }
    pia_headers = socket_headers(cast.pia)
    mette_headers = socket_headers(cast.mette)

    async def scenario() -> None:
        for who, headers in attempts.items():
            assert await refused(path, headers), who
        # Pupils never reach a teachers' room; nobody reaches a room through another space's address.
        assert await refused(room_path(space_id, teachers_room.pk), pia_headers)
        assert await refused(room_path(space_id + 1, pupils_room.pk), mette_headers)
        assert await refused(room_path(space_id, pupils_room.pk + 1000), mette_headers)
        # The teachers' room is theirs.
        mette, _state = await connect(room_path(space_id, teachers_room.pk), mette_headers)
        await mette.disconnect()

    async_to_sync(scenario)()


def test_pupils_write_only_in_an_open_pupils_room_and_closing_stops_them_at_once(cast: Cast):
    space_id = cast.project.space.pk
    room = chat.create_room(cast.mette, space_id, name="Class chat", for_pupils=True)  # starts closed
    path = room_path(space_id, room.pk)
    pia_headers, mette_headers = socket_headers(cast.pia), socket_headers(cast.mette)
    opened = database_sync_to_async(chat.set_room_open)

    async def scenario() -> None:
        pia, state = await connect(path, pia_headers)  # she may read a closed pupils' room
        assert (state["is_open"], state["can_write"]) == (False, False)
        assert "closed" in state["reason"]
        mette, mette_state = await connect(path, mette_headers)
        assert mette_state["can_write"] is True  # teachers write in a closed pupils' room

        await send(pia, type="send", body="Is anyone there?")
        refusal = await next_frame(pia, "error")
        assert "closed" in refusal["message"]

        await opened(cast.mette, space_id, room.pk, is_open=True)
        state = await next_frame(pia, "state")
        assert (state["is_open"], state["can_write"]) == (True, True)
        await send(pia, type="send", body="Hello!")
        assert (await next_frame(mette, "message"))["body"] == "Hello!"

        await opened(cast.mette, space_id, room.pk, is_open=False)
        state = await next_frame(pia, "state")
        assert (state["is_open"], state["can_write"]) == (False, False)
        assert (await next_frame(mette, "state"))["can_write"] is True
        await send(pia, type="send", body="One more")
        assert "closed" in (await next_frame(pia, "error"))["message"]
        for communicator in (pia, mette):
            await communicator.disconnect()

    async_to_sync(scenario)()
    assert list(ChatMessage.objects.values_list("body", flat=True)) == ["Hello!"]


def test_observers_read_only_and_a_closed_project_makes_the_chat_read_only(cast: Cast):
    space_id = cast.project.space.pk
    room = chat.create_room(cast.mette, space_id, name="Teachers", for_pupils=False)
    otto_headers, mette_headers = socket_headers(observer_otto(cast)), socket_headers(cast.mette)
    path = room_path(space_id, room.pk)

    async def observer() -> None:
        otto, state = await connect(path, otto_headers)
        assert state["can_write"] is False and "Observers" in state["reason"]
        mette, _state = await connect(path, mette_headers)
        await send(mette, type="send", body="Welcome, Otto")
        assert (await next_frame(otto, "message"))["body"] == "Welcome, Otto"
        await send(otto, type="send", body="Thanks")
        assert "Observers" in (await next_frame(otto, "error"))["message"]
        for communicator in (otto, mette):
            await communicator.disconnect()

    async_to_sync(observer)()
    projects.close_project(cast.mette, cast.project)

    async def closed() -> None:
        mette, state = await connect(path, mette_headers)  # still readable
        assert state["can_write"] is False and "closed" in state["reason"]
        await send(mette, type="send", body="After the end")
        assert "closed" in (await next_frame(mette, "error"))["message"]
        await mette.disconnect()

    async_to_sync(closed)()
    assert list(ChatMessage.objects.values_list("body", flat=True)) == ["Welcome, Otto"]


def test_teachers_delete_messages_and_everyone_sees_them_deleted(cast: Cast):
    space_id = cast.project.space.pk
    room = chat.create_room(cast.mette, space_id, name="Class chat", for_pupils=True, open_now=True)
    rude = chat.post_message(cast.pia, space_id, room.pk, "Something rude")
    path = room_path(space_id, room.pk)
    pia_headers, lucia_headers = socket_headers(cast.pia), socket_headers(cast.lucia)

    async def scenario() -> None:
        pia, _state = await connect(path, pia_headers)
        lucia, _state = await connect(path, lucia_headers)
        await send(pia, type="delete", id=rude.pk)  # pupils cannot delete
        assert "teachers" in (await next_frame(pia, "error"))["message"]
        await send(lucia, type="delete", id=rude.pk)
        for communicator in (pia, lucia):
            assert await next_frame(communicator, "deleted") == {"type": "deleted", "id": rude.pk}
        for communicator in (pia, lucia):
            await communicator.disconnect()

    async_to_sync(scenario)()
    rude.refresh_from_db()
    assert rude.deleted_at is not None and rude.deleted_by == cast.lucia


def test_flood_limit_and_bad_frames(cast: Cast):
    space_id = cast.project.space.pk
    room = chat.create_room(cast.mette, space_id, name="Class chat", for_pupils=True, open_now=True)
    path = room_path(space_id, room.pk)
    pia_headers = socket_headers(cast.pia)

    async def scenario() -> None:
        pia, _state = await connect(path, pia_headers)
        for number in range(chat.MESSAGES_PER_WINDOW):
            await send(pia, type="send", body=f"Spam {number}")
            assert (await next_frame(pia, "message"))["body"] == f"Spam {number}"
        await send(pia, type="send", body="One too many")
        assert "very fast" in (await next_frame(pia, "error"))["message"]
        for frame in ("not json", '{"type": "send", "body": ["x"]}', '{"type": "delete", "id": 1e30}', "[]"):
            await pia.send_to(text_data=frame)
            assert (await next_frame(pia, "error"))["message"] == "This message could not be read."
        await send(pia, type="delete", id=2**70)
        assert (await next_frame(pia, "error"))["message"] == "This message could not be read."
        await send(pia, type="send", body="x" * 1001)
        assert "at most 1000" in (await next_frame(pia, "error"))["message"]
        await pia.disconnect()

    async_to_sync(scenario)()
    assert ChatMessage.objects.count() == chat.MESSAGES_PER_WINDOW


def test_hiding_a_room_or_revoking_a_person_closes_their_connections(cast: Cast):
    space_id = cast.project.space.pk
    room = chat.create_room(cast.mette, space_id, name="Class chat", for_pupils=True, open_now=True)
    path = room_path(space_id, room.pk)
    pia_headers, mette_headers = socket_headers(cast.pia), socket_headers(cast.mette)
    hide = database_sync_to_async(chat.set_room_hidden)
    revoke = database_sync_to_async(chat.revoke_user)

    async def scenario() -> None:
        pia, _state = await connect(path, pia_headers)
        mette, _state = await connect(path, mette_headers)
        await hide(cast.mette, space_id, room.pk, hidden=True)
        assert (await pia.receive_output(timeout=5))["type"] == "websocket.close"
        state = await next_frame(mette, "state")  # the moderator still sees it, but nobody writes
        assert state["can_write"] is False
        assert await refused(path, pia_headers)
        await revoke(cast.mette.pk)
        assert (await mette.receive_output(timeout=5))["type"] == "websocket.close"

    async_to_sync(scenario)()
    room.refresh_from_db()
    assert room.hidden_at is not None and room.hidden_at <= timezone.now()


def test_a_message_posted_with_the_plain_form_reaches_open_sockets(cast: Cast):
    from django.test import Client
    from django.urls import reverse

    space_id = cast.project.space.pk
    room = chat.create_room(cast.mette, space_id, name="Class chat", for_pupils=True, open_now=True)
    mette_headers = socket_headers(cast.mette)
    pia = Client()
    pia.force_login(cast.pia)
    url = reverse("spaces:chat_room", args=[space_id, room.pk])
    post = database_sync_to_async(pia.post)

    async def scenario() -> None:
        mette, _state = await connect(room_path(space_id, room.pk), mette_headers)
        response = await post(url, {"body": "Sent without JavaScript"})
        assert response.status_code == 302
        frame = await next_frame(mette, "message")
        assert (frame["author"], frame["body"], frame["own"]) == ("Pia", "Sent without JavaScript", False)
        await mette.disconnect()

    async_to_sync(scenario)()
