"""WebSocket routes of the project spaces (served by `comenius.asgi`). The room page's script connects here."""

from django.urls import path

from comenius.spaces.consumers import ChatConsumer

websocket_urlpatterns = [
    path("ws/spaces/<int:space_id>/chat/<int:room_id>/", ChatConsumer.as_asgi()),
]
