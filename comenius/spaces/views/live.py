"""Chat rooms and online meetings of a space. Thin: `access_live` decides who sees what, `services.chat` and
`services.meetings` who does what. Every page works without JavaScript; `static/js/chat.js` makes the room
page live over a WebSocket (`spaces.consumers`)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from comenius.core import submissions
from comenius.core.errors import DomainError
from comenius.core.params import positive_id
from comenius.spaces import access, access_live
from comenius.spaces.access import Seat
from comenius.spaces.forms_live import MeetingForm, MessageForm, RoomForm
from comenius.spaces.models import ChatMessage, Meeting
from comenius.spaces.services import chat, meetings
from comenius.spaces.services.meetings import MeetingData
from comenius.spaces.views.common import render_space, space_view, viewer

ALLOWED = ["GET", "HEAD", "POST"]


# --- chat ----------------------------------------------------------------------------------------------------


@space_view()
def chat_rooms(request: HttpRequest, seat: Seat) -> HttpResponse:
    """The rooms the viewer may see; teachers open new rooms here."""
    if request.method not in ALLOWED:
        return HttpResponseNotAllowed(ALLOWED)
    can_manage = access_live.can_manage(seat)
    form = RoomForm(request.POST or None) if can_manage else None
    if request.method == "POST":
        if form is None:
            return HttpResponseNotAllowed(["GET", "HEAD"])
        if form.is_valid():
            try:
                room = chat.create_room(
                    viewer(request),
                    seat.space.pk,
                    name=form.cleaned_data["name"],
                    for_pupils=form.cleaned_data["for_pupils"],
                    open_now=form.cleaned_data["open_now"],
                )
            except DomainError as error:
                form.add_error(None, error.message)
            else:
                return redirect("spaces:chat_room", space_id=seat.space.pk, room_id=room.pk)
    context = {"rooms": list(access_live.visible_rooms(seat)), "form": form, "can_manage": can_manage}
    return render_space(request, seat, "spaces/live/chat.html", context, status=400 if form and form.errors else 200)


@space_view()
def chat_room(request: HttpRequest, seat: Seat, room_id: int) -> HttpResponse:
    """A room: its latest messages, and a form that posts a message (the page's script sends it over the
    WebSocket instead when it can; both go through `services.chat.post_message`)."""
    if request.method not in ALLOWED:
        return HttpResponseNotAllowed(ALLOWED)
    room = access_live.room_for(seat, room_id)
    form = MessageForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user, body, key = viewer(request), form.cleaned_data["body"], form.cleaned_data["submission"]
            submissions.once(
                user.pk, key, "spaces.chat", ChatMessage, lambda: chat.post_message(user, seat.space.pk, room.pk, body)
            )
        except DomainError as error:
            form.add_error("body", error.message)
        else:
            return redirect(reverse("spaces:chat_room", args=[seat.space.pk, room.pk]) + "#chat-form")
    before = positive_id(request.GET.get("before"))
    history, more = access_live.history(room, before=before)
    context = {
        "room": room,
        "history": history,
        "more": more,
        "before": before,
        "form": form,
        "refusal": access_live.write_refusal(seat, room),
        "can_manage": access_live.can_manage(seat),
        "socket_path": f"/ws/spaces/{seat.space.pk}/chat/{room.pk}/",
    }
    return render_space(request, seat, "spaces/live/chat_room.html", context, status=400 if form.errors else 200)


@space_view("manage_chat")
def chat_room_state(request: HttpRequest, seat: Seat, room_id: int) -> HttpResponse:
    """A teacher opens or closes a pupils' room (POST `open` = 1 or 0)."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    is_open = request.POST.get("open") == "1"
    try:
        chat.set_room_open(viewer(request), seat.space.pk, room_id, is_open=is_open)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("The room is open: pupils can write now.")
            if is_open
            else _("The room is closed: pupils can read it but no longer write."),
        )
    return redirect("spaces:chat_room", space_id=seat.space.pk, room_id=room_id)


