"""WebSocket route of the bell (served by `comenius.asgi`): every signed-in page's script connects here."""

from django.urls import path

from comenius.notifications.consumers import BellConsumer

websocket_urlpatterns = [path("ws/notifications/", BellConsumer.as_asgi())]
