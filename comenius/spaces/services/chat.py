"""Writes in the chat rooms of a project space (who sees what: `spaces.access_live`).

A teacher (right "manage_chat") opens rooms, opens and closes pupils' rooms and deletes messages; the space's
moderators hide and show rooms. Everyone with the right "chat" writes in the rooms they see, pupils only
while a pupils' room is open; nobody writes in a read-only space or a hidden room.

Every write finds the writer's seat and the room afresh, so closing a room stops pupils' writes at once, also
on a WebSocket opened before. After its transaction commits, each write is broadcast to the room's group on
the channel layer, which every open connection to the room (`spaces.consumers.ChatConsumer`) listens to: the
WebSocket and the plain form (POST fallback) go through the same functions and reach the same people.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.db import transaction
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from comenius.accounts.models import User
from comenius.core.avatars import PALETTE, PICTURES, colour, initials
from comenius.core.errors import DomainError
from comenius.core.ratelimit import hit
from comenius.spaces import access, access_live, notifying
from comenius.spaces.access import Seat
from comenius.spaces.models import ChatMessage, ChatRoom

MAX_LENGTH = 1000
MAX_ROOMS = 50
# A flood guard per person across all rooms: a class typing together stays far below it.
MESSAGES_PER_WINDOW = 20
WINDOW_SECONDS = 10


def room_group(room_id: int) -> str:
    """The channel-layer group of a room's open connections."""
    return f"chat.room.{room_id}"


def user_group(user_id: int) -> str:
    """The channel-layer group of one person's open chat connections (see `revoke_user`)."""
    return f"chat.user.{user_id}"


# --- what the room's sockets receive ----------------------------------------------------------------------


def iso_utc(moment: datetime) -> str:
    """An ISO 8601 time in UTC, as `time[data-local]` elements carry it (the reader's browser localises it)."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def message_payload(message: ChatMessage) -> dict[str, Any]:
    """A message as the room's WebSockets receive it. Plain data, never HTML: the page's script inserts the
    text as text. A deleted message carries no body."""
    author = message.author
    deleted = message.deleted_at is not None
    return {
        "id": message.pk,
        "author": author.get_full_name() if author is not None else "",
        "author_id": author.pk if author is not None else None,
        "is_teacher": author is not None and not author.is_pupil,
        # The avatar (core/avatars.py): the room is the space's own teachers and pupils, who see pupils' pictures.
        "avatar": {
            "initials": initials(author.get_full_name()) if author is not None else "?",
            "colour": PALETTE.index(colour(author.get_full_name())) if author is not None else None,
            "picture": author.picture if author is not None and author.is_pupil and author.picture in PICTURES else "",
        },
        "body": "" if deleted else message.body,
        "deleted": deleted,
        "created_at": iso_utc(message.created_at),
    }


# --- writes --------------------------------------------------------------------------------------------------


def _require(seat: Seat, right: str, refusal: str) -> None:
    if access.can(seat, right):
        return
    if seat.read_only and seat.role in access.RIGHTS[right]:
        raise DomainError(_("This project is closed: nothing in its space can be changed any more."))
    raise DomainError(refusal)


def _broadcast(group: str, event: dict[str, Any]) -> None:
    """Send `event` to a group once the current transaction has committed. A channel layer that is down
    (Redis) is logged and does not undo what was saved: the others see it when they reload."""
    layer = get_channel_layer()
    if layer is None:
        return

    def send() -> None:
        async_to_sync(layer.group_send)(group, event)

    transaction.on_commit(send, robust=True)


def clean_body(body: str) -> str:
    """Plain text: control characters (NUL included) are dropped, except line breaks; blanks trimmed."""
    cleaned = "".join(ch for ch in body if ch == "\n" or (ord(ch) >= 32 and ord(ch) != 127)).strip()
    if not cleaned:
        raise DomainError(_("Write a message first."))
    if len(cleaned) > MAX_LENGTH:
        raise DomainError(
            _("A message can have at most %(limit)d characters; this one has %(count)d.")
            % {"limit": MAX_LENGTH, "count": len(cleaned)}
        )
    return cleaned


def create_room(teacher: User, space_id: int, *, name: str, for_pupils: bool, open_now: bool = False) -> ChatRoom:
    """A teacher (right "manage_chat") opens a room: a teachers' room, or a pupils' room, which stays closed to
    pupils' writing until a teacher opens it (`open_now` opens it at once)."""
    seat = access.seat_for(teacher, space_id)
    _require(seat, "manage_chat", _("Only the space's teachers can make chat rooms."))
    name = " ".join(name.split())
    if not name or len(name) > 100:
        raise DomainError(_("Give the room a name of at most 100 characters."))
    with transaction.atomic():
        rooms = ChatRoom.objects.filter(space=seat.space)
        if rooms.filter(name__iexact=name).exists():
            raise DomainError(_("There is already a room called “%(name)s”. Choose another name.") % {"name": name})
        if rooms.count() >= MAX_ROOMS:
            raise DomainError(_("A space can have at most %(limit)d chat rooms.") % {"limit": MAX_ROOMS})
        room = ChatRoom.objects.create(
            space=seat.space, author=teacher, name=name, for_pupils=for_pupils, is_open=for_pupils and open_now
        )
        if room.is_open:
            notifying.chat_opened(room)
        return room


