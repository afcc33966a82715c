"""The chat's WebSocket: one connection per open room page (route in `spaces/routing.py`).

The connection is refused (the handshake is denied) for anyone who may not see the room: visitors, everyone
outside the space, pupils of other spaces, pupils at a teachers' room. Once open, every frame the page sends
goes through `services.chat`, which checks the seat and the room afresh each time (a room closed a second ago
refuses a pupil's next message). What others write reaches the connection through the room's group on the
channel layer.

Frames from the page:  {"type": "send", "body": "…"} · {"type": "delete", "id": 12}
Frames to the page:    {"type": "message", …see services.chat.message_payload, "own": bool}
                       {"type": "deleted", "id": 12} · {"type": "state", "is_open": bool, "can_write": bool,
                       "reason": "…"} · {"type": "error", "message": "…"}
                       {"type": "paused", "message": "…"} and close code 4503: the channel layer (Redis) is
                       unavailable; the page reconnects by itself (core.live)
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from channels.db import database_sync_to_async
from django.http import Http404
from django.utils import translation

from comenius.accounts.models import User
from comenius.core.errors import DomainError
from comenius.core.live import LiveConsumer
from comenius.spaces import access, access_live
from comenius.spaces.services import chat

# Far above a 1000-character message in JSON (every character escaped), far below anything abusive.
MAX_FRAME = 16_000


@dataclass(frozen=True)
class Place:
    """What a connection needs to know about the viewer's place in the room."""

    is_open: bool
    refusal: str | None


def _signed_in(scope: dict[str, Any]) -> User | None:
    user = scope.get("user")
    user = getattr(user, "_wrapped", user)  # AuthMiddleware's lazy object, already resolved
    if isinstance(user, User) and user.is_authenticated and user.is_active:
        return user
    return None


def _enter(user: User, space_id: int, room_id: int) -> Place:
    """The viewer's place in the room, or Http404 when they may not see it (now)."""
    user.refresh_from_db(fields=["is_active", "status", "role", "language"])
    with translation.override(user.language):
        seat = access.seat_for(user, space_id)
        room = access_live.room_for(seat, room_id)
        return Place(is_open=room.is_open, refusal=access_live.write_refusal(seat, room))


def _act(user: User, language: str, action: str, *args: Any) -> str | None:
    """Run a chat service for the viewer; the refusal message (in their language) or None."""
    with translation.override(language):
        try:
            if action == "send":
                chat.post_message(user, *args)
            else:
                chat.delete_message(user, *args)
        except DomainError as error:
            return error.message
    return None


class ChatConsumer(LiveConsumer):
    revoked = False

    async def connect(self) -> None:
        user = _signed_in(self.scope)
        kwargs = self.scope["url_route"]["kwargs"]
        self.space_id = int(kwargs["space_id"])
        self.room_id = int(kwargs["room_id"])
        if user is None:
            await self.close()
            return
        try:
            place = await database_sync_to_async(_enter)(user, self.space_id, self.room_id)
        except Http404:
            await self.close()
            return
        self.user = user
        self.language = user.language
        # Redis unreachable: the page is told that live updates are paused, and tries again (core.live).
        if not await self.join_groups(chat.room_group(self.room_id), chat.user_group(user.pk)):
            return
        await self.accept()
        await self._send_state(place)

    async def disconnect(self, code: int) -> None:
        await self.leave_groups()

    async def receive(self, text_data: str | None = None, bytes_data: bytes | None = None) -> None:
        if self.revoked:
            return
        frame = self._parse(text_data)
        if frame is None:
            with translation.override(self.user.language):
                unreadable = translation.gettext("This message could not be read.")
            await self._send({"type": "error", "message": unreadable})
            return
        if frame["type"] == "send":
            arguments: tuple[Any, ...] = (self.space_id, self.room_id, frame["body"])
        else:
            arguments = (self.space_id, self.room_id, frame["id"])
        try:
            refusal = await database_sync_to_async(_act)(self.user, self.user.language, frame["type"], *arguments)
        except Http404:
            # No longer allowed to see the room (removed from the space, room hidden): stop here.
            await self.close(code=4403)
            return
        if refusal is not None:
            await self._send({"type": "error", "message": refusal})

    @staticmethod
    def _parse(text_data: str | None) -> dict[str, Any] | None:
        """The frame as a dict of one of the two shapes above, or None for anything else (binary, empty,
        oversized, not JSON, nested too deep, a `type` that is not one of ours, a body that is not storable
        text, an id that is not a positive 64-bit integer)."""
        if not text_data or len(text_data) > MAX_FRAME:
            return None
        try:
            frame = json.loads(text_data)
        except (ValueError, RecursionError):
            return None
        if not isinstance(frame, dict) or not isinstance(frame.get("type"), str):
            return None
        if frame["type"] == "send":
            body = frame.get("body")
            if not isinstance(body, str):
                return None
            try:
                body.encode("utf-8")  # a lone surrogate ("\ud800") is valid JSON but no text a database stores
            except UnicodeEncodeError:
                return None
            return frame
        ident = frame.get("id")
        if frame["type"] == "delete" and type(ident) is int and 0 < ident < 2**63:
            return frame
        return None

    # --- events from the room's group (services.chat broadcasts them) -----------------------------------------

    async def chat_message(self, event: dict[str, Any]) -> None:
        message = event["message"]
        await self._send({"type": "message", **message, "own": message["author_id"] == self.user.pk})

    async def chat_deleted(self, event: dict[str, Any]) -> None:
        await self._send({"type": "deleted", "id": event["id"]})

    async def chat_state(self, event: dict[str, Any]) -> None:
        # Opened or closed: what this viewer may do now depends on their seat, so ask again.
        try:
            place = await database_sync_to_async(_enter)(self.user, self.space_id, self.room_id)
        except Http404:
            await self.close(code=4403)
            return
        await self._send_state(place)

    async def chat_revoke(self, event: dict[str, Any]) -> None:
        # Logged out, suspended, removed: nothing this connection still receives is acted on.
        self.revoked = True
        await self.close(code=4403)

    async def _send_state(self, place: Place) -> None:
        await self._send(
            {"type": "state", "is_open": place.is_open, "can_write": place.refusal is None, "reason": place.refusal}
        )

    async def _send(self, data: dict[str, Any]) -> None:
        await self.send(text_data=json.dumps(data))
