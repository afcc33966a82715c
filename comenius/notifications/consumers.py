"""The bell's WebSocket (`/ws/notifications/`): one per open page of a signed-in account.

It only listens: the page sends nothing (frames from it are ignored). On connect it sends the unread count;
afterwards `services.push` reaches it through the member's group `notifications.user.<id>`.

Frames to the page: {"type": "unread", "count": 3}
                    {"type": "notification", "count": 4,
                     "item": {"id": 9, "text": "…", "url": "/notifications/9/open/"}}
"""

from __future__ import annotations

import json
from typing import Any

from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncWebsocketConsumer

from comenius.notifications import access
from comenius.notifications.services import user_group


def _signed_in(scope: dict[str, Any]) -> Any:
    user = scope.get("user")
    user = getattr(user, "_wrapped", user)
    if user is not None and getattr(user, "is_authenticated", False) and getattr(user, "is_active", False):
        return user
    return None


class BellConsumer(AsyncWebsocketConsumer):
    async def connect(self) -> None:
        self.group_name = ""
        user = _signed_in(self.scope)
        if user is None:
            await self.close()
            return
        self.user = user
        self.group_name = user_group(user.pk)
        await self.channel_layer.group_add(self.group_name, self.channel_name)
        await self.accept()
        count = await database_sync_to_async(access.unread_count)(user)
        await self.send(text_data=json.dumps({"type": "unread", "count": count}))

    async def disconnect(self, code: int) -> None:
        if self.group_name:
            await self.channel_layer.group_discard(self.group_name, self.channel_name)

    async def receive(self, text_data: str | None = None, bytes_data: bytes | None = None) -> None:
        return  # the bell only listens

    async def notification_changed(self, event: dict[str, Any]) -> None:
        frame: dict[str, Any] = {"type": "unread", "count": event["unread"]}
        if event.get("item"):
            frame = {"type": "notification", "count": event["unread"], "item": event["item"]}
        await self.send(text_data=json.dumps(frame))

    async def notification_revoke(self, event: dict[str, Any]) -> None:
        await self.close(code=4403)