@space_view("moderate")
def chat_room_hide(request: HttpRequest, seat: Seat, room_id: int) -> HttpResponse:
    """A moderator of the space hides a room from everyone else, or shows it again (POST `hidden` = 1 or 0)."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    hidden = request.POST.get("hidden") == "1"
    try:
        chat.set_room_hidden(viewer(request), seat.space.pk, room_id, hidden=hidden)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request, _("Hidden: only the space's administrators see the room now.") if hidden else _("Shown again.")
        )
    return redirect("spaces:chat_room", space_id=seat.space.pk, room_id=room_id)


@space_view("manage_chat")
def chat_message_delete(request: HttpRequest, seat: Seat, room_id: int, message_id: int) -> HttpResponse:
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    try:
        chat.delete_message(viewer(request), seat.space.pk, room_id, message_id)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The message was deleted. Everyone now sees that it was deleted."))
    return redirect(reverse("spaces:chat_room", args=[seat.space.pk, room_id]) + f"#message-{message_id}")


# --- meetings ------------------------------------------------------------------------------------------------


def _row(seat: Seat, meeting: Meeting, now: Any) -> dict[str, Any]:
    live = access_live.is_live(meeting)
    return {
        "meeting": meeting,
        "starts_iso": chat.iso_utc(meeting.starts_at),
        "live": live,
        "over": access_live.is_over(meeting, now),
        "join_url": access_live.join_url(meeting) if access_live.can_join(seat, meeting, now) else "",
    }


@space_view()
def meeting_list(request: HttpRequest, seat: Seat) -> HttpResponse:
    """The space's meetings, each at the reader's own local time; teachers schedule, start and end them."""
    if request.method not in ALLOWED:
        return HttpResponseNotAllowed(ALLOWED)
    enabled = access_live.meetings_enabled()
    can_schedule = access.can(seat, "schedule_meetings")
    user = viewer(request)
    form = MeetingForm(request.POST or None, country_code=user.country_id) if can_schedule else None
    if request.method == "POST":
        if form is None:
            return HttpResponseNotAllowed(["GET", "HEAD"])
        if not enabled:
            form.add_error(None, meetings.switched_off_message())
        elif form.is_valid():
            data = MeetingData(
                title=form.cleaned_data["title"],
                starts_at=form.cleaned_data["starts_at"],
                duration_minutes=form.cleaned_data["duration_minutes"],
            )
            try:
                meetings.schedule_meeting(user, seat.space.pk, data)
            except DomainError as error:
                form.add_error(None, error.message)
            else:
                messages.success(request, _("The meeting is scheduled. Start it here when it is time."))
                return redirect("spaces:meetings", space_id=seat.space.pk)
    now = timezone.now()
    rows = [_row(seat, meeting, now) for meeting in access_live.visible_meetings(seat)]
    context = {
        "enabled": enabled,
        "upcoming": [row for row in rows if not row["over"]],
        "past": [row for row in rows if row["over"]][::-1][:20],
        "form": form if enabled else None,
        "can_schedule": can_schedule,
        "refusal": meetings.switched_off_message() if not enabled else "",
    }
    status = 400 if form and form.errors else 200
    return render_space(request, seat, "spaces/live/meetings.html", context, status=status)


def _meeting_action(request: HttpRequest, seat: Seat, meeting_id: int, action: str) -> HttpResponse:
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    user = viewer(request)
    done = {
        "start": _("The meeting has started: the space's pupils can join it now."),
        "end": _("The meeting has ended: pupils can no longer join it."),
        "cancel": _("The meeting is cancelled."),
    }
    try:
        if action == "start":
            meetings.start_meeting(user, seat.space.pk, meeting_id)
        elif action == "end":
            meetings.end_meeting(user, seat.space.pk, meeting_id)
        else:
            meetings.cancel_meeting(user, seat.space.pk, meeting_id)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, done[action])
    return redirect("spaces:meetings", space_id=seat.space.pk)


@space_view("schedule_meetings")
def meeting_start(request: HttpRequest, seat: Seat, meeting_id: int) -> HttpResponse:
    return _meeting_action(request, seat, meeting_id, "start")


@space_view("schedule_meetings")
def meeting_end(request: HttpRequest, seat: Seat, meeting_id: int) -> HttpResponse:
    return _meeting_action(request, seat, meeting_id, "end")


@space_view("schedule_meetings")
def meeting_cancel(request: HttpRequest, seat: Seat, meeting_id: int) -> HttpResponse:
    return _meeting_action(request, seat, meeting_id, "cancel")
