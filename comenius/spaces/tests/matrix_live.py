"""Permission-matrix rows of the chat and the meetings. The objects are made through the services: an open
pupils' room with one message from Mette, and a meeting scheduled on a (test) Jitsi server."""

from datetime import timedelta

from django.test import override_settings
from django.utils import timezone

from comenius.spaces.models import ChatRoom
from comenius.spaces.services import chat, meetings
from comenius.spaces.tests.matrix_common import inside, space

# POST-only actions of the teachers (Mette and Lucía): 405 to them on GET, 404 to Pia (no right), as any
# other page of the space to everyone else.
TEACHERS_POST = inside(teachers=405, pupil=404)


def pupils_room(cast):
    # Each row gets its own room (room names are unique in a space).
    name = f"Class chat {ChatRoom.objects.count() + 1}"
    room = chat.create_room(cast.mette, cast.project.space.pk, name=name, for_pupils=True, open_now=True)
    return {"space_id": cast.project.space.pk, "room_id": room.pk}


def message(cast):
    kwargs = pupils_room(cast)
    sent = chat.post_message(cast.mette, kwargs["space_id"], kwargs["room_id"], "Hello everyone!")
    return {**kwargs, "message_id": sent.pk}


def meeting(cast):
    data = meetings.MeetingData("Meet the partners", timezone.now() + timedelta(days=1), 45)
    with override_settings(JITSI_URL="https://meet.example.org"):
        scheduled = meetings.schedule_meeting(cast.mette, cast.project.space.pk, data)
    return {"space_id": cast.project.space.pk, "meeting_id": scheduled.pk}


ROWS = {
    "spaces:chat": (space, inside()),
    "spaces:chat_room": (pupils_room, inside()),
    "spaces:chat_room_state": (pupils_room, TEACHERS_POST),
    "spaces:chat_room_hide": (pupils_room, TEACHERS_POST),  # the space's moderators: Mette and Lucía
    "spaces:chat_message_delete": (message, TEACHERS_POST),
    "spaces:meetings": (space, inside()),
    "spaces:meeting_start": (meeting, TEACHERS_POST),
    "spaces:meeting_end": (meeting, TEACHERS_POST),
    "spaces:meeting_cancel": (meeting, TEACHERS_POST),
}
