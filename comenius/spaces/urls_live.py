"""Chat rooms (their WebSocket route is in `spaces/routing.py`) and online meetings."""

from django.urls import path

from comenius.spaces.views import live

urlpatterns = [
    path("spaces/<int:space_id>/chat/", live.chat_rooms, name="chat"),
    path("spaces/<int:space_id>/chat/<int:room_id>/", live.chat_room, name="chat_room"),
    path("spaces/<int:space_id>/chat/<int:room_id>/state/", live.chat_room_state, name="chat_room_state"),
    path("spaces/<int:space_id>/chat/<int:room_id>/hide/", live.chat_room_hide, name="chat_room_hide"),
    path(
        "spaces/<int:space_id>/chat/<int:room_id>/messages/<int:message_id>/delete/",
        live.chat_message_delete,
        name="chat_message_delete",
    ),
    path("spaces/<int:space_id>/meetings/", live.meeting_list, name="meetings"),
    path("spaces/<int:space_id>/meetings/<int:meeting_id>/start/", live.meeting_start, name="meeting_start"),
    path("spaces/<int:space_id>/meetings/<int:meeting_id>/end/", live.meeting_end, name="meeting_end"),
    path("spaces/<int:space_id>/meetings/<int:meeting_id>/cancel/", live.meeting_cancel, name="meeting_cancel"),
]