def set_room_open(teacher: User, space_id: int, room_id: int, *, is_open: bool) -> ChatRoom:
    """A teacher opens or closes a pupils' room. Closing takes effect at once: pupils' next message is
    refused, and every open page of the room is told (its form is disabled for pupils)."""
    seat = access.seat_for(teacher, space_id)
    _require(seat, "manage_chat", _("Only the space's teachers can open and close rooms."))
    with transaction.atomic():
        room = access_live.visible_rooms(seat).select_for_update().filter(pk=room_id).first()
        if room is None:
            raise Http404
        if not room.for_pupils:
            raise DomainError(_("Teachers' rooms are always open to the teachers; there is nothing to open or close."))
        if room.is_open != is_open:
            room.is_open = is_open
            room.save(update_fields=["is_open"])
            if is_open:
                notifying.chat_opened(room)
        _broadcast(room_group(room.pk), {"type": "chat.state", "is_open": room.is_open})
    return room


def set_room_hidden(moderator: User, space_id: int, room_id: int, *, hidden: bool) -> ChatRoom:
    """A moderator of the space (right "moderate") hides a room from everyone else, or shows it again. Open
    connections of those who may no longer see it are closed at once."""
    seat = access.seat_for(moderator, space_id)
    _require(seat, "moderate", _("Only the space's administrators can hide rooms."))
    with transaction.atomic():
        room = access_live.visible_rooms(seat).select_for_update().filter(pk=room_id).first()
        if room is None:
            raise Http404
        if (room.hidden_at is not None) != hidden:
            room.hidden_at = timezone.now() if hidden else None
            room.save(update_fields=["hidden_at"])
        _broadcast(room_group(room.pk), {"type": "chat.state", "is_open": room.is_open})
    return room


def post_message(user: User, space_id: int, room_id: int, body: str) -> ChatMessage:
    """Anyone in the space with the right to chat writes in a room they may see: pupils only in an open pupils'
    room, nobody in a read-only space or a hidden room. At most MESSAGES_PER_WINDOW messages per
    WINDOW_SECONDS per person. The message goes to every open connection to the room."""
    seat = access.seat_for(user, space_id)
    room = access_live.room_for(seat, room_id)
    refusal = access_live.write_refusal(seat, room)
    if refusal is not None:
        raise DomainError(refusal)
    text = clean_body(body)
    if not hit(f"chat:{user.pk}", MESSAGES_PER_WINDOW, WINDOW_SECONDS):
        raise DomainError(_("You are writing very fast. Wait a few seconds, then send your message again."))
    with transaction.atomic():
        message = ChatMessage.objects.create(room=room, author=user, body=text)
        _broadcast(room_group(room.pk), {"type": "chat.message", "message": message_payload(message)})
    return message


def delete_message(teacher: User, space_id: int, room_id: int, message_id: int) -> ChatMessage:
    """A teacher (right "manage_chat") deletes a message: it stays in the history as "deleted" for everyone,
    its text is no longer shown or sent; who deleted it and when are kept."""
    seat = access.seat_for(teacher, space_id)
    _require(seat, "manage_chat", _("Only the space's teachers can delete messages."))
    room = access_live.room_for(seat, room_id)
    with transaction.atomic():
        message = room.messages.select_for_update().filter(pk=message_id).first()
        if message is None:
            raise Http404
        if message.deleted_at is None:
            message.deleted_at = timezone.now()
            message.deleted_by = teacher
            message.save(update_fields=["deleted_at", "deleted_by"])
            announce_deleted(message)
    return message


def announce_deleted(message: ChatMessage) -> None:
    """Tell the room's open pages that a message is gone (for moderation, which soft-deletes reported messages
    itself: `spaces.services.moderation.set_hidden`)."""
    _broadcast(room_group(message.room_id), {"type": "chat.deleted", "id": message.pk})


def revoke_user(user_id: int) -> None:
    """Close every open chat connection of a person at once (after they were removed from a space, suspended
    or deleted). Their pages reconnect, and only to the rooms they may still see."""
    _broadcast(user_group(user_id), {"type": "chat.revoke"})
