"""Helpers of the chat and meeting tests: WebSocket connections with a real session, and more people in the
cast's space (an observer, a pupil of another project's space)."""

from __future__ import annotations

import json
from typing import Any

from channels.testing import WebsocketCommunicator
from django.conf import settings
from django.test import Client

from comenius.accounts.models import User
from comenius.asgi import application
from comenius.devdata.testing import Cast, active_project
from comenius.network import services as network
from comenius.projects import services as projects
from comenius.spaces.services.pupils import add_pupils

ORIGIN = b"http://testserver"


def socket_headers(user: User | None, origin: bytes = ORIGIN) -> list[tuple[bytes, bytes]]:
    """What a browser sends with the handshake: its Origin and (when signed in) the session cookie."""
    headers = [(b"origin", origin), (b"host", b"testserver")]
    if user is not None:
        client = Client()
        client.force_login(user)
        session = client.cookies[settings.SESSION_COOKIE_NAME].value
        headers.append((b"cookie", f"{settings.SESSION_COOKIE_NAME}={session}".encode()))
    return headers


def room_path(space_id: int, room_id: int) -> str:
    return f"/ws/spaces/{space_id}/chat/{room_id}/"


async def connect(path: str, headers: list[tuple[bytes, bytes]]) -> tuple[WebsocketCommunicator, dict[str, Any]]:
    """An accepted connection and the state frame it receives first (fails when refused)."""
    communicator = WebsocketCommunicator(application, path, headers=headers)
    connected, _code = await communicator.connect(timeout=15)
    assert connected, f"connection to {path} refused"
    state = await communicator.receive_json_from(timeout=15)
    assert state["type"] == "state"
    return communicator, state


async def refused(path: str, headers: list[tuple[bytes, bytes]]) -> bool:
    communicator = WebsocketCommunicator(application, path, headers=headers)
    connected, _code = await communicator.connect(timeout=15)
    if connected:
        await communicator.disconnect()
    return not connected


async def next_frame(communicator: WebsocketCommunicator, kind: str) -> dict[str, Any]:
    """The next frame of type `kind` (frames of other types in between are skipped)."""
    while True:
        frame = await communicator.receive_json_from(timeout=15)
        if frame["type"] == kind:
            return frame


async def send(communicator: WebsocketCommunicator, **frame: Any) -> None:
    await communicator.send_to(text_data=json.dumps(frame))


def everyone_in_english() -> None:
    """The cast's Danish speakers see pages (and chat refusals) in Danish; the tests read the English texts."""
    User.objects.update(language="en")


def observer_otto(cast: Cast) -> User:
    """Otto joins the cast's project as an observer (he becomes Mette's contact first)."""
    request = network.request_contact(cast.mette, cast.otto, "Hej Otto!")
    network.accept_contact(cast.otto, request)
    projects.invite_member(cast.mette, cast.project, cast.otto, "observer")
    projects.answer_invitation(cast.otto, cast.project, accept=True)
    return cast.otto


def other_space_pupil(cast: Cast) -> User:
    """Emil, a pupil in another project's space (Mette and Lucía run that one too)."""
    other = active_project(cast.lucia, cast.mette, [cast.jonas, cast.ana], "Songs of the sea")
    [(emil, _password)] = add_pupils(cast.lucia, other.space, ["Emil"], consent_confirmed=True)
    return emil
