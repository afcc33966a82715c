"""Reads of the chat rooms and online meetings that depend on who is asking (DESIGN.md rule 1).

Every function takes the viewer's `Seat` (from `access.seat_for`: 404 for anyone outside the space) and answers
404 for what that seat may not see:
- teachers' rooms (`for_pupils` False): the space's teachers only (experts and observers included);
- hidden rooms and meetings (`hidden_at`, set by a moderator): the space's moderators only;
- a meeting's link (its unguessable room on JITSI_URL): the space's teachers at any time, pupils only while a
  teacher has started it and not ended it; nobody while meetings are switched off (JITSI_URL empty).
Seeing follows the role, not the project's state; writing (`write_refusal`) also needs an active project.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from comenius.spaces import access
from comenius.spaces.access import Seat
from comenius.spaces.models import ChatMessage, ChatRoom, Meeting

HISTORY_SIZE = 50  # messages shown with the room page; older ones one page at a time
# A started meeting nobody ended stays open to pupils this long after its planned end, then closes for them.
PUPIL_GRACE = timedelta(minutes=60)


# --- chat rooms ---------------------------------------------------------------------------------------------


def is_moderator(seat: Seat) -> bool:
    """Who sees hidden rooms: the space's moderators (a read, so it holds in a closed project too)."""
    return seat.role in access.RIGHTS["moderate"]


def visible_rooms(seat: Seat) -> QuerySet[ChatRoom]:
    """The rooms of the seat's space the viewer may see (and read): pupils see pupils' rooms only."""
    rooms = ChatRoom.objects.filter(space=seat.space)
    if not seat.is_teacher:
        rooms = rooms.filter(for_pupils=True)
    if not is_moderator(seat):
        rooms = rooms.filter(hidden_at__isnull=True)
    return rooms.order_by("name", "pk")


def room_for(seat: Seat, room_id: int) -> ChatRoom:
    """One room the viewer may see, or 404."""
    room = visible_rooms(seat).filter(pk=room_id).first()
    if room is None:
        raise Http404
    return room


def can_manage(seat: Seat) -> bool:
    return access.can(seat, "manage_chat")


def write_refusal(seat: Seat, room: ChatRoom) -> str | None:
    """Why the viewer cannot write in `room` now, as a sentence for them, or None when they can."""
    if seat.read_only:
        return _("This project is closed: its chat can be read, but nobody can write in it any more.")
    if not access.can(seat, "chat"):
        return _("Observers can read the chat but not write in it.")
    if room.hidden_at is not None:
        return _("A moderator has hidden this room: nobody can write in it.")
    if seat.is_pupil and not (room.for_pupils and room.is_open):
        return _("This room is closed. Your teacher opens it when it is time to chat.")
    return None


def history(room: ChatRoom, *, before: int | None = None, limit: int = HISTORY_SIZE) -> tuple[list[ChatMessage], bool]:
    """The newest `limit` messages of the room (older than message `before` when given), oldest first, and
    whether there are older ones. One query, whatever the room's size (index `chat_history`)."""
    messages = room.messages.select_related("author")
    if before is not None:
        anchor = room.messages.filter(pk=before).values_list("created_at", flat=True).first()
        if anchor is not None:
            messages = messages.filter(Q(created_at__lt=anchor) | Q(created_at=anchor, pk__lt=before))
    newest = list(messages.order_by("-created_at", "-pk")[: limit + 1])
    return newest[:limit][::-1], len(newest) > limit


# --- meetings -----------------------------------------------------------------------------------------------


def meetings_enabled() -> bool:
    return bool(settings.JITSI_URL.strip())


def join_url(meeting: Meeting) -> str:
    """The meeting's room on the Jitsi server. Only ever shown to those `can_join` allows."""
    return f"{settings.JITSI_URL.strip().rstrip('/')}/comenius-{meeting.room_token}"


def visible_meetings(seat: Seat) -> QuerySet[Meeting]:
    """The space's meetings the viewer may see (hidden ones for its moderators only), earliest first."""
    meetings = Meeting.objects.filter(space=seat.space)
    if not is_moderator(seat):
        meetings = meetings.filter(hidden_at__isnull=True)
    return meetings.order_by("starts_at", "pk")


def meeting_for(seat: Seat, meeting_id: int) -> Meeting:
    meeting = visible_meetings(seat).filter(pk=meeting_id).first()
    if meeting is None:
        raise Http404
    return meeting


def planned_end(meeting: Meeting) -> datetime:
    return meeting.starts_at + timedelta(minutes=meeting.duration_minutes)


def is_live(meeting: Meeting) -> bool:
    return meeting.started_at is not None and meeting.ended_at is None


def is_over(meeting: Meeting, now: datetime | None = None) -> bool:
    """Ended by a teacher; or never started and its planned time is past; or started and left running longer
    than its whole duration plus PUPIL_GRACE (then pupils can no longer join)."""
    now = now or timezone.now()
    if meeting.ended_at is not None:
        return True
    if meeting.started_at is None:
        return planned_end(meeting) < now
    return now >= pupils_deadline(meeting)


def pupils_deadline(meeting: Meeting) -> datetime:
    """Until when pupils may join a started meeting that no teacher has ended: its whole duration (counted from
    the planned or the real start, whichever is later) plus PUPIL_GRACE."""
    started = meeting.started_at or meeting.starts_at
    return max(meeting.starts_at, started) + timedelta(minutes=meeting.duration_minutes) + PUPIL_GRACE


def can_join(seat: Seat, meeting: Meeting, now: datetime | None = None) -> bool:
    """Teachers of the space at any time; pupils only while the meeting runs (started by a teacher, not ended,
    not past `pupils_deadline`) in an active project. Nobody while meetings are off or the meeting is hidden."""
    if not meetings_enabled() or meeting.hidden_at is not None:
        return False
    if seat.is_teacher:
        return True
    if seat.read_only or not is_live(meeting):
        return False
    return (now or timezone.now()) < pupils_deadline(meeting)
