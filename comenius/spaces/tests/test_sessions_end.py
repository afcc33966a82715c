"""Sessions end everywhere at once (issue 17): changing the password or losing a role closes the person's open
chat sockets (4403) — a frame sent afterwards is refused, nothing is stored — and their other sessions end."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest
from asgiref.sync import async_to_sync
from channels.db import database_sync_to_async
from channels.testing import WebsocketCommunicator
from django.conf import settings
from django.test import Client
from django.urls import reverse

from comenius.accounts import services as accounts
from comenius.accounts.models import User
from comenius.asgi import application
from comenius.devdata.testing import CAST_PASSWORD, Cast
from comenius.spaces.models import ChatMessage
from comenius.spaces.services import chat
from comenius.spaces.tests.live_setup import ORIGIN, everyone_in_english, room_path

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def _headers(browser: Client) -> list[tuple[bytes, bytes]]:
    session = browser.cookies[settings.SESSION_COOKIE_NAME].value
    return [
        (b"origin", ORIGIN),
        (b"host", b"testserver"),
        (b"cookie", f"{settings.SESSION_COOKIE_NAME}={session}".encode()),
    ]


def _socket_closes_on(cast: Cast, person: User, act: Callable[[], Any], body: str) -> None:
    room = chat.create_room(cast.mette, cast.project.space.pk, name="Class chat", for_pupils=True, open_now=True)
    browser = Client()
    browser.force_login(person)
    headers = _headers(browser)
    run = database_sync_to_async(act)

    async def scenario() -> None:
        socket = WebsocketCommunicator(application, room_path(cast.project.space.pk, room.pk), headers=headers)
        connected, _code = await socket.connect(timeout=5)
        assert connected
        assert (await socket.receive_json_from(timeout=5))["type"] == "state"
        await run()
        closing = await socket.receive_output(timeout=5)
        assert closing["type"] == "websocket.close" and closing["code"] == 4403
        await socket.send_to(text_data=json.dumps({"type": "send", "body": body}))
        await socket.wait(timeout=2)
        # The old session cannot reconnect either.
        again = WebsocketCommunicator(application, room_path(cast.project.space.pk, room.pk), headers=headers)
        connected, _code = await again.connect(timeout=5)
        assert not connected

    async_to_sync(scenario)()
    assert not ChatMessage.objects.filter(body=body).exists()
    # The other session (the browser that held the socket) is logged out too.
    assert browser.get(reverse("site:home")).status_code == 302


def test_changing_the_password_closes_the_open_socket(cast: Cast):
    everyone_in_english()
    other_device = Client()
    other_device.force_login(cast.mette)

    def change_password() -> None:
        response = other_device.post(
            reverse("account_change_password"),
            {"oldpassword": CAST_PASSWORD, "password1": "a-new-long-passphrase", "password2": "a-new-long-passphrase"},
        )
        assert response.status_code == 302

    _socket_closes_on(cast, cast.mette, change_password, "After the new password")
    # The device where the password was changed stays logged in.
    assert other_device.get(reverse("site:home")).status_code == 200


def test_losing_a_role_closes_the_open_socket(cast: Cast):
    everyone_in_english()
    # Mette becomes an NSO officer for a while, with a chat socket open as a teacher … and then a member again.
    accounts.change_role(cast.carla, cast.mette, "nso", country=cast.mette.country, reason="Seconded to the NSO")
    mette = User.objects.get(pk=cast.mette.pk)
    accounts.change_role(cast.carla, mette, "member", reason="Back at school")
    mette.refresh_from_db()

    def lose_role() -> None:
        accounts.change_role(cast.carla, mette, "central", reason="Joins central support")

    _socket_closes_on(cast, mette, lose_role, "After losing the role")


def test_ending_sessions_keeps_sessions_made_before_the_feature(cast: Cast):
    """Epoch 0 keeps Django's own session hash: nobody is logged out by the upgrade."""
    from django.contrib.auth.base_user import AbstractBaseUser

    user = User.objects.get(pk=cast.otto.pk)
    assert user.sessions_epoch == 0
    assert user.get_session_auth_hash() == AbstractBaseUser.get_session_auth_hash(user)
    accounts.end_sessions(user)
    assert user.get_session_auth_hash() != AbstractBaseUser.get_session_auth_hash(user)
