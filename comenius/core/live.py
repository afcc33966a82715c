"""WebSocket consumers that outlive their channel layer (Redis) going away.

Channels reads each connection's messages from the layer in a loop beside the socket; when Redis is unreachable
that read raises, the consumer dies and the server answers the handshake with an error (the chat's was a 500).
`LiveConsumer` turns a failing layer into one event, `live.paused`, on which the connection tells the page
"live updates are paused" (a `paused` frame) and closes with code 4503; the page's script reconnects with growing
waits and, meanwhile, its forms post as without JavaScript. A consumer calls `join_groups` in `connect` instead
of the layer's `group_add`, and gets `leave_groups` for `disconnect`.
"""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import Awaitable, Callable
from typing import Any

from channels.generic.websocket import AsyncWebsocketConsumer
from django.utils import translation

logger = logging.getLogger(__name__)

PAUSED_CLOSE_CODE = 4503


def paused_message(language: str | None) -> str:
    with translation.override(language or None):
        return translation.gettext(
            "Live updates are paused. This page keeps trying to reconnect; reload it to see new messages."
        )


class LiveConsumer(AsyncWebsocketConsumer):
    language: str | None = None  # the viewer's language for the paused frame; set it in connect
    _joined: list[str]
    _accepted = False
    _paused = False
    _pause_pending = False

    # Channels sets `channel_receive` (the layer's read for this connection) at the start of each connection;
    # this property hands out a read that turns a failure into the `live.paused` event, once.
    def _get_receive(self) -> Callable[[], Awaitable[dict[str, Any]]]:
        return self._resilient_receive

    def _set_receive(self, value: Callable[[], Awaitable[dict[str, Any]]]) -> None:
        self._layer_receive = value

    channel_receive = property(_get_receive, _set_receive)

    async def _resilient_receive(self) -> dict[str, Any]:
        if not self._paused:
            try:
                return await self._layer_receive()
            except asyncio.CancelledError:
                raise
            except Exception as error:  # Redis unreachable, timed out, refused: the layer is gone for now
                logger.warning("Channel layer unavailable (%s: %s): live updates paused", type(error).__name__, error)
                self._paused = True
                return {"type": "live.paused"}
        await asyncio.Event().wait()  # nothing more from the layer on this connection; it is closing
        raise AssertionError("unreachable")

    async def accept(self, subprotocol: str | None = None, headers: Any = None) -> None:
        await super().accept(subprotocol, headers)
        self._accepted = True
        if self._pause_pending:
            await self.pause()

    async def join_groups(self, *groups: str) -> bool:
        """Join the layer's groups; False (and the connection paused) when the layer is unavailable."""
        self._joined = []
        try:
            for group in groups:
                await self.channel_layer.group_add(group, self.channel_name)
                self._joined.append(group)
        except Exception as error:
            logger.warning("Channel layer unavailable (%s: %s): live updates paused", type(error).__name__, error)
            self._paused = True
            await self.pause()
            return False
        return True

    async def leave_groups(self) -> None:
        for group in getattr(self, "_joined", []):
            try:
                await self.channel_layer.group_discard(group, self.channel_name)
            except Exception as error:  # the layer forgets the channel on its own (group expiry)
                logger.info("Could not leave %s on the channel layer: %s", group, error)
        self._joined = []

    async def live_paused(self, event: dict[str, Any]) -> None:
        if self._accepted:
            await self.pause()
        else:  # still in the handshake: pause once it is accepted
            self._pause_pending = True

    async def pause(self) -> None:
        """Tell the page that live updates are paused and close; the page reconnects by itself."""
        if not self._accepted:
            await self.accept()
        await self.send(text_data=json.dumps({"type": "paused", "message": paused_message(self.language)}))
        await self.close(code=PAUSED_CLOSE_CODE)
